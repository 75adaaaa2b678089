package org.densereg.supervision;

import java.awt.image.BufferedImage;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.densereg.data.Landmarks;
import org.densereg.data.face.FaceCrop;

/**
 * The ground truth of one face, in the pixels of its crop.
 *
 * @param id        the face id, used as file-name stem (letters, digits, {@code - _ .}; not starting with {@code .})
 * @param image     the crop, H × W (normally {@link BufferedImage#TYPE_INT_RGB})
 * @param u         [H·W] row-major template u in [0, 1] per pixel, -1 on background
 * @param v         [H·W] row-major template v in [0, 1] (v up), -1 on background
 * @param parts     [H·W] row-major part labels (0 = background; see the part chart), read as unsigned
 * @param landmarks the annotated landmarks in crop pixels (0-based), NaN where absent
 * @param crop      the transform from the original image to the crop, or null when the sample is not a crop
 * @param quality   fit-quality figures and other per-face facts (JSON-serialisable values: finite numbers,
 *                  strings, booleans, lists, maps), kept in insertion order
 */
public record FaceSupervisionSample(String id, BufferedImage image, float[] u, float[] v, byte[] parts,
        Landmarks landmarks, FaceCrop crop, Map<String, Object> quality) {

    public FaceSupervisionSample {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(u, "u");
        Objects.requireNonNull(v, "v");
        Objects.requireNonNull(parts, "parts");
        Objects.requireNonNull(landmarks, "landmarks");
        int n = image.getWidth() * image.getHeight();
        if (u.length != n || v.length != n || parts.length != n) {
            throw new IllegalArgumentException("u, v and parts need " + n + " values (" + image.getWidth() + "x"
                    + image.getHeight() + "), got " + u.length + ", " + v.length + ", " + parts.length);
        }
        quality = quality == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(quality));
    }

    /** Width of the crop in pixels. */
    public int width() {
        return image.getWidth();
    }

    /** Height of the crop in pixels. */
    public int height() {
        return image.getHeight();
    }

    /** True at pixel index {@code i} (row-major) when it shows the face: u ≥ 0 and v ≥ 0. */
    public boolean isForeground(int i) {
        return u[i] >= 0 && v[i] >= 0;
    }
}
