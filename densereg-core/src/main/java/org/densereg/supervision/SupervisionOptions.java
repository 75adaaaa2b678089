package org.densereg.supervision;

/**
 * Options of the face supervision generator.
 *
 * @param size    side of the square face crop and of the ground-truth maps, pixels
 * @param threads worker threads (images are processed in parallel)
 */
public record SupervisionOptions(int size, int threads) {

    public SupervisionOptions {
        if (size < 16 || size > 4096) {
            throw new IllegalArgumentException("size must be in [16, 4096], got " + size);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
    }

    /** @return 256² crops (the default) on all available processors */
    public static SupervisionOptions defaults() {
        return new SupervisionOptions(256, Runtime.getRuntime().availableProcessors());
    }
}
