package org.densereg.infer;

import java.nio.file.Path;
import java.util.Objects;
import org.densereg.data.Landmarks;
import org.densereg.data.face.FaceCrop;
import org.densereg.detect.FaceDetection;
import org.densereg.supervision.body.BodyCrop;

/**
 * One face (or person, {@link #bodyCrop}) to predict: where it is and how to locate it. A face is located by one of:
 * landmarks given with the image (crop {@link FaceCrop#aroundLandmarks}, as {@code supervise} does), a box (crop
 * {@link FaceCrop#aroundBox}, margin {@value FaceCrop#BOX_MARGIN}), a box of the face detector ({@link #detected},
 * crop {@link DetectedFace#crop}), or none (the whole image is the face, {@link FacePredictor#wholeImageCrop}).
 *
 * @param id        output name, unique within a run (may contain {@code /} for sub-folders)
 * @param image     the image file
 * @param landmarks landmarks locating the face (0-based pixels), or null
 * @param box       box {@code [x, y, w, h]} (0-based pixels) locating the face, or null (ignored when landmarks are given)
 * @param detected  the detector's face locating it, or null (then landmarks, box or the whole image)
 */
public record InferenceItem(String id, Path image, Landmarks landmarks, double[] box, DetectedFace detected) {

    /**
     * A face found by the face detector in its image.
     *
     * @param detection the box and score ({@link FaceDetection}: continuous pixel coordinates)
     * @param index     k of {@code <image id>_face<k>}: 0-based rank by score within the image
     * @param count     faces kept in the image
     */
    public record DetectedFace(FaceDetection detection, int index, int count) {

        /**
         * Side of the crop around a detector box, as a multiple of the box's larger side: the landmark crop of
         * training ({@value FaceCrop#LANDMARK_MARGIN} × the landmarks' extent) with the extent measured at 0.72 × the
         * tiny face detector's box on 40 annotated faces (docs/face-detector.md).
         */
        public static final double MARGIN = 1.15;
        /**
         * Upward shift of the crop's centre from the box's centre, as a fraction of the box's larger side (the
         * landmark crop's {@value FaceCrop#LANDMARK_UPWARD_SHIFT} × extent, less the landmarks' centre measured 0.013
         * below the box's).
         */
        public static final double UPWARD_SHIFT = 0.06;

        /** The crop of this face: a square of {@link #MARGIN} × the box's larger side, raised by {@link #UPWARD_SHIFT}. */
        public FaceCrop crop(int size) {
            FaceDetection d = detection;
            double side = Math.max(d.width(), d.height());
            double cx = d.x() + d.width() / 2 - 0.5;
            double cy = d.y() + d.height() / 2 - 0.5 - UPWARD_SHIFT * side;
            return FaceCrop.centredSquare(cx, cy, MARGIN * side, size);
        }
    }

    /** An item without a detection (located by landmarks, a box or the whole image). */
    public InferenceItem(String id, Path image, Landmarks landmarks, double[] box) {
        this(id, image, landmarks, box, null);
    }

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

    /** How the face is located: {@code landmarks}, {@code box}, {@code detect} or {@code whole}. */
    public String localisation() {
        return landmarks != null ? "landmarks" : box != null ? "box" : detected != null ? "detect" : "whole";
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
        if (detected != null) {
            return detected.crop(size);
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
        if (landmarks != null || detected != null) {
            throw new IllegalArgumentException("a person is located by a box or the whole image, not by face landmarks"
                    + " or the face detector");
        }
        return box != null ? BodyCrop.aroundBox(box, size) : BodyCrop.wholeImage(width, height, size);
    }
}
