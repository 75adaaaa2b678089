package org.densereg.runtime;

/**
 * Receives progress of long work (dataset passes, training); the CLI shows it as a progress bar with ETA.
 * Implementations must tolerate calls from one worker thread at a time.
 */
public interface ProgressListener {

    /** A listener that ignores everything. */
    ProgressListener NONE = new ProgressListener() {
        @Override
        public void start(String task, long total) {
        }

        @Override
        public void advance(long done, String status) {
        }

        @Override
        public void finish(String summary) {
        }
    };

    /**
     * Work begins.
     *
     * @param task  short name of the work, e.g. {@code supervise}
     * @param total number of steps, or -1 when unknown
     */
    void start(String task, long total);

    /**
     * Progress so far.
     *
     * @param done   steps completed (monotonic)
     * @param status a short status text (e.g. the current loss), may be empty
     */
    void advance(long done, String status);

    /** Work ended; {@code summary} is a one-line result. */
    void finish(String summary);
}
