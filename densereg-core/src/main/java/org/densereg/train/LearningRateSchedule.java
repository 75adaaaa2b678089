package org.densereg.train;

import java.util.Locale;
import java.util.Objects;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * A learning-rate schedule over iterations, usable as a DL4J {@link ISchedule} (it is stored in the
 * network's configuration JSON, so a restored checkpoint keeps its schedule).
 *
 * <p>Exists because DL4J 1.0.0-M2.1's {@code PolySchedule} computes lr · (1 + i/T)^p, which grows with the
 * iteration instead of decaying (verified by {@code LearningRateScheduleTest}).
 *
 * <ul>
 *   <li>{@code poly}: lr(i) = base · (1 − min(i, T)/T)^power (DeepLab); 0 at i ≥ T</li>
 *   <li>{@code constant}: lr(i) = base</li>
 *   <li>{@code step}: lr(i) = base · factor^⌊i / stepEvery⌋</li>
 * </ul>
 * The epoch argument is ignored: the trainer counts iterations only.
 */
public final class LearningRateSchedule implements ISchedule {

    private static final long serialVersionUID = 1L;

    private final String type;
    private final double base;
    private final long totalIterations;
    private final double power;
    private final long stepEvery;
    private final double stepFactor;

    /**
     * @param type            {@code poly}, {@code constant} or {@code step}
     * @param base            learning rate at iteration 0
     * @param totalIterations T of the poly schedule (&gt; 0)
     * @param power           exponent of the poly schedule
     * @param stepEvery       iterations between step decays (&gt; 0)
     * @param stepFactor      multiplier per step decay
     */
    @JsonCreator
    public LearningRateSchedule(@JsonProperty("type") String type, @JsonProperty("base") double base,
                                @JsonProperty("totalIterations") long totalIterations,
                                @JsonProperty("power") double power, @JsonProperty("stepEvery") long stepEvery,
                                @JsonProperty("stepFactor") double stepFactor) {
        String t = Objects.requireNonNull(type, "type").toLowerCase(Locale.ROOT);
        if (!OptimizerConfig.SCHEDULES.contains(t)) {
            throw new IllegalArgumentException("unknown schedule " + type + "; expected " + OptimizerConfig.SCHEDULES);
        }
        if (totalIterations <= 0 || stepEvery <= 0) {
            throw new IllegalArgumentException("totalIterations and stepEvery must be > 0");
        }
        this.type = t;
        this.base = base;
        this.totalIterations = totalIterations;
        this.power = power;
        this.stepEvery = stepEvery;
        this.stepFactor = stepFactor;
    }

    /** The schedule described by an optimiser config over {@code totalIterations} iterations. */
    public static LearningRateSchedule of(OptimizerConfig config, long totalIterations) {
        return new LearningRateSchedule(config.schedule(), config.learningRate(), totalIterations,
                config.polyPower(), config.stepEvery(), config.stepFactor());
    }

    /** The learning rate at a (0-based) iteration. */
    public double at(long iteration) {
        long i = Math.max(0, iteration);
        return switch (type) {
            case "poly" -> base * Math.pow(1.0 - (double) Math.min(i, totalIterations) / totalIterations, power);
            case "step" -> base * Math.pow(stepFactor, (double) (i / stepEvery));
            default -> base;
        };
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        return at(iteration);
    }

    @Override
    public ISchedule clone() {
        return new LearningRateSchedule(type, base, totalIterations, power, stepEvery, stepFactor);
    }

    /** {@code poly}, {@code constant} or {@code step}. */
    @JsonProperty("type")
    public String getType() {
        return type;
    }

    /** Learning rate at iteration 0. */
    @JsonProperty("base")
    public double getBase() {
        return base;
    }

    /** T of the poly schedule. */
    @JsonProperty("totalIterations")
    public long getTotalIterations() {
        return totalIterations;
    }

    /** Exponent of the poly schedule. */
    @JsonProperty("power")
    public double getPower() {
        return power;
    }

    /** Iterations between step decays. */
    @JsonProperty("stepEvery")
    public long getStepEvery() {
        return stepEvery;
    }

    /** Multiplier per step decay. */
    @JsonProperty("stepFactor")
    public double getStepFactor() {
        return stepFactor;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LearningRateSchedule s && s.type.equals(type) && s.base == base
                && s.totalIterations == totalIterations && s.power == power && s.stepEvery == stepEvery
                && s.stepFactor == stepFactor;
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, base, totalIterations, power, stepEvery, stepFactor);
    }

    @Override
    public String toString() {
        return "LearningRateSchedule(" + type + ", base=" + base + ", T=" + totalIterations + ", power=" + power
                + ", stepEvery=" + stepEvery + ", stepFactor=" + stepFactor + ")";
    }
}
