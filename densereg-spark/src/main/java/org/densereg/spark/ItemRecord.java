package org.densereg.spark;

import java.io.Serializable;
import java.nio.file.Path;
import org.densereg.data.Landmarks;
import org.densereg.detect.FaceDetection;
import org.densereg.infer.InferenceItem;

/**
 * An {@link InferenceItem} as it travels to an executor ({@link Path} is not serializable).
 *
 * @param id        the item's output id
 * @param image     its image file, as {@link Path#toString()} gave it
 * @param landmarks interleaved landmark coordinates locating the face, or null
 * @param box       {@code [x, y, w, h]} locating the face or person, or null
 * @param detected  the face detector's face as {@code [x, y, width, height, score, index, count]}
 *                  ({@link InferenceItem.DetectedFace}), or null
 */
record ItemRecord(String id, String image, double[] landmarks, double[] box, double[] detected)
        implements Serializable {

    private static final long serialVersionUID = 2L;

    /** The record of an item. */
    static ItemRecord of(InferenceItem item) {
        InferenceItem.DetectedFace f = item.detected();
        double[] detected = f == null ? null : new double[] {f.detection().x(), f.detection().y(),
            f.detection().width(), f.detection().height(), f.detection().score(), f.index(), f.count()};
        return new ItemRecord(item.id(), item.image().toString(),
                item.landmarks() == null ? null : item.landmarks().xy(), item.box(), detected);
    }

    /** The item again. */
    InferenceItem toItem() {
        InferenceItem.DetectedFace f = detected == null ? null : new InferenceItem.DetectedFace(
                new FaceDetection(detected[0], detected[1], detected[2], detected[3], detected[4]), (int) detected[5],
                (int) detected[6]);
        return new InferenceItem(id, Path.of(image), landmarks == null ? null : new Landmarks(landmarks), box, f);
    }
}
