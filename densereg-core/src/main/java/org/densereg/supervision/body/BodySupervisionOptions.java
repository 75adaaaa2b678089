package org.densereg.supervision.body;

/**
 * Settings of a body supervision run.
 *
 * @param size    side of the square crops in pixels (default {@value #DEFAULT_SIZE})
 * @param threads worker threads, ≥ 1
 */
public record BodySupervisionOptions(int size, int threads) {

    /** Default crop side. */
    public static final int DEFAULT_SIZE = 256;

    /** Checks the values. */
    public BodySupervisionOptions {
        if (size < 8 || size > 4096) {
            throw new IllegalArgumentException("crop size must be 8..4096, got " + size);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
    }

    /** Crop side {@value #DEFAULT_SIZE}, one thread per processor. */
    public static BodySupervisionOptions defaults() {
        return new BodySupervisionOptions(DEFAULT_SIZE, Runtime.getRuntime().availableProcessors());
    }
}
