package org.densereg.train;

import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * How the {@link Trainer} turns batches into updates when they are not fitted in this process (by default the trainer
 * calls {@code model.fit(batch)}, or {@link DataParallel} with {@code trainer.workers} &gt; 1): e.g. synchronous
 * data-parallel training on a Spark cluster. Everything around the updates — batches, run folder, checkpoints,
 * validation, {@code best.zip}, resume, progress — stays the trainer's.
 *
 * <p>A call covers a <i>round</i> of consecutive iterations, at most {@link #iterationsPerRound()}. The trainer cuts
 * rounds at multiples of that number and at every checkpoint and validation iteration, and starts a resumed run at a
 * checkpoint, so an interrupted and resumed run takes the same rounds as an uninterrupted one.
 */
public interface TrainingStep {

    /**
     * The most iterations one call of {@link #fit} takes; 1 = one iteration per call (the default).
     *
     * @return k &ge; 1
     */
    default int iterationsPerRound() {
        return 1;
    }

    /**
     * Takes the iterations {@code [first, first + batches.size())}: updates {@code model}'s parameters and optimiser
     * state (its updater's state view) and sets its iteration count to {@code first + batches.size()}.
     *
     * <p>When a returned loss is not finite the model must be left as it was before the call (the trainer then writes
     * it as the last good checkpoint and stops with {@link TrainingDivergedException}).
     *
     * @param model   the trained graph, configured with the run's optimiser ({@link OptimizerSetup}); its iteration
     *                count is {@code first}
     * @param batches one batch per iteration, as the {@link BatchSource} gives them: features {@code [B, 3, H, W]},
     *                labels as the network's outputs expect them
     * @param first   the 0-based iteration of {@code batches.get(0)}
     * @param seed    the run's seed ({@link TrainerConfig#seed()}), to derive per-iteration randomness from
     *                ({@link BatchSource#seedFor})
     * @return the loss of each iteration, as {@code model.score()} after a fit of its batch (a step that splits
     *         batches into shards: the mean of the shards' losses), {@code batches.size()} values
     */
    double[] fit(ComputationGraph model, List<MultiDataSet> batches, long first, long seed);
}
