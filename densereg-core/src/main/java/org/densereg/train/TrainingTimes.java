package org.densereg.train;

import java.util.Locale;

/**
 * Where the wall time of training went: in the training step (forward, backward and update: the network is busy),
 * waiting for the next batch, validating and writing checkpoints. The remainder ({@link #otherSeconds()}) is the
 * loop's own bookkeeping (logging, progress).
 *
 * <p>{@code busy_fraction} = {@code busySeconds / wallSeconds}. A data pipeline that keeps up gives a fraction close
 * to 1 between validations; time the step waits for {@link BatchSource#batch} (after prefetching) shows up in
 * {@code dataWaitSeconds}.
 *
 * @param wallSeconds       wall time measured, from the first iteration of the loop to the end of the last one
 * @param busySeconds       time inside the training step ({@code model.fit} or {@link TrainingStep#fit})
 * @param dataWaitSeconds   time spent waiting for {@link BatchSource#batch}
 * @param validationSeconds time spent in {@link Validator#validate} and writing {@code best.zip}
 * @param checkpointSeconds time spent writing checkpoints
 */
public record TrainingTimes(double wallSeconds, double busySeconds, double dataWaitSeconds, double validationSeconds,
                            double checkpointSeconds) {

    /** Nothing measured. */
    public static final TrainingTimes ZERO = new TrainingTimes(0, 0, 0, 0, 0);

    /** {@code busySeconds / wallSeconds}, in [0, 1]; NaN when no time was measured. */
    public double busyFraction() {
        return wallSeconds > 0 ? Math.min(1, busySeconds / wallSeconds) : Double.NaN;
    }

    /** Wall time in none of the four parts (logging, progress, the loop itself), &ge; 0. */
    public double otherSeconds() {
        return Math.max(0, wallSeconds - busySeconds - dataWaitSeconds - validationSeconds - checkpointSeconds);
    }

    /** The sum of two measurements, e.g. of the sessions before and after a resume. */
    public TrainingTimes plus(TrainingTimes o) {
        return new TrainingTimes(wallSeconds + o.wallSeconds, busySeconds + o.busySeconds,
                dataWaitSeconds + o.dataWaitSeconds, validationSeconds + o.validationSeconds,
                checkpointSeconds + o.checkpointSeconds);
    }

    /** The difference {@code this − earlier}, e.g. one logging window of a running total. */
    public TrainingTimes minus(TrainingTimes earlier) {
        return new TrainingTimes(wallSeconds - earlier.wallSeconds, busySeconds - earlier.busySeconds,
                dataWaitSeconds - earlier.dataWaitSeconds, validationSeconds - earlier.validationSeconds,
                checkpointSeconds - earlier.checkpointSeconds);
    }

    /**
     * One line for logs and the command line: {@code network busy 96.1% of 62.3 s (waiting for data 1.2 s,
     * validation 3.4 s, checkpoints 0.8 s)}.
     */
    public String describe() {
        return String.format(Locale.ROOT, "network busy %.1f%% of %.1f s (waiting for data %.1f s, validation %.1f s, "
                + "checkpoints %.1f s)", 100 * busyFraction(), wallSeconds, dataWaitSeconds, validationSeconds,
                checkpointSeconds);
    }
}
