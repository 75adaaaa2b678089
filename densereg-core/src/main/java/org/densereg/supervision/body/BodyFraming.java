package org.densereg.supervision.body;

import java.util.Locale;
import org.densereg.data.body.BodyJoints;

/**
 * How a body supervision crop frames its person.
 *
 * <ul>
 *   <li>{@link #JOINTS}: the square around the annotated joints ({@link BodyCrop#aroundJoints}), the person at one
 *       scale and centred; ground truth is needed to place it, so at test time it is the secondary
 *       "ground-truth crop" protocol.</li>
 *   <li>{@link #IMAGE}: the whole image letterboxed to the square ({@link BodyCrop#wholeImage}), exactly what
 *       {@code densereg infer} and the standard LSP protocol feed the network for an image without a box. Training
 *       and validating on this framing makes the validation figure the standard-protocol figure on held-out
 *       images.</li>
 * </ul>
 */
public enum BodyFraming {
    /** Square crop around the annotated joints. */
    JOINTS,
    /** The whole image, letterboxed. */
    IMAGE;

    /** Lower-case name as written on the command line and in {@code summary.json}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@code joints} or {@code image} (any case).
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static BodyFraming parse(String text) {
        for (BodyFraming f : values()) {
            if (f.label().equalsIgnoreCase(text.trim())) {
                return f;
            }
        }
        throw new IllegalArgumentException("framing must be joints or image, got '" + text + "'");
    }

    /** The crop of this framing for an annotated person in an image of the given size. */
    BodyCrop crop(BodyJoints joints, int imageWidth, int imageHeight, int size) {
        return this == JOINTS ? BodyCrop.aroundJoints(joints, size) : BodyCrop.wholeImage(imageWidth, imageHeight, size);
    }
}
