package org.densereg.train;

import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * The training batches, addressed by iteration. {@code batch(i)} must depend only on the source's seed and
 * {@code i} (derive randomness from {@link #seedFor}), so that a resumed run sees exactly the batches an
 * uninterrupted run would. Sources used with {@link PrefetchingBatchSource} must be safe to call from several
 * threads at once (for different iterations).
 */
@FunctionalInterface
public interface BatchSource {

    /**
     * The batch of one iteration.
     *
     * @param iteration 0-based iteration
     * @return features and labels in the order of the network's inputs and outputs, e.g. features
     *         {@code [N, 3, H, W]} images; labels as the network's loss layers expect them
     */
    MultiDataSet batch(long iteration);

    /**
     * A well-mixed seed for one iteration (SplitMix64 of seed and iteration): distinct iterations get
     * unrelated seeds; the same (seed, iteration) always gives the same value.
     */
    static long seedFor(long seed, long iteration) {
        long z = seed * 0x9E3779B97F4A7C15L + iteration + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
