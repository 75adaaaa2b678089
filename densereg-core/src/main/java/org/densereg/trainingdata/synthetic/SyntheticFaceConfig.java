package org.densereg.trainingdata.synthetic;

/**
 * How synthetic faces are drawn. Angles in degrees; every range is sampled uniformly unless stated.
 *
 * @param size                 image side in pixels (square images)
 * @param maxYaw               yaw drawn from [−maxYaw, maxYaw]
 * @param maxPitch             pitch drawn from [−maxPitch, maxPitch]
 * @param maxRoll              roll drawn from [−maxRoll, maxRoll]
 * @param shapeSigma           shape coefficients drawn from N(0, shapeSigma²) (in the model's standard deviations)
 * @param expressionSigma      expression coefficients drawn from N(0, expressionSigma²)
 * @param minFaceFraction      smallest face width (jaw extent of the mean shape) as a fraction of the image side
 * @param maxFaceFraction      largest face width as a fraction of the image side
 * @param maxShift             largest shift of the face centre from the image centre, as a fraction of the side
 * @param occluderProbability  probability that an image gets one occluding shape over the face
 * @param style                how photographic the rendering is ({@link RenderStyle#BASIC} for the original
 *                             renderer); with {@link RenderStyle#PHOTO} the face is framed from its landmark box
 *                             as a detector box would frame it, and the face fractions above are not used
 */
public record SyntheticFaceConfig(
        int size,
        double maxYaw,
        double maxPitch,
        double maxRoll,
        double shapeSigma,
        double expressionSigma,
        double minFaceFraction,
        double maxFaceFraction,
        double maxShift,
        double occluderProbability,
        RenderStyle style) {

    public SyntheticFaceConfig {
        if (style == null) {
            throw new IllegalArgumentException("style must be given");
        }
        if (size < 16) {
            throw new IllegalArgumentException("size must be at least 16, got " + size);
        }
        if (!(minFaceFraction > 0 && minFaceFraction <= maxFaceFraction && maxFaceFraction <= 1.5)) {
            throw new IllegalArgumentException("face fractions must satisfy 0 < min ≤ max ≤ 1.5, got "
                    + minFaceFraction + ", " + maxFaceFraction);
        }
        if (!(occluderProbability >= 0 && occluderProbability <= 1)) {
            throw new IllegalArgumentException("occluderProbability must be in [0, 1], got " + occluderProbability);
        }
    }

    /**
     * Defaults: 129² images (8k+1 for the network), yaw ±60° as in the issue, pitch ±20°, roll ±20°,
     * shapes within the model's prior, faces 45–75 % of the image wide, a third of them occluded, basic style.
     *
     * @return the default configuration
     */
    public static SyntheticFaceConfig defaults() {
        return new SyntheticFaceConfig(129, 60, 20, 20, 1.0, 1.0, 0.45, 0.75, 0.1, 0.3, RenderStyle.BASIC);
    }

    /**
     * @param newSize image side
     * @return a copy with another image size
     */
    public SyntheticFaceConfig withSize(int newSize) {
        return new SyntheticFaceConfig(newSize, maxYaw, maxPitch, maxRoll, shapeSigma, expressionSigma,
                minFaceFraction, maxFaceFraction, maxShift, occluderProbability, style);
    }

    /**
     * @param newStyle rendering style
     * @return a copy with another style
     */
    public SyntheticFaceConfig withStyle(RenderStyle newStyle) {
        return new SyntheticFaceConfig(size, maxYaw, maxPitch, maxRoll, shapeSigma, expressionSigma,
                minFaceFraction, maxFaceFraction, maxShift, occluderProbability, newStyle);
    }
}
