package org.densereg.data.body;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One annotated person.
 *
 * @param id     sample id (file-name stem of the outputs), e.g. {@code im0001}
 * @param image  the image file
 * @param joints the joints in the image's 0-based pixels
 */
public record BodyAnnotation(String id, Path image, BodyJoints joints) {

    /** Checks for nulls. */
    public BodyAnnotation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(joints, "joints");
    }
}
