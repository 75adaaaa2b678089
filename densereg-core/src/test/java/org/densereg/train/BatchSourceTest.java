package org.densereg.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class BatchSourceTest {

    @Test
    void seedForIsDeterministicAndSpreads() {
        assertEquals(BatchSource.seedFor(7, 3), BatchSource.seedFor(7, 3));
        Set<Long> seen = new HashSet<>();
        for (long s = 0; s < 4; s++) {
            for (long i = 0; i < 1000; i++) {
                seen.add(BatchSource.seedFor(s, i));
            }
        }
        assertEquals(4000, seen.size());
        assertNotEquals(BatchSource.seedFor(1, 2), BatchSource.seedFor(2, 1));
    }

    @Test
    void prefetchingReturnsTheBatchOfEachIterationInAnyOrder() {
        BatchSource plain = TinyGraphs.denseSource(5);
        Set<Long> computed = ConcurrentHashMap.newKeySet();
        BatchSource counting = it -> {
            computed.add(it);
            return plain.batch(it);
        };
        try (var pre = new PrefetchingBatchSource(counting, 3, 2)) {
            for (long it : new long[]{0, 1, 2, 3, 10, 11, 4, 12}) {
                assertEquals(TinyGraphs.labels(plain.batch(it)), TinyGraphs.labels(pre.batch(it)), "iteration " + it);
            }
            // Prefetching happens on background threads: give them time to reach the next iteration.
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (!computed.contains(13L) && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertTrue(computed.contains(13L), "computes ahead: " + computed);
        }
    }

    @Test
    void errorsSurfaceForTheFailingIteration() {
        BatchSource failing = it -> {
            if (it == 2) {
                throw new IllegalStateException("broken sample 2");
            }
            return new org.nd4j.linalg.dataset.MultiDataSet(Nd4j.zeros(1, 1), Nd4j.zeros(1, 1));
        };
        try (var pre = new PrefetchingBatchSource(failing, 4, 2)) {
            pre.batch(0);
            pre.batch(1);
            var e = assertThrows(IllegalStateException.class, () -> pre.batch(2));
            assertEquals("broken sample 2", e.getMessage());
            Error oom = new OutOfMemoryError("boom");
            try (var pre2 = new PrefetchingBatchSource(it -> {
                throw oom;
            }, 1, 1)) {
                assertSame(oom, assertThrows(OutOfMemoryError.class, () -> pre2.batch(0)));
            }
        }
    }
}
