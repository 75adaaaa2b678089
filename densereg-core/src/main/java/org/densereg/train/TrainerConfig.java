package org.densereg.train;

import java.util.ArrayList;
import java.util.List;

/**
 * The training loop's settings (the {@code train} section of a run's configuration).
 *
 * @param iterations      total number of iterations (batches), &gt; 0
 * @param seed            seed of everything random in the run (batches via {@link BatchSource#seedFor}, dropout)
 * @param logEvery        iterations between rows of {@code metrics.csv}, &gt; 0
 * @param validateEvery   iterations between validations (also run after the last iteration); 0 = only at the end
 * @param checkpointEvery iterations between checkpoints (one is always written after the last iteration), &gt; 0
 * @param keepCheckpoints how many periodic checkpoints to keep (oldest deleted first), &gt; 0
 * @param prefetchBatches batches computed ahead in background threads; 0 = none
 * @param workers         data-parallel workers, &ge; 1: each iteration's batch is split into this many equal shards
 *                        whose gradients are averaged before one update (one per GPU on the CUDA backend; see
 *                        {@code docs/gpu.md}); 1 = the plain single-worker loop
 * @param optimizer       the optimiser and learning-rate schedule
 * @param selectFrom      first iteration whose validation may pick {@code model-best}, &ge; 0 (default 0: every
 *                        validation). For a second training stage resumed with other validation data: validations
 *                        before it (on the old data) do not count, and a run resumed from a checkpoint at exactly
 *                        this iteration validates its resumed weights first, so the stage's best is chosen among the
 *                        starting weights and the stage's own checkpoints
 */
public record TrainerConfig(long iterations, long seed, int logEvery, int validateEvery, int checkpointEvery,
                            int keepCheckpoints, int prefetchBatches, int workers, OptimizerConfig optimizer,
                            long selectFrom) {

    /**
     * Defaults: 10000 iterations, seed 42, log every 10, validate every 500, checkpoint every 500, keep 3, prefetch 4,
     * one worker.
     */
    public static TrainerConfig defaults() {
        return new TrainerConfig(10_000, 42, 10, 500, 500, 3, 4, 1, OptimizerConfig.defaults(), 0);
    }

    /** Every validation may pick {@code model-best} ({@code selectFrom} = 0). */
    public TrainerConfig(long iterations, long seed, int logEvery, int validateEvery, int checkpointEvery,
                         int keepCheckpoints, int prefetchBatches, int workers, OptimizerConfig optimizer) {
        this(iterations, seed, logEvery, validateEvery, checkpointEvery, keepCheckpoints, prefetchBatches, workers,
                optimizer, 0);
    }

    /** A single-worker configuration ({@code workers} = 1), as before {@code workers} existed. */
    public TrainerConfig(long iterations, long seed, int logEvery, int validateEvery, int checkpointEvery,
                         int keepCheckpoints, int prefetchBatches, OptimizerConfig optimizer) {
        this(iterations, seed, logEvery, validateEvery, checkpointEvery, keepCheckpoints, prefetchBatches, 1,
                optimizer);
    }

    /** Every problem with the values, each as {@code key: what}; empty when valid. */
    public List<String> problems() {
        List<String> p = new ArrayList<>();
        if (iterations <= 0) {
            p.add("iterations: expected a value > 0, found " + iterations);
        }
        if (iterations > Integer.MAX_VALUE) {
            p.add("iterations: DL4J counts iterations in an int; expected at most " + Integer.MAX_VALUE);
        }
        if (logEvery <= 0) {
            p.add("logEvery: expected a value > 0, found " + logEvery);
        }
        if (validateEvery < 0) {
            p.add("validateEvery: expected a value >= 0 (0 = only at the end), found " + validateEvery);
        }
        if (checkpointEvery <= 0) {
            p.add("checkpointEvery: expected a value > 0, found " + checkpointEvery);
        }
        if (keepCheckpoints <= 0) {
            p.add("keepCheckpoints: expected a value > 0, found " + keepCheckpoints);
        }
        if (prefetchBatches < 0) {
            p.add("prefetchBatches: expected a value >= 0, found " + prefetchBatches);
        }
        if (selectFrom < 0 || selectFrom > iterations) {
            p.add("selectFrom: expected a value in [0, iterations = " + iterations + "], found " + selectFrom);
        }
        if (workers < 1) {
            p.add("workers: expected a value >= 1, found " + workers);
        }
        if (optimizer == null) {
            p.add("optimizer: missing");
        } else {
            p.addAll(optimizer.problems("optimizer."));
        }
        return p;
    }

    /**
     * Checks every value.
     *
     * @return this config
     * @throws InvalidTrainerConfigException listing all problems at once
     */
    public TrainerConfig validate() {
        List<String> p = problems();
        if (!p.isEmpty()) {
            throw new InvalidTrainerConfigException(p);
        }
        return this;
    }

    /** A copy running a different number of iterations. */
    public TrainerConfig withIterations(long newIterations) {
        return new TrainerConfig(newIterations, seed, logEvery, validateEvery, checkpointEvery, keepCheckpoints,
                prefetchBatches, workers, optimizer, selectFrom);
    }

    /** A copy with another optimiser. */
    public TrainerConfig withOptimizer(OptimizerConfig newOptimizer) {
        return new TrainerConfig(iterations, seed, logEvery, validateEvery, checkpointEvery, keepCheckpoints,
                prefetchBatches, workers, newOptimizer, selectFrom);
    }

    /** A copy training with {@code n} data-parallel workers. */
    public TrainerConfig withWorkers(int n) {
        return new TrainerConfig(iterations, seed, logEvery, validateEvery, checkpointEvery, keepCheckpoints,
                prefetchBatches, n, optimizer, selectFrom);
    }
}
