package org.densereg.train;

import java.nio.file.Path;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * The outcome of a training run.
 *
 * @param model           the network after the last iteration
 * @param iterations      iterations completed in total (including those before a resume)
 * @param startIteration  the iteration this call started from (0, or the resumed checkpoint's)
 * @param finalLoss       mean loss over the last logging window
 * @param primaryMetric   the validator's primary metric, or null without a validator
 * @param bestMetric      its best value (NaN without a validator)
 * @param bestIteration   the iteration of {@code best.zip} (-1 without a validator)
 * @param elapsedSeconds  wall time of training, summed over resumes
 * @param runDir          the run folder
 * @param times           where the training wall time went (busy fraction, waiting for data, validation,
 *                        checkpoints), summed over resumes that recorded it
 */
public record TrainingSummary(ComputationGraph model, long iterations, long startIteration, double finalLoss,
                              String primaryMetric, double bestMetric, long bestIteration, double elapsedSeconds,
                              Path runDir, TrainingTimes times) {
}
