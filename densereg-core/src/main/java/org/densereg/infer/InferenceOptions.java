package org.densereg.infer;

/**
 * How a batch-inference run ({@link FaceInferenceRun}, {@link BodyInferenceRun}) uses the machine. Neither value
 * changes the outputs: every item still gets its own forward pass.
 *
 * @param batchSize items decoded ahead and handed to the predictor together, ≥ 1
 * @param threads   worker threads for decoding and writing, ≥ 1
 * @param flipTest  body models: the test-time flip ({@link BodyPredictor}) on or off; null = what the archive asks
 *                  for ({@link org.densereg.model.ModelMetadata#testTimeFlip()}). Face models take null only
 */
public record InferenceOptions(int batchSize, int threads, Boolean flipTest) {

    /** Options with the archive's own test-time flip setting. */
    public InferenceOptions(int batchSize, int threads) {
        this(batchSize, threads, null);
    }

    /**
     * Validates the values.
     *
     * @throws IllegalArgumentException when a value is below 1
     */
    public InferenceOptions {
        if (batchSize < 1 || threads < 1) {
            throw new IllegalArgumentException("batchSize and threads must be >= 1, got " + batchSize + ", " + threads);
        }
    }
}
