package org.densereg.raster;

import java.util.Locale;

/**
 * Benchmark (not a test): rasterises a synthetic face-sized mesh, a 59×59-vertex spherical cap (3481 vertices,
 * 6728 triangles, close to the SFM's 3448/6736) that covers most of a 256² image, with two attributes (u, v),
 * and prints milliseconds per mesh.
 *
 * <p>Run after {@code mvn -o test-compile -pl densereg-core}:
 * {@code java -cp densereg-core/target/classes:densereg-core/target/test-classes
 * org.densereg.raster.RasteriserBenchmark [size] [seconds]}
 */
public final class RasteriserBenchmark {

    private RasteriserBenchmark() {
    }

    public static void main(String[] args) {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 256;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 5;
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
        RasterResult r = null;
        long warmEnd = System.nanoTime() + 2_000_000_000L;
        while (System.nanoTime() < warmEnd) {
            r = TriangleRasteriser.rasterise(screen, tris, uv, 2, size, size);
        }
        int runs = 0;
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        while (System.nanoTime() < end) {
            r = TriangleRasteriser.rasterise(screen, tris, uv, 2, size, size);
            runs++;
        }
        double ms = (System.nanoTime() - start) / 1e6 / runs;
        System.out.printf(Locale.ROOT, "mesh: %d vertices, %d triangles; image %dx%d, %d covered pixels (%.0f%%)%n",
                n, tris.length / 3, size, size, r.coveredPixels(), 100.0 * r.coveredPixels() / (size * size));
        System.out.printf(Locale.ROOT, "%.3f ms/mesh (%d runs, 2 attributes)%n", ms, runs);
    }
}
