package org.densereg.supervision.body;

import java.awt.image.BufferedImage;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.densereg.data.body.BodyJoints;

/**
 * The body ground truth of one person, in the pixels of its crop.
 *
 * @param id      the sample id, used as file-name stem (letters, digits, {@code - _ .}; not starting with {@code .})
 * @param image   the crop, H × W
 * @param maps    part labels, u and v per crop pixel (same size as the image)
 * @param joints  the joints in crop pixels (0-based)
 * @param crop    the transform from the original image to the crop, or null when the sample is not a crop
 * @param quality facts about the sample (JSON-serialisable values), in insertion order
 */
public record BodySupervisionSample(String id, BufferedImage image, BodyMaps maps, BodyJoints joints, BodyCrop crop,
        Map<String, Object> quality) {

    /** Checks that image and maps have the same size and copies the quality map. */
    public BodySupervisionSample {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(maps, "maps");
        Objects.requireNonNull(joints, "joints");
        if (maps.width() != image.getWidth() || maps.height() != image.getHeight()) {
            throw new IllegalArgumentException("maps " + maps.width() + "x" + maps.height() + " do not match the image "
                    + image.getWidth() + "x" + image.getHeight());
        }
        quality = quality == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(quality));
    }

    /** Width in pixels. */
    public int width() {
        return image.getWidth();
    }

    /** Height in pixels. */
    public int height() {
        return image.getHeight();
    }
}
