package org.densereg.data.face;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import org.densereg.data.Landmarks;

/**
 * One annotated face: the image it is in, its 68 iBUG landmarks and, when the dataset gives one, its box.
 *
 * @param id        unique within a scan, usable as a file name (letters, digits, {@code - _ .}); e.g.
 *                  {@code helen_trainset_100032540_1} or {@code 2008_001009_2}
 * @param image     the image file
 * @param landmarks 68 points, 0-based pixel centres of {@code image}
 * @param box       the dataset's face box {@code [x, y, w, h]} (x, y = left, top; 0-based pixels), or null
 */
public record FaceAnnotation(String id, Path image, Landmarks landmarks, double[] box) {

    public FaceAnnotation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(landmarks, "landmarks");
        if (box != null) {
            if (box.length != 4) {
                throw new IllegalArgumentException("box must be [x, y, w, h], got " + box.length + " values");
            }
            box = box.clone();
        }
    }

    /** A copy of the box {@code [x, y, w, h]}, or null. */
    @Override
    public double[] box() {
        return box == null ? null : box.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FaceAnnotation f && id.equals(f.id) && image.equals(f.image)
                && landmarks.equals(f.landmarks) && Arrays.equals(box, f.box);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, image, landmarks, Arrays.hashCode(box));
    }
}
