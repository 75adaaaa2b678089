package org.densereg.spark;

import java.io.Serializable;
import java.nio.file.Path;
import org.densereg.data.Landmarks;
import org.densereg.infer.InferenceItem;

/**
 * An {@link InferenceItem} as it travels to an executor ({@link Path} is not serializable).
 *
 * @param id        the item's output id
 * @param image     its image file, as {@link Path#toString()} gave it
 * @param landmarks interleaved landmark coordinates locating the face, or null
 * @param box       {@code [x, y, w, h]} locating the face or person, or null
 */
record ItemRecord(String id, String image, double[] landmarks, double[] box) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The record of an item. */
    static ItemRecord of(InferenceItem item) {
        return new ItemRecord(item.id(), item.image().toString(),
                item.landmarks() == null ? null : item.landmarks().xy(), item.box());
    }

    /** The item again. */
    InferenceItem toItem() {
        return new InferenceItem(id, Path.of(image), landmarks == null ? null : new Landmarks(landmarks), box);
    }
}
