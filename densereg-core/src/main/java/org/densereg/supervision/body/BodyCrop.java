package org.densereg.supervision.body;

import java.awt.image.BufferedImage;
import org.densereg.data.body.BodyJoints;
import org.densereg.data.face.FaceCrop;

/**
 * A square crop around a person: source pixel (x, y) maps to crop pixel (scale·x + offsetX, scale·y + offsetY),
 * both 0-based pixel centres. {@link #aroundJoints} takes the bounding box of the present joints and a square of
 * side {@value #MARGIN} × max(box width, box height) centred on the box (the margin leaves room for the limbs'
 * and head's width beyond the joints, and for feet and hands), with at least {@value #MIN_SIDE} source pixels.
 *
 * @param scale   crop pixels per source pixel, &gt; 0
 * @param offsetX x offset in crop pixels
 * @param offsetY y offset in crop pixels
 * @param size    side of the crop in pixels
 */
public record BodyCrop(double scale, double offsetX, double offsetY, int size) {

    /** Side of the crop over the larger side of the joints' box. */
    public static final double MARGIN = 1.3;
    /** Smallest crop side in source pixels (a person with all joints in one spot). */
    public static final double MIN_SIDE = 16;

    /** Checks the values. */
    public BodyCrop {
        if (!(scale > 0) || !Double.isFinite(scale) || !Double.isFinite(offsetX) || !Double.isFinite(offsetY)
                || size <= 0) {
            throw new IllegalArgumentException("body crop needs a finite scale > 0, finite offsets and size > 0");
        }
    }

    /**
     * The crop around the present joints with the documented margin.
     *
     * @throws IllegalArgumentException when no joint is present or size ≤ 0
     */
    public static BodyCrop aroundJoints(BodyJoints joints, int size) {
        double[] b = joints.bounds();
        if (b == null) {
            throw new IllegalArgumentException("no joint present");
        }
        return aroundBounds(b, size);
    }

    /**
     * The crop around a person box with the same convention as {@link #aroundJoints}: the box {@code [x, y, w, h]}
     * is read as the bounding box of the person's joints, {@code [x, x + w] × [y, y + h]} in 0-based pixel
     * coordinates (so the box of a person's joints, {@code [min x, min y, max x − min x, max y − min y]}, gives exactly
     * the training crop). The crop is the square of side {@value #MARGIN} × max(w, h) (at least {@value #MIN_SIDE}
     * source pixels) centred on (x + w/2, y + h/2), whose centre lands on crop pixel ((size − 1)/2, (size − 1)/2).
     *
     * @param box  {@code [x, y, w, h]}, w and h &gt; 0
     * @param size crop side in pixels
     * @throws IllegalArgumentException when the box is not 4 finite numbers with w, h &gt; 0, or size ≤ 0
     */
    public static BodyCrop aroundBox(double[] box, int size) {
        if (box.length != 4 || !(box[2] > 0) || !(box[3] > 0) || !Double.isFinite(box[0]) || !Double.isFinite(box[1])
                || !Double.isFinite(box[2]) || !Double.isFinite(box[3])) {
            throw new IllegalArgumentException("person box must be [x, y, w, h] with finite values and w, h > 0");
        }
        return aroundBounds(new double[] {box[0], box[1], box[0] + box[2], box[1] + box[3]}, size);
    }

    /**
     * The crop that treats a whole image as the person crop: the square of side max(width, height) centred on the
     * image centre ((width − 1)/2, (height − 1)/2), the shorter side padded with black (letterbox), as for faces.
     *
     * @param width  image width
     * @param height image height
     * @param size   crop side in pixels
     */
    public static BodyCrop wholeImage(int width, int height, int size) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        return centred((width - 1) / 2.0, (height - 1) / 2.0, Math.max(width, height), size);
    }

    /** {@code b = [x0, y0, x1, y1]}: side MARGIN × the larger extent (≥ MIN_SIDE), centred on the box. */
    private static BodyCrop aroundBounds(double[] b, int size) {
        double side = Math.max(MIN_SIDE, MARGIN * Math.max(b[2] - b[0], b[3] - b[1]));
        return centred(0.5 * (b[0] + b[2]), 0.5 * (b[1] + b[3]), side, size);
    }

    private static BodyCrop centred(double cx, double cy, double side, int size) {
        double s = size / side;
        return new BodyCrop(s, (size - 1) / 2.0 - s * cx, (size - 1) / 2.0 - s * cy, size);
    }

    /**
     * The same transform for maps of another side: crop pixel centres 0 and {@code size − 1} map to 0 and
     * {@code side − 1} (aligned corners, as the network's stride-8 outputs relate to its input).
     *
     * @param side the other side in pixels
     */
    public BodyCrop resampled(int side) {
        if (side == size) {
            return this;
        }
        double k = (side - 1) / (double) (size - 1);
        return new BodyCrop(scale * k, offsetX * k, offsetY * k, side);
    }

    /** The joints in crop pixels. */
    public BodyJoints apply(BodyJoints source) {
        return source.scaleTranslate(scale, offsetX, offsetY);
    }

    /** Crop joints back in source pixels. */
    public BodyJoints invert(BodyJoints crop) {
        return crop.scaleTranslate(1 / scale, -offsetX / scale, -offsetY / scale);
    }

    /** Resamples the crop from a source image (bilinear, box-filtered when shrinking, black outside; as {@link FaceCrop}). */
    public BufferedImage toImage(BufferedImage src) {
        return new FaceCrop(scale, offsetX, offsetY, size).toImage(src);
    }
}
