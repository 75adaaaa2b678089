package org.densereg.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How the network's weights are updated.
 *
 * @param type            {@code sgd} (SGD with Nesterov momentum; plain SGD when momentum is 0) or {@code adam}
 * @param learningRate    base learning rate (the schedule's value at iteration 0), &gt; 0
 * @param momentum        momentum of {@code sgd} in [0, 1); ignored by {@code adam}
 * @param weightDecay     L2 weight decay coefficient (applied to weights, not to biases or batch-norm
 *                        parameters; multiplied by the current learning rate), &ge; 0
 * @param schedule        learning-rate schedule: {@code poly} (DeepLab: lr · (1 − i/T)^polyPower, T = total
 *                        iterations), {@code constant}, or {@code step} (lr · stepFactor^⌊i/stepEvery⌋)
 * @param polyPower       exponent of the {@code poly} schedule, &gt; 0 (DeepLab: 0.9)
 * @param stepEvery       iterations between decays of the {@code step} schedule, &gt; 0
 * @param stepFactor      multiplier applied at each {@code step} decay, in (0, 1]
 * @param beta1           Adam's first-moment decay, in [0, 1)
 * @param beta2           Adam's second-moment decay, in [0, 1)
 * @param epsilon         Adam's denominator epsilon, &gt; 0
 * @param fused           apply the update in one pass over the parameters ({@link FusedGraphUpdater}: the same
 *                        arithmetic and updater-state layout as DL4J's updater) where the graph allows it; false =
 *                        DL4J's updater. Not part of the optimiser's identity: a run resumed with the other setting
 *                        continues with the same state
 */
public record OptimizerConfig(String type, double learningRate, double momentum, double weightDecay,
                              String schedule, double polyPower, long stepEvery, double stepFactor,
                              double beta1, double beta2, double epsilon, boolean fused) {

    /** The fused update ({@code fused} = true, the default). */
    public OptimizerConfig(String type, double learningRate, double momentum, double weightDecay,
                           String schedule, double polyPower, long stepEvery, double stepFactor,
                           double beta1, double beta2, double epsilon) {
        this(type, learningRate, momentum, weightDecay, schedule, polyPower, stepEvery, stepFactor, beta1, beta2,
                epsilon, true);
    }

    /** Optimiser types understood by {@link OptimizerSetup}. */
    public static final List<String> TYPES = List.of("sgd", "adam");
    /** Schedules understood by {@link LearningRateSchedule}. */
    public static final List<String> SCHEDULES = List.of("poly", "constant", "step");

    /**
     * Defaults: Adam at 1e-3 with DeepLab's poly decay (power 0.9) and weight decay 1e-4. Adam is the default
     * because it is robust to the loss scale for small CPU runs; the paper-sized GPU configs use
     * {@code sgd} with momentum 0.9 (DeepLab style).
     */
    public static OptimizerConfig defaults() {
        return new OptimizerConfig("adam", 1e-3, 0.9, 1e-4, "poly", 0.9, 10_000, 0.1, 0.9, 0.999, 1e-8);
    }

    /** A copy with another learning rate. */
    public OptimizerConfig withLearningRate(double lr) {
        return new OptimizerConfig(type, lr, momentum, weightDecay, schedule, polyPower, stepEvery, stepFactor,
                beta1, beta2, epsilon, fused);
    }

    /** A copy with the fused update on or off. */
    public OptimizerConfig withFused(boolean on) {
        return new OptimizerConfig(type, learningRate, momentum, weightDecay, schedule, polyPower, stepEvery,
                stepFactor, beta1, beta2, epsilon, on);
    }

    /** True when both configure the same optimiser (the same updater state and schedule), whatever {@code fused}. */
    public boolean sameOptimizer(OptimizerConfig other) {
        return other != null && withFused(true).equals(other.withFused(true));
    }

    /** A copy with another type ({@code sgd} or {@code adam}). */
    public OptimizerConfig withType(String newType) {
        return new OptimizerConfig(newType, learningRate, momentum, weightDecay, schedule, polyPower, stepEvery,
                stepFactor, beta1, beta2, epsilon, fused);
    }

    /** A copy with another schedule ({@code poly}, {@code constant} or {@code step}). */
    public OptimizerConfig withSchedule(String newSchedule) {
        return new OptimizerConfig(type, learningRate, momentum, weightDecay, newSchedule, polyPower, stepEvery,
                stepFactor, beta1, beta2, epsilon, fused);
    }

    /**
     * Every problem with the values, each as {@code prefix + key: what}; empty when valid.
     *
     * @param prefix prepended to each key, e.g. {@code optimizer.}
     */
    public List<String> problems(String prefix) {
        List<String> p = new ArrayList<>();
        if (type == null || !TYPES.contains(type.toLowerCase(Locale.ROOT))) {
            p.add(prefix + "type: expected one of " + TYPES + ", found " + type);
        }
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            p.add(prefix + "learningRate: expected a finite value > 0, found " + learningRate);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            p.add(prefix + "momentum: expected a value in [0, 1), found " + momentum);
        }
        if (!(weightDecay >= 0) || !Double.isFinite(weightDecay)) {
            p.add(prefix + "weightDecay: expected a finite value >= 0, found " + weightDecay);
        }
        if (schedule == null || !SCHEDULES.contains(schedule.toLowerCase(Locale.ROOT))) {
            p.add(prefix + "schedule: expected one of " + SCHEDULES + ", found " + schedule);
        }
        if (!(polyPower > 0) || !Double.isFinite(polyPower)) {
            p.add(prefix + "polyPower: expected a finite value > 0, found " + polyPower);
        }
        if (stepEvery <= 0) {
            p.add(prefix + "stepEvery: expected a value > 0, found " + stepEvery);
        }
        if (!(stepFactor > 0 && stepFactor <= 1)) {
            p.add(prefix + "stepFactor: expected a value in (0, 1], found " + stepFactor);
        }
        if (!(beta1 >= 0 && beta1 < 1)) {
            p.add(prefix + "beta1: expected a value in [0, 1), found " + beta1);
        }
        if (!(beta2 >= 0 && beta2 < 1)) {
            p.add(prefix + "beta2: expected a value in [0, 1), found " + beta2);
        }
        if (!(epsilon > 0) || !Double.isFinite(epsilon)) {
            p.add(prefix + "epsilon: expected a finite value > 0, found " + epsilon);
        }
        return p;
    }
}
