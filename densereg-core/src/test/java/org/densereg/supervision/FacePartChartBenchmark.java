package org.densereg.supervision;

import java.util.Locale;

/**
 * Benchmark (not a test): part labels of a 256² UV map (a disc of foreground with a smooth UV ramp, about 58 %
 * of the pixels) with the synthetic landmark chart; prints milliseconds per map, wall-clock and CPU time of the
 * benchmark thread.
 *
 * <p>Run after {@code mvn -o test-compile -pl densereg-core}:
 * {@code java -cp densereg-core/target/classes:densereg-core/target/test-classes
 * org.densereg.supervision.FacePartChartBenchmark}
 */
public final class FacePartChartBenchmark {

    private FacePartChartBenchmark() {
    }

    public static void main(String[] args) {
        int size = 256;
        FacePartChart chart = FacePartChart.fromLandmarkUv(SyntheticFaceLandmarks.uv());
        int n = size * size;
        float[] u = new float[n];
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            int x = i % size;
            int y = i / size;
            boolean foreground = Math.hypot(x - size / 2.0, y - size / 2.0) < 0.43 * size;
            u[i] = foreground ? x / (size - 1f) : -1;
            v[i] = foreground ? 1 - y / (size - 1f) : -1;
        }
        long warmEnd = System.nanoTime() + 2_000_000_000L;
        while (System.nanoTime() < warmEnd) {
            chart.labelMap(u, v, size, size);
        }
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        int runs = 0;
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        while (System.nanoTime() - start < 3_000_000_000L) {
            chart.labelMap(u, v, size, size);
            runs++;
        }
        System.out.printf(Locale.ROOT, "%.3f ms wall, %.3f ms thread CPU per %dx%d label map (%d runs)%n",
                (System.nanoTime() - start) / 1e6 / runs, (threads.getCurrentThreadCpuTime() - cpuStart) / 1e6 / runs,
                size, size, runs);
    }
}
