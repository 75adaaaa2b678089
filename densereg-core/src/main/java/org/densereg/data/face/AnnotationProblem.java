package org.densereg.data.face;

import java.nio.file.Path;
import org.densereg.io.BadInputException;

/**
 * An annotation that a scan skipped, with the reason.
 *
 * @param file    the offending file (annotation file, or the missing image)
 * @param message the full message, {@code file:line: what} as a {@link BadInputException} formats it
 */
public record AnnotationProblem(Path file, String message) {

    /** The problem a bad-input exception describes. */
    public static AnnotationProblem of(BadInputException e) {
        return new AnnotationProblem(e.file(), e.getMessage());
    }
}
