package org.densereg.train;

import java.util.Locale;

/**
 * Training ran out of (heap, off-heap or GPU) memory. The message says what to change; the run folder keeps
 * its last complete checkpoint. The CLI maps this to exit 1.
 */
public class TrainingOutOfMemoryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final long iteration;

    /**
     * @param iteration 0-based iteration that failed
     * @param message   the full message, with advice
     * @param cause     the original error
     */
    public TrainingOutOfMemoryException(long iteration, String message, Throwable cause) {
        super(message, cause);
        this.iteration = iteration;
    }

    /** The 0-based iteration that failed. */
    public long iteration() {
        return iteration;
    }

    /**
     * Whether a throwable (or one of its causes) is a memory allocation failure: a Java
     * {@link OutOfMemoryError} (JavaCPP also throws these when {@code maxbytes} is exceeded) or an ND4J
     * native/CUDA allocation error.
     */
    public static boolean isAllocationFailure(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof OutOfMemoryError) {
                return true;
            }
            String m = c.getMessage() == null ? "" : c.getMessage().toLowerCase(Locale.ROOT);
            if (m.contains("out of memory") || m.contains("outofmemory")
                    || (m.contains("allocat") && (m.contains("memory") || m.contains("bytes")))) {
                return true;
            }
        }
        return false;
    }
}
