package org.densereg.supervision.body;

/**
 * Settings of a body supervision run.
 *
 * @param size    side of the square crops in pixels (default {@value #DEFAULT_SIZE})
 * @param threads worker threads, ≥ 1
 * @param framing how each crop frames its person (default {@link BodyFraming#JOINTS})
 */
public record BodySupervisionOptions(int size, int threads, BodyFraming framing) {

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
        if (framing == null) {
            throw new IllegalArgumentException("framing must be given");
        }
    }

    /** Crops around the joints ({@link BodyFraming#JOINTS}). */
    public BodySupervisionOptions(int size, int threads) {
        this(size, threads, BodyFraming.JOINTS);
    }

    /** Crop side {@value #DEFAULT_SIZE}, one thread per processor. */
    public static BodySupervisionOptions defaults() {
        return new BodySupervisionOptions(DEFAULT_SIZE, Runtime.getRuntime().availableProcessors());
    }
}
