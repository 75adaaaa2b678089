package org.densereg.trainingdata.face;

/**
 * One concrete augmentation, drawn by {@link FaceAugmenter#draw} or given explicitly. Geometry (all in 0-based
 * pixel-centre coordinates): the input W × H image is first resized to outSize × outSize
 * ({@code x_r = (x + 0.5) · outSize / W − 0.5}, likewise y); then, about the output centre
 * {@code c = (outSize − 1) / 2}, with {@code d = (x_r − c, y_r − c)}:
 * <pre>
 *   x' = c + outSize · shiftX + scale · ( cos θ · d_x + sin θ · d_y)
 *   y' = c + outSize · shiftY + scale · (−sin θ · d_x + cos θ · d_y)
 * </pre>
 * so a positive θ turns the content counter-clockwise as seen on screen (y down); last, when {@code flip},
 * {@code x'' = outSize − 1 − x'}. Colour factors act on the image only: brightness multiplies every channel,
 * contrast blends each channel with the image's mean grey ({@code g + contrast · (p − g)}), saturation blends
 * each pixel with its own luminance ({@code l + saturation · (p − l)}), in that order, clamped to [0, 255].
 *
 * @param scale           zoom factor, &gt; 0 (1 = none)
 * @param rotationDegrees θ in degrees, counter-clockwise on screen
 * @param shiftX          x translation as a fraction of the output size
 * @param shiftY          y translation as a fraction of the output size (positive = down)
 * @param flip            mirror horizontally after the other geometric steps
 * @param brightness      brightness factor, ≥ 0 (1 = none)
 * @param contrast        contrast factor, ≥ 0 (1 = none)
 * @param saturation      saturation factor, ≥ 0 (1 = none)
 */
public record FaceTransform(double scale, double rotationDegrees, double shiftX, double shiftY, boolean flip,
        double brightness, double contrast, double saturation) {

    public FaceTransform {
        if (!(scale > 0) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("scale must be positive and finite, got " + scale);
        }
        if (!Double.isFinite(rotationDegrees) || !Double.isFinite(shiftX) || !Double.isFinite(shiftY)) {
            throw new IllegalArgumentException("rotation and shifts must be finite");
        }
        if (!(brightness >= 0 && contrast >= 0 && saturation >= 0)
                || !Double.isFinite(brightness + contrast + saturation)) {
            throw new IllegalArgumentException("colour factors must be finite and non-negative");
        }
    }

    /** The identity: only the resize to the output size. */
    public static FaceTransform identity() {
        return new FaceTransform(1, 0, 0, 0, false, 1, 1, 1);
    }

    /** The same transform with a horizontal flip (or without one). */
    public FaceTransform withFlip(boolean newFlip) {
        return new FaceTransform(scale, rotationDegrees, shiftX, shiftY, newFlip, brightness, contrast, saturation);
    }

    /** True when the colour factors are all 1. */
    public boolean colourIdentity() {
        return brightness == 1 && contrast == 1 && saturation == 1;
    }

    /**
     * The forward map from input to output pixel coordinates as an affine matrix.
     *
     * @return [6] {@code (a, b, tx, c, d, ty)}: {@code x' = a·x + b·y + tx}, {@code y' = c·x + d·y + ty}
     */
    public double[] matrix(int inWidth, int inHeight, int outSize) {
        double rx = (double) outSize / inWidth;
        double ry = (double) outSize / inHeight;
        double c = (outSize - 1) / 2.0;
        double th = Math.toRadians(rotationDegrees);
        double cos = Math.cos(th);
        double sin = Math.sin(th);
        // d = (rx·x + (0.5·rx − 0.5 − c), ry·y + (0.5·ry − 0.5 − c))
        double ox = 0.5 * rx - 0.5 - c;
        double oy = 0.5 * ry - 0.5 - c;
        double a = scale * cos * rx;
        double b = scale * sin * ry;
        double tx = c + outSize * shiftX + scale * (cos * ox + sin * oy);
        double cc = -scale * sin * rx;
        double d = scale * cos * ry;
        double ty = c + outSize * shiftY + scale * (-sin * ox + cos * oy);
        if (flip) {
            return new double[] {-a, -b, outSize - 1 - tx, cc, d, ty};
        }
        return new double[] {a, b, tx, cc, d, ty};
    }
}
