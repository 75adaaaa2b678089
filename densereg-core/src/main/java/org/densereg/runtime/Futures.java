package org.densereg.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waiting for worker results while keeping the worker's own exception type. */
public final class Futures {

    private Futures() {
    }

    /**
     * @param future a submitted task
     * @param <T>    its result type
     * @return the task's result
     * @throws IOException when the task threw one (also unwrapped from {@link UncheckedIOException}), or when
     *                     the wait was interrupted
     */
    public static <T> T await(Future<T> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }
}
