package org.densereg.spark;

/** A Spark job that failed as a whole (an executor lost, a worker error): exit code 1 in the command. */
public final class SparkJobException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed
     * @param cause   Spark's exception
     */
    public SparkJobException(String message, Throwable cause) {
        super(message, cause);
    }
}
