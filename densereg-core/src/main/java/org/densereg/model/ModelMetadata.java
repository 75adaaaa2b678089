package org.densereg.model;

import java.util.Map;

/**
 * What a model archive says about its network, so that inference and evaluation reproduce training exactly.
 *
 * @param formatVersion      archive format version ({@link ModelArchive#FORMAT_VERSION})
 * @param task               {@code face} or {@code body} (decides the predictor: {@code FacePredictor}, {@code BodyPredictor})
 * @param template           id of the template the (u, v) refer to, e.g. {@code default-gpmm-mediapipe468/cylindrical}
 * @param bins               K, the number of quantization bins per coordinate
 * @param inputSize          side of the square network input, pixels
 * @param inputMean          [3] per-channel RGB mean (0–255 scale) subtracted from the input
 * @param inputScale         factor applied after the mean subtraction (network input = (pixel − mean) · scale)
 * @param templateLandmarkUv [136] template (u, v) of the 68 iBUG landmarks (NaN written as null), for landmark extraction
 * @param network            the resolved network configuration
 * @param training           provenance: iterations, seed, data, versions, git revision
 * @param weightsSha256      SHA-256 (hex) of the weights entry, checked on load
 */
public record ModelMetadata(
        int formatVersion,
        String task,
        String template,
        int bins,
        int inputSize,
        double[] inputMean,
        double inputScale,
        Double[] templateLandmarkUv,
        Map<String, Object> network,
        Map<String, Object> training,
        String weightsSha256) {

    /** Key of {@link #training()} that asks body models for the test-time flip by default. */
    public static final String TEST_TIME_FLIP = "testTimeFlip";

    /**
     * @return whether the archive asks for the test-time flip by default ({@code training.testTimeFlip}, written by
     *         {@code train-body} from {@code model.testTimeFlip}); false when absent
     */
    public boolean testTimeFlip() {
        return training != null && Boolean.TRUE.equals(training.get(TEST_TIME_FLIP));
    }

    /**
     * @param templateUv [136] landmark (u, v), NaN when undefined
     * @return the same values with NaN as null (JSON has no NaN)
     */
    public static Double[] boxLandmarkUv(double[] templateUv) {
        Double[] out = new Double[templateUv.length];
        for (int i = 0; i < templateUv.length; i++) {
            out[i] = Double.isFinite(templateUv[i]) ? templateUv[i] : null;
        }
        return out;
    }

    /** @return [136] template landmark (u, v) with NaN for undefined landmarks */
    public double[] landmarkUv() {
        double[] out = new double[templateLandmarkUv.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = templateLandmarkUv[i] == null ? Double.NaN : templateLandmarkUv[i];
        }
        return out;
    }

    /**
     * @param sha256 the weights' hash
     * @return a copy with the hash set
     */
    public ModelMetadata withWeightsSha256(String sha256) {
        return new ModelMetadata(formatVersion, task, template, bins, inputSize, inputMean, inputScale, templateLandmarkUv,
                network, training, sha256);
    }
}
