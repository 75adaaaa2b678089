package org.densereg.infer;

import java.nio.file.Path;

/**
 * An item (face or person) or an input that a batch-inference run could not process; one row of
 * {@code failures.csv}.
 *
 * @param id     the item's output id (or the input's name)
 * @param image  the file concerned
 * @param reason what went wrong
 */
public record InferenceFailure(String id, Path image, String reason) {
}
