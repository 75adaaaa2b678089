package org.densereg.infer;

import java.nio.file.Path;
import java.util.Objects;
import org.densereg.data.Landmarks;
import org.densereg.data.face.FaceCrop;
import org.densereg.supervision.body.BodyCrop;

/**
 * One face (or person, {@link #bodyCrop}) to predict: where it is and how to locate it. This project has no face detector, so the face is
 * located by one of: landmarks given with the image (crop {@link FaceCrop#aroundLandmarks}, as {@code supervise}
 * does), a box (crop {@link FaceCrop#aroundBox}, margin {@value FaceCrop#BOX_MARGIN}), or neither (the whole image
 * is the face, {@link FacePredictor#wholeImageCrop}).
 *
 * @param id        output name, unique within a run (may contain {@code /} for sub-folders)
 * @param image     the image file
 * @param landmarks landmarks locating the face (0-based pixels), or null
 * @param box       box {@code [x, y, w, h]} (0-based pixels) locating the face, or null (ignored when landmarks are given)
 */
public record InferenceItem(String id, Path image, Landmarks landmarks, double[] box) {

    /** Validates the id and copies the box. */
    public InferenceItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(image, "image");
        if (id.isBlank()) {
            throw new IllegalArgumentException("empty id");
        }
        box = box == null ? null : box.clone();
    }

    /** A whole-image item. */
    public static InferenceItem whole(String id, Path image) {
        return new InferenceItem(id, image, null, null);
    }

    /** How the face is located: {@code landmarks}, {@code box} or {@code whole}. */
    public String localisation() {
        return landmarks != null ? "landmarks" : box != null ? "box" : "whole";
    }

    /**
     * The crop of this face in an image of the given size.
     *
     * @throws IllegalArgumentException when the landmarks are not finite or the box is degenerate
     */
    public FaceCrop crop(int width, int height, int size) {
        if (landmarks != null) {
            return FaceCrop.aroundLandmarks(landmarks, size);
        }
        if (box != null) {
            return FaceCrop.aroundBox(box, size);
        }
        return FacePredictor.wholeImageCrop(width, height, size);
    }

    /**
     * The crop of this person in an image of the given size: around the box ({@link BodyCrop#aroundBox}, the box read
     * as the joints' box, margin {@value BodyCrop#MARGIN} as in training) or the whole image
     * ({@link BodyCrop#wholeImage}).
     *
     * @throws IllegalArgumentException when the item is located by landmarks (not defined for bodies) or the box is
     *                                  degenerate
     */
    public BodyCrop bodyCrop(int width, int height, int size) {
        if (landmarks != null) {
            throw new IllegalArgumentException("a person is located by a box or the whole image, not by face landmarks");
        }
        return box != null ? BodyCrop.aroundBox(box, size) : BodyCrop.wholeImage(width, height, size);
    }
}
