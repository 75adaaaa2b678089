package org.densereg.train;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Computes the batches of the next iterations in background threads while the current one trains. Still
 * returns exactly {@code source.batch(i)} for iteration {@code i}, whatever the order of requests (a resume
 * may start anywhere). Meant for one consumer thread. Errors of the underlying source surface when the
 * failing iteration is requested.
 */
public final class PrefetchingBatchSource implements BatchSource, AutoCloseable {

    private final BatchSource source;
    private final int depth;
    private final ExecutorService pool;
    private final Map<Long, Future<MultiDataSet>> pending = new HashMap<>();

    /**
     * @param source  the underlying source; must be thread-safe when {@code threads > 1}
     * @param depth   how many iterations beyond the requested one to compute ahead, &ge; 1
     * @param threads background threads, &ge; 1
     */
    public PrefetchingBatchSource(BatchSource source, int depth, int threads) {
        if (depth < 1 || threads < 1) {
            throw new IllegalArgumentException("depth and threads must be >= 1, found " + depth + ", " + threads);
        }
        this.source = source;
        this.depth = depth;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "densereg-prefetch-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public MultiDataSet batch(long iteration) {
        Future<MultiDataSet> wanted;
        synchronized (pending) {
            pending.entrySet().removeIf(e -> {
                boolean stale = e.getKey() < iteration || e.getKey() > iteration + depth;
                if (stale) {
                    e.getValue().cancel(false);
                }
                return stale;
            });
            for (long i = iteration; i <= iteration + depth; i++) {
                long it = i;
                pending.computeIfAbsent(it, k -> pool.submit(() -> source.batch(it)));
            }
            wanted = pending.remove(iteration);
        }
        try {
            return wanted.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the batch of iteration " + iteration, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("batch of iteration " + iteration + " failed: " + cause, cause);
        }
    }

    /** Stops the background threads (pending batches are dropped). */
    @Override
    public void close() {
        synchronized (pending) {
            pending.values().forEach(f -> f.cancel(false));
            pending.clear();
        }
        pool.shutdownNow();
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
