package org.densereg.raster;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Locale;
import org.densereg.model3d.MorphableModel;
import org.densereg.model3d.SfmModelReader;

/**
 * Benchmark (not a test): rasterises a synthetic face-sized mesh, a 59×59-vertex spherical cap (3481 vertices,
 * 6728 triangles, close to the SFM's 3448/6736) that covers most of a 256² image, with two attributes (u, v),
 * and prints milliseconds per mesh, both wall-clock and CPU time of the benchmark thread (the latter is the
 * figure to trust on a loaded machine). With a third argument, the mean of the Surrey Face Model in that folder
 * is rendered frontally instead (orthographic, its x/y extent 86 % of the image side).
 *
 * <p>Run after {@code mvn -o test-compile -pl densereg-core} (the SFM variant needs the core's runtime
 * dependencies on the class path, e.g. via {@code mvn dependency:build-classpath}):
 * {@code java -cp densereg-core/target/classes:densereg-core/target/test-classes
 * org.densereg.raster.RasteriserBenchmark [size] [seconds] [sfmFolder]}
 */
public final class RasteriserBenchmark {

    private RasteriserBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 256;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 5;
        if (args.length > 2) {
            MorphableModel model = SfmModelReader.readFolder(Path.of(args[2]));
            int n = model.vertexCount();
            float[] mean = model.mean();
            float[] uv = model.uv();
            float extent = 0;
            for (int i = 0; i < n; i++) { // half-extent in x and y
                extent = Math.max(extent, Math.max(Math.abs(mean[3 * i]), Math.abs(mean[3 * i + 1])));
            }
            float scale = 0.43f * size / extent;
            float[] screen = new float[3 * n];
            float[] planar = new float[2 * n];
            for (int i = 0; i < n; i++) {
                screen[3 * i] = size / 2f + scale * mean[3 * i];
                screen[3 * i + 1] = size / 2f - scale * mean[3 * i + 1];
                screen[3 * i + 2] = mean[3 * i + 2];
                planar[i] = uv[2 * i];
                planar[n + i] = uv[2 * i + 1];
            }
            run("SFM mean " + n + " vertices, " + model.triangleCount() + " triangles", screen, model.triangles(),
                    planar, size, seconds);
            return;
        }
        int side = 59;
        int n = side * side;
        float[] screen = new float[3 * n];
        float[] uv = new float[2 * n];
        for (int j = 0; j < side; j++) {
            for (int i = 0; i < side; i++) {
                int k = j * side + i;
                double u = i / (side - 1.0);
                double v = j / (side - 1.0);
                double azimuth = (u - 0.5) * 2.2; // radians across the face
                double elevation = (v - 0.5) * 2.0;
                double x = Math.sin(azimuth) * Math.cos(elevation);
                double y = Math.sin(elevation);
                double z = Math.cos(azimuth) * Math.cos(elevation);
                screen[3 * k] = (float) (size / 2.0 + x * size * 0.47);
                screen[3 * k + 1] = (float) (size / 2.0 - y * size * 0.47);
                screen[3 * k + 2] = (float) z;
                uv[k] = (float) u;
                uv[n + k] = (float) v;
            }
        }
        int[] tris = new int[6 * (side - 1) * (side - 1)];
        int t = 0;
        for (int j = 0; j < side - 1; j++) {
            for (int i = 0; i < side - 1; i++) {
                int a = j * side + i;
                tris[t++] = a;
                tris[t++] = a + 1;
                tris[t++] = a + side;
                tris[t++] = a + 1;
                tris[t++] = a + side + 1;
                tris[t++] = a + side;
            }
        }
        run("spherical cap " + n + " vertices, " + tris.length / 3 + " triangles", screen, tris, uv, size, seconds);
    }

    private static void run(String what, float[] screen, int[] tris, float[] uv, int size, double seconds) {
        RasterResult r = null;
        long warmEnd = System.nanoTime() + 2_000_000_000L;
        while (System.nanoTime() < warmEnd) {
            r = TriangleRasteriser.rasterise(screen, tris, uv, 2, size, size);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int runs = 0;
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        while (System.nanoTime() < end) {
            r = TriangleRasteriser.rasterise(screen, tris, uv, 2, size, size);
            runs++;
        }
        double ms = (System.nanoTime() - start) / 1e6 / runs;
        double cpuMs = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e6 / runs;
        System.out.printf(Locale.ROOT, "mesh: %s; image %dx%d, %d covered pixels (%.0f%%)%n",
                what, size, size, r.coveredPixels(), 100.0 * r.coveredPixels() / (size * size));
        System.out.printf(Locale.ROOT, "%.3f ms/mesh wall, %.3f ms/mesh thread CPU (%d runs, 2 attributes)%n", ms,
                cpuMs, runs);
    }
}
