package org.densereg.train;

/**
 * What a checkpoint stores besides the network and its updater state ({@code ckpt-<iteration>.json}).
 *
 * @param iteration          iterations completed when it was written
 * @param seed               the run's seed
 * @param bestMetric         best value of the validator's primary metric so far, or null
 * @param bestIteration      iteration of that value, or -1
 * @param elapsedSeconds     training wall time so far, summed over resumes
 * @param learningRate       the learning rate of the next iteration
 * @param scheduleIterations T of the learning-rate schedule the updater state belongs to
 * @param optimizer          the optimiser the updater state belongs to
 * @param windowLossSum      sum of the losses since the last {@code metrics.csv} row (so that a resumed run
 *                           logs the same means as an uninterrupted one)
 * @param windowIterations   number of iterations in that sum
 * @param rng                how random state is derived (the trainer re-seeds ND4J's generator every iteration
 *                           from (seed, iteration), so nothing else needs to be stored)
 * @param times              where the training wall time went so far, summed over resumes (null in checkpoints
 *                           written before it was recorded)
 */
record CheckpointState(long iteration, long seed, Double bestMetric, long bestIteration, double elapsedSeconds,
                       double learningRate, long scheduleIterations, OptimizerConfig optimizer,
                       double windowLossSum, long windowIterations, String rng, TrainingTimes times) {

    static final String RNG = "nd4j reseeded before each iteration i with BatchSource.seedFor(~seed, i)";
}
