package org.densereg.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.bytedeco.javacpp.Pointer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.densereg.network.Accelerators;
import org.densereg.network.DenseRegNetworkFactory;
import org.densereg.train.FusedGraphUpdater;
import org.densereg.network.HeadOutputs;
import org.densereg.network.InferencePrecision;
import org.densereg.network.Precision;
import org.densereg.network.UnsupportedPrecisionException;
import org.densereg.network.NetworkConfig;
import org.densereg.quantize.UvCodec;
import org.densereg.quantize.UvLabels;
import org.densereg.runtime.Nd4jEnvironment;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures training images/s, inference ms/image and peak memory of the DenseReg network on random data
 * (the same protocol as {@code scripts/bench/reference_net.py}: SGD with momentum, warm-up iterations not timed,
 * wall-clock mean over the timed iterations). The training workspaces are released before the inference phase, as a
 * PyTorch process frees its autograd buffers, and the peak resident set is the kernel's high-water mark.
 */
public final class NetworkBenchmark {

    private static final Logger LOG = LoggerFactory.getLogger(NetworkBenchmark.class);

    private NetworkBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param config     the network (its input size is used)
     * @param batch      images per iteration (≥ 1)
     * @param warmup     untimed iterations before each measurement (≥ 0)
     * @param iterations timed iterations (≥ 1)
     */
    public static NetworkBenchmarkResult run(NetworkConfig config, int batch, int warmup, int iterations) {
        return run(config, batch, warmup, iterations, Precision.FP32);
    }

    /**
     * Runs the benchmark with inference at {@code precision} ({@link Precision#AUTO} is decided as
     * {@link InferencePrecision} decides it, on the benchmark's own graph after training). Training is float32.
     *
     * @param config     the network (its input size is used)
     * @param batch      images per iteration (≥ 1)
     * @param warmup     untimed iterations before each measurement (≥ 0)
     * @param iterations timed iterations (≥ 1)
     * @param precision  inference precision
     * @throws org.densereg.network.UnsupportedPrecisionException for bf16 where it cannot run (before any work)
     */
    public static NetworkBenchmarkResult run(NetworkConfig config, int batch, int warmup, int iterations,
            Precision precision) {
        return run(config, batch, warmup, iterations, precision, true);
    }

    /**
     * Runs the benchmark.
     *
     * @param config      the network
     * @param batch       images per iteration (≥ 1)
     * @param warmup      untimed iterations before each measurement (≥ 0)
     * @param iterations  timed iterations (≥ 1)
     * @param precision   inference precision
     * @param fusedUpdate train with the fused one-pass optimiser update ({@link FusedGraphUpdater}, as {@code train}
     *                    does by default) rather than DL4J's updater
     * @throws org.densereg.network.UnsupportedPrecisionException for bf16 where it cannot run (before any work)
     */
    public static NetworkBenchmarkResult run(NetworkConfig config, int batch, int warmup, int iterations,
            Precision precision, boolean fusedUpdate) {
        if (precision == Precision.BF16 && Accelerators.active().bf16UnavailableReason() != null) {
            throw new UnsupportedPrecisionException("bf16 inference cannot run here: "
                    + Accelerators.active().bf16UnavailableReason());
        }
        if (batch < 1 || warmup < 0 || iterations < 1) {
            throw new IllegalArgumentException("need batch >= 1, warmup >= 0, iterations >= 1; got " + batch + ", "
                    + warmup + ", " + iterations);
        }
        resetPeaks();
        Nd4jEnvironment env = Nd4jEnvironment.current();
        ComputationGraph graph = DenseRegNetworkFactory.build(config, new Nesterovs(1e-3, 0.9), 1e-4);
        if (fusedUpdate) {
            FusedGraphUpdater.install(graph);
        }
        MultiDataSet data = randomBatch(config, batch);
        // making the labels leaves large Java arrays behind (at 257² they would keep ~100 MiB of heap resident)
        System.gc();
        INDArray input = data.getFeatures(0);
        Peaks peaks = new Peaks();
        long warmupStart = System.nanoTime();
        for (int i = 0; i < warmup; i++) {
            graph.fit(data);
            peaks.sample();
        }
        double warmupMs = (System.nanoTime() - warmupStart) / 1e6 / Math.max(1, warmup);
        long start = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            graph.fit(data);
            peaks.sample();
        }
        double trainMs = (System.nanoTime() - start) / 1e6 / iterations;
        // ND4J keeps the training workspaces (activations, gradients, working memory) for the next fit; a process
        // that infers never has them, and PyTorch frees its autograd buffers after each step: release them, so that
        // the peak is the larger of the two phases', not their sum
        graph.clearLayersStates();
        Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread();
        Precision inference = precision == Precision.AUTO
                ? autoPrecision(graph, input.shape()) : precision;
        for (int i = 0; i < warmup; i++) {
            HeadOutputs.read(graph, inference, input, out -> null);
            peaks.sample();
        }
        start = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            HeadOutputs.read(graph, inference, input, out -> null);
            peaks.sample();
        }
        double inferMsPerImage = (System.nanoTime() - start) / 1e6 / iterations / batch;
        NetworkBenchmarkResult result = new NetworkBenchmarkResult(env.backend(), env.threads(),
                "oneDNN".equals(Accelerators.active().name()), config.depth(),
                config.widthMultiplier(), config.inputHeight(), batch, config.fullResolutionOutput(),
                batch * 1000.0 / trainMs, trainMs, warmupMs, inferMsPerImage, peakHeap(), peaks.offHeap,
                Math.max(peaks.physical, kernelPeakRss()), Pointer.maxBytes(), inference);
        LOG.info("benchmark: {}", result.toLine());
        return result;
    }

    /** AUTO decided for {@code graph} as {@link InferencePrecision} decides it for any graph. */
    private static Precision autoPrecision(ComputationGraph graph, long[] inputShape) {
        Precision before = InferencePrecision.requested();
        InferencePrecision.request(Precision.AUTO);
        try {
            return InferencePrecision.resolve(graph, inputShape);
        } finally {
            InferencePrecision.request(before);
        }
    }

    /**
     * A reproducible random batch for the network (seeded by the config's seed): input [N, 3, H, W] uniform in
     * [−0.5, 0.5), the four UV label maps of {@link #randomLabels} and, when configured, random heatmaps
     * [N, J, Ho, Wo].
     */
    public static MultiDataSet randomBatch(NetworkConfig config, int batch) {
        Nd4j.getRandom().setSeed(config.seed());
        INDArray input = Nd4j.rand(DataType.FLOAT, batch, 3, config.inputHeight(), config.inputWidth()).subi(0.5);
        INDArray[] labels = randomLabels(config, batch).asArray();
        if (config.heatmapChannels() > 0) {
            INDArray heat = Nd4j.rand(DataType.FLOAT, batch, config.heatmapChannels(), config.outputHeight(),
                    config.outputWidth());
            labels = new INDArray[] {labels[0], labels[1], labels[2], labels[3], heat};
        }
        return new MultiDataSet(new INDArray[] {input}, labels);
    }

    /** Labels at the network's output size: a centred disc of foreground with a smooth UV ramp. */
    static UvLabels randomLabels(NetworkConfig config, int batch) {
        int h = config.outputHeight();
        int w = config.outputWidth();
        float[] uv = new float[batch * 2 * h * w];
        Random random = new Random(config.seed());
        for (int n = 0; n < batch; n++) {
            double r = 0.3 + 0.15 * random.nextDouble();
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double fx = (double) x / (w - 1);
                    double fy = (double) y / (h - 1);
                    boolean fg = (fx - 0.5) * (fx - 0.5) + (fy - 0.5) * (fy - 0.5) < r * r;
                    int p = y * w + x;
                    uv[n * 2 * h * w + p] = fg ? (float) fx : -1f;
                    uv[n * 2 * h * w + h * w + p] = fg ? (float) (1 - fy) : -1f;
                }
            }
        }
        return new UvCodec(config.bins()).encode(Nd4j.create(uv, new long[] {batch, 2, h, w}, 'c'));
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /**
     * The kernel's record of this process's peak resident set (Linux {@code VmHWM}, what PyTorch's
     * {@code ru_maxrss} reports), which also sees peaks inside an iteration; 0 where unavailable.
     */
    static long kernelPeakRss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("no VmHWM: {}", e.toString());
        }
        return 0;
    }

    /** Running maxima of the off-heap and resident sizes, sampled after each iteration. */
    private static final class Peaks {
        long offHeap;
        long physical;

        void sample() {
            long rss = Pointer.physicalBytes();
            long heapCommitted = Runtime.getRuntime().totalMemory();
            // ND4J's CPU buffers are not tracked by Pointer.totalBytes(): estimate off-heap as RSS − committed heap
            offHeap = Math.max(offHeap, Math.max(Pointer.totalBytes(), rss - heapCommitted));
            physical = Math.max(physical, rss);
        }
    }
}
