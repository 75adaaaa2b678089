package org.densereg.fit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.densereg.data.Landmarks;
import org.densereg.model3d.MorphableModel;

/**
 * Throughput of {@link LandmarkFitter#fit} with the default configuration on synthetic models the size of the
 * built-in model (468 vertices, 40 modes) and of the Surrey Face Model (3448 vertices, 63 shape modes, 6
 * expressions). Landmarks: random shapes and poses (|yaw| ≤ 40°), 2 px Gaussian noise. A benchmark, not a test.
 *
 * <p>Run: {@code java -cp <test classpath> org.densereg.fit.FitBenchmark [seconds per case] [threads] [iterations]}.
 */
public final class FitBenchmark {

    private FitBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
        FitConfig d = FitConfig.defaults();
        FitConfig config = args.length > 2 ? new FitConfig(Integer.parseInt(args[2]), d.shapeRegularisation(),
                d.expressionRegularisation(), d.shapeModes(), d.fitExpression(), d.useContours()) : d;
        System.out.println(config);
        run("default-sized (468 v, 40 modes)", SyntheticFaceModel.generate(18, 26, 0, 40, 0, false, 1).model, config,
                seconds, threads);
        run("SFM-sized (3448 v, 63 modes, 6 expr)", SyntheticFaceModel.generate(44, 78, 16, 63, 6, false, 2).model,
                config, seconds, threads);
    }

    private static void run(String label, MorphableModel model, FitConfig config, double seconds, int threads) throws Exception {
        Random random = new Random(3);
        List<Landmarks> faces = new ArrayList<>();
        for (int i = 0; i < 256; i++) {
            double[] alpha = new double[model.shapeModes()];
            for (int m = 0; m < alpha.length; m++) {
                alpha[m] = random.nextGaussian();
            }
            double[] beta = new double[model.expressionModes()];
            for (int m = 0; m < beta.length; m++) {
                beta[m] = 0.5 * random.nextGaussian();
            }
            ScaledOrthographicCamera camera = ScaledOrthographicCamera.fromEulerDegrees(80 * (random.nextDouble() - 0.5),
                    30 * (random.nextDouble() - 0.5), 30 * (random.nextDouble() - 0.5), 70, 128, 128);
            float[] p = camera.project(model.shape(alpha, beta));
            double[] xy = new double[136];
            for (int k = 0; k < 68; k++) {
                int v = model.landmarkVertices()[k];
                xy[2 * k] = v < 0 ? Double.NaN : p[3 * v] + 2 * random.nextGaussian();
                xy[2 * k + 1] = v < 0 ? Double.NaN : p[3 * v + 1] + 2 * random.nextGaussian();
            }
            faces.add(new Landmarks(xy));
        }
        LandmarkFitter fitter = new LandmarkFitter(model, config);
        for (Landmarks face : faces) {
            fitter.fit(face); // warm-up
        }
        double nme = 0;
        for (Landmarks face : faces) {
            nme += fitter.fit(face).reprojectionNme();
        }
        nme /= faces.size();
        // CPU time of the fitting thread: independent of other load on the machine
        java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpuStart = bean.getCurrentThreadCpuTime();
        int cpuFits = 0;
        while (bean.getCurrentThreadCpuTime() - cpuStart < (long) (seconds * 1e9)) {
            fitter.fit(faces.get(cpuFits++ % faces.size()));
        }
        double cpuMs = (bean.getCurrentThreadCpuTime() - cpuStart) / 1e6 / cpuFits;
        long single = countFits(fitter, faces, seconds, 1);
        long parallel = countFits(fitter, faces, seconds, threads);
        System.out.printf(Locale.ROOT, "%-38s mean NME %.4f | CPU %.3f ms/fit = %.0f fits/s per core"
                        + " | wall: 1 thread %.0f fits/s, %d threads %.0f fits/s%n",
                label, nme, cpuMs, 1000 / cpuMs, single / seconds, threads, parallel / seconds);
    }

    private static long countFits(LandmarkFitter fitter, List<Landmarks> faces, double seconds, int threads)
            throws Exception {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Long>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t;
                futures.add(pool.submit(() -> {
                    long count = 0;
                    int i = offset;
                    while (System.nanoTime() < deadline) {
                        fitter.fit(faces.get(i++ % faces.size()));
                        count++;
                    }
                    return count;
                }));
            }
            long total = 0;
            for (Future<Long> f : futures) {
                total += f.get();
            }
            return total;
        } finally {
            pool.shutdownNow();
        }
    }
}
