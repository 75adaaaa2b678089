package org.densereg.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.densereg.data.Landmarks;
import org.densereg.fit.FitConfig;
import org.densereg.fit.FitResult;
import org.densereg.fit.LandmarkFitter;
import org.densereg.fit.ScaledOrthographicCamera;
import org.densereg.model3d.MorphableModel;
import org.densereg.supervision.FaceUvRenderer;
import org.densereg.supervision.UvMaps;

/**
 * Throughput of the face supervision core: landmark fitting plus rasterisation of U, V and part maps, per
 * face, without image decoding or file writing. Landmark sets are projections of random model instances
 * (shape within the prior, yaw ±45°, pitch and roll ±15°) into a size × size crop, so the work per face
 * is that of a real run.
 */
public final class SupervisionBenchmark {

    /**
     * Figures of one run.
     *
     * @param model         model id
     * @param vertices      vertex count
     * @param size          crop side
     * @param threads       worker threads
     * @param faces         faces processed in the timed phase
     * @param imagesPerSecond faces per second over all threads
     * @param meanNme       mean reprojection NME of the fits (a sanity figure)
     */
    public record Result(String model, int vertices, int size, int threads, int faces, double imagesPerSecond,
            double meanNme) {
        @Override
        public String toString() {
            return String.format("supervise model=%s vertices=%d size=%d threads=%d faces=%d images/s=%.1f meanNme=%.4f",
                    model, vertices, size, threads, faces, imagesPerSecond, meanNme);
        }
    }

    private SupervisionBenchmark() {
    }

    /**
     * @param model   the model to fit and render
     * @param size    crop side (256 in the target)
     * @param threads worker threads
     * @param faces   faces in the timed phase (a warm-up of a quarter as many runs first)
     * @param seed    seed of the random landmark sets
     * @return the figures
     */
    public static Result run(MorphableModel model, int size, int threads, int faces, long seed) {
        List<Landmarks> sets = landmarkSets(model, size, 64, seed);
        LandmarkFitter fitter = new LandmarkFitter(model, FitConfig.defaults());
        FaceUvRenderer renderer = new FaceUvRenderer(model);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            process(pool, fitter, renderer, sets, Math.max(threads, faces / 4), threads, size);
            long start = System.nanoTime();
            double nme = process(pool, fitter, renderer, sets, faces, threads, size);
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Result(model.name(), model.vertexCount(), size, threads, faces, faces / seconds, nme);
        } finally {
            pool.shutdownNow();
        }
    }

    private static double process(ExecutorService pool, LandmarkFitter fitter, FaceUvRenderer renderer,
            List<Landmarks> sets, int faces, int threads, int size) {
        List<Future<double[]>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int worker = t;
            futures.add(pool.submit(() -> {
                double nmeSum = 0;
                int count = 0;
                long checksum = 0;
                for (int i = worker; i < faces; i += threads) {
                    FitResult fit = fitter.fit(sets.get(i % sets.size()));
                    UvMaps maps = renderer.render(fit.projected(), size, size);
                    checksum += maps.parts()[maps.parts().length / 2];
                    nmeSum += fit.reprojectionNme();
                    count++;
                }
                return new double[] {nmeSum, count, checksum};
            }));
        }
        double sum = 0;
        double count = 0;
        for (Future<double[]> f : futures) {
            try {
                double[] r = f.get();
                sum += r[0];
                count += r[1];
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
        return sum / Math.max(1, count);
    }

    /** Landmarks of random model instances projected into a size × size crop. */
    static List<Landmarks> landmarkSets(MorphableModel model, int size, int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] mean = model.mean();
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < mean.length; i += 3) {
            minX = Math.min(minX, mean[i]);
            maxX = Math.max(maxX, mean[i]);
        }
        double scale = 0.6 * size / (maxX - minX);
        List<Landmarks> out = new ArrayList<>();
        int[] map = model.landmarkVertices();
        for (int c = 0; c < count; c++) {
            double[] alpha = new double[model.shapeModes()];
            for (int m = 0; m < alpha.length; m++) {
                alpha[m] = gaussian(random);
            }
            float[] shape = model.shape(alpha, null);
            ScaledOrthographicCamera camera = ScaledOrthographicCamera.fromEulerDegrees(
                    (random.nextDouble() * 2 - 1) * 45, (random.nextDouble() * 2 - 1) * 15,
                    (random.nextDouble() * 2 - 1) * 15, scale, size / 2.0, size / 2.0);
            float[] projected = camera.project(shape);
            double[] xy = new double[2 * map.length];
            for (int k = 0; k < map.length; k++) {
                xy[2 * k] = map[k] < 0 ? Double.NaN : projected[3 * map[k]] + random.nextDouble() - 0.5;
                xy[2 * k + 1] = map[k] < 0 ? Double.NaN : projected[3 * map[k] + 1] + random.nextDouble() - 0.5;
            }
            out.add(new Landmarks(xy));
        }
        return out;
    }

    private static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
