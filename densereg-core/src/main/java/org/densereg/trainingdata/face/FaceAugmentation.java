package org.densereg.trainingdata.face;

/**
 * Ranges of the random augmentation {@link FaceAugmenter} draws per training sample (DESIGN §3). Every
 * transform is drawn uniformly within its range; see {@link FaceAugmenter#draw} for the exact distributions.
 *
 * @param maxScale           scale range: the zoom factor s is log-uniform in [1 / (1 + maxScale), 1 + maxScale];
 *                           ≥ 0 (0 = no scaling)
 * @param maxRotationDegrees in-plane rotation uniform in [−maxRotationDegrees, maxRotationDegrees], in [0, 180]
 * @param maxShift           translation of each axis uniform in [−maxShift, maxShift] × output size, in [0, 1]
 * @param flipProbability    probability of a horizontal flip, in [0, 1]
 * @param brightness         brightness factor uniform in [1 − brightness, 1 + brightness], in [0, 1]
 * @param contrast           contrast factor uniform in [1 − contrast, 1 + contrast], in [0, 1]
 * @param saturation         saturation factor uniform in [1 − saturation, 1 + saturation], in [0, 1]
 */
public record FaceAugmentation(double maxScale, double maxRotationDegrees, double maxShift, double flipProbability,
        double brightness, double contrast, double saturation) {

    public FaceAugmentation {
        check("maxScale", maxScale, 0, Double.MAX_VALUE);
        check("maxRotationDegrees", maxRotationDegrees, 0, 180);
        check("maxShift", maxShift, 0, 1);
        check("flipProbability", flipProbability, 0, 1);
        check("brightness", brightness, 0, 1);
        check("contrast", contrast, 0, 1);
        check("saturation", saturation, 0, 1);
    }

    /**
     * The default training augmentation: scale ±25 % (s in [0.8, 1.25]), rotation ±20°, shift ±10 % of the
     * size, flip with probability 0.5, brightness, contrast and saturation ±20 %.
     */
    public static FaceAugmentation defaults() {
        return new FaceAugmentation(0.25, 20, 0.1, 0.5, 0.2, 0.2, 0.2);
    }

    /** No augmentation: every draw is the identity (only the resize to the output size remains). */
    public static FaceAugmentation none() {
        return new FaceAugmentation(0, 0, 0, 0, 0, 0, 0);
    }

    private static void check(String name, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(name + " must be in [" + min + ", " + (max == Double.MAX_VALUE
                    ? "∞)" : max + "]") + ", got " + value);
        }
    }
}
