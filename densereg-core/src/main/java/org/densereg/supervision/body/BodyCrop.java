package org.densereg.supervision.body;

import java.awt.image.BufferedImage;
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
        double side = Math.max(MIN_SIDE, MARGIN * Math.max(b[2] - b[0], b[3] - b[1]));
        double s = size / side;
        double cx = 0.5 * (b[0] + b[2]);
        double cy = 0.5 * (b[1] + b[3]);
        return new BodyCrop(s, (size - 1) / 2.0 - s * cx, (size - 1) / 2.0 - s * cy, size);
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
