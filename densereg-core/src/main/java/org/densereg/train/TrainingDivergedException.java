package org.densereg.train;

import java.nio.file.Path;

/**
 * The loss became NaN or infinite. The run folder still holds a usable checkpoint (the state before the
 * failing iteration when its weights were finite, otherwise the last periodic one); the CLI maps this to exit 1.
 */
public class TrainingDivergedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final long iteration;
    private final double loss;
    private final transient Path lastCheckpoint;

    /**
     * @param iteration      0-based iteration whose loss was not finite
     * @param loss           the loss value (NaN or ±Inf)
     * @param lastCheckpoint the checkpoint a resume would start from, or null if none
     * @param message        the full message, with advice
     */
    public TrainingDivergedException(long iteration, double loss, Path lastCheckpoint, String message) {
        super(message);
        this.iteration = iteration;
        this.loss = loss;
        this.lastCheckpoint = lastCheckpoint;
    }

    /** The 0-based iteration whose loss was not finite. */
    public long iteration() {
        return iteration;
    }

    /** The offending loss value. */
    public double loss() {
        return loss;
    }

    /** The checkpoint a resume starts from, or null. */
    public Path lastCheckpoint() {
        return lastCheckpoint;
    }
}
