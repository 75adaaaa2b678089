package org.densereg.detect;

/**
 * One detected face: a box in the image's pixels and the detector's confidence. The box is continuous: the image spans
 * {@code [0, width] × [0, height]} (pixel edges), so the box's centre in 0-based pixel-centre coordinates is
 * {@code (x + w / 2 − 0.5, y + h / 2 − 0.5)}, the same as a dlib box {@code [x, y, w, h]} covering pixels
 * {@code x .. x + w − 1} ({@code FaceCrop.aroundBox}). A box may reach beyond the image.
 *
 * @param x      left edge
 * @param y      top edge
 * @param width  width, &gt; 0
 * @param height height, &gt; 0
 * @param score  confidence in (0, 1): the sigmoid of the detector's objectness logit
 */
public record FaceDetection(double x, double y, double width, double height, double score) {

    /** The box as {@code [x, y, w, h]}. */
    public double[] box() {
        return new double[] {x, y, width, height};
    }

    /** {@code x + width}. */
    public double right() {
        return x + width;
    }

    /** {@code y + height}. */
    public double bottom() {
        return y + height;
    }

    /**
     * Intersection over union of two boxes.
     *
     * @param other another box
     * @return area(A ∩ B) / area(A ∪ B) in [0, 1]
     */
    public double iou(FaceDetection other) {
        double iw = Math.max(0, Math.min(right(), other.right()) - Math.max(x, other.x));
        double ih = Math.max(0, Math.min(bottom(), other.bottom()) - Math.max(y, other.y));
        double inter = iw * ih;
        return inter / (width * height + other.width * other.height - inter);
    }

    /** This box moved by (dx, dy). */
    FaceDetection shifted(double dx, double dy) {
        return new FaceDetection(x + dx, y + dy, width, height, score);
    }
}
