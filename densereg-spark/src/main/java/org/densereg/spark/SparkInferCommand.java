package org.densereg.spark;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.densereg.infer.Fit3dOptions;
import org.densereg.infer.Inference;
import org.densereg.infer.InferenceOptions;
import org.densereg.infer.InferenceRequest;
import org.densereg.infer.InferenceRequestException;
import org.densereg.infer.InferenceSummary;
import org.densereg.infer.Localisation;
import org.densereg.infer.OutputFormat;
import org.densereg.infer.UvLandmarkExtractor;
import org.densereg.io.FolderLock;
import org.densereg.model.BundledModels;
import org.densereg.runtime.ProgressListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code densereg-spark infer}: {@code densereg infer}'s inputs, options and outputs, with the images spread over the
 * executors of a Spark application ({@link SparkInference}).
 */
@Command(name = "infer", mixinStandardHelpOptions = true,
        description = {"densereg infer on Apache Spark: the same inputs, options and outputs (per-item files,"
                + " summary.json, failures.csv), byte-identical but for the timings (summary.json's, and --fit3d's"
                + " fit_seconds); the images are spread"
                + " over the executors, each loading the model once from the broadcast archive (SHA-256 checked).",
            "Runs in local[*] unless --master or spark-submit's --master says otherwise. On a cluster, the model, the"
                    + " inputs, --out and a --fit3d-model path must be on a file system every executor sees at the same"
                    + " paths."},
        footer = {"", "Examples:",
            "  scripts/densereg-spark infer --model demo --input src-test-data/faces --out out/spark",
            "  scripts/densereg-spark infer --master local[2] --model demo 'photos/**/*.jpg' --out out/spark",
            "  scripts/densereg-spark infer --model demo --fit3d-mesh --input src-test-data/faces --out out/spark-3d",
            "  spark-submit --master spark://head:7077 --class org.densereg.spark.DenseRegSparkMain \\",
            "      densereg-spark-job.jar infer --model /shared/m.densereg.zip --input /shared/photos --out /shared/out",
            "", "Exit codes: 0 every item written (or already there), 3 some inputs could not be processed (listed in"
                    + " failures.csv), 1 failure (I/O, the Spark job failed), 2 usage (e.g. --fit3d with a body model),"
                    + " 4 internal error.",
            "See docs/spark.md."})
public final class SparkInferCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(SparkInferCommand.class);

    @Spec
    CommandSpec spec;

    @Mixin
    SparkMasterOption masterOption;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "0",
            description = "Partitions to spread the images over (default 0: four per core of the application, at most"
                    + " one per image).")
    int partitions;

    @Option(names = "--model", required = true, paramLabel = "NAME|ARCHIVE",
            description = "Model archive (*.densereg.zip) or the name of a bundled model in models/ (e.g. demo).")
    String model;

    @Option(names = "--input", paramLabel = "INPUT",
            description = "Image file, folder, glob pattern or @LIST file, as densereg infer; repeatable.")
    List<String> inputOptions = new ArrayList<>();

    @Parameters(paramLabel = "INPUT", arity = "0..*", description = "More inputs, as --input.")
    List<String> inputArguments = new ArrayList<>();

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Option(names = "--crop", paramLabel = "auto|detect|whole|pts|boxes",
            description = "How faces/persons are located, as densereg infer: auto (default: the bundled face detector"
                    + " on photos, square images up to 512 px taken whole; persons: whole image), detect, whole, the"
                    + " .pts beside each image (faces only), or --boxes. Detection runs on the driver with the"
                    + " detector's defaults.")
    String crop;

    @Option(names = "--boxes", paramLabel = "FILE",
            description = "Face or person boxes (JSON, CSV or, for faces, dlib XML), as densereg infer; implies --crop"
                    + " boxes.")
    Path boxes;

    @Option(names = "--recursive", description = "Also read images in sub-folders of --input folders.")
    boolean recursive;

    @Option(names = {"--batch", "--batch-size"}, paramLabel = "N", defaultValue = "1",
            description = "Items decoded ahead per task (default: ${DEFAULT-VALUE}); outputs are the same for any value.")
    int batch;

    @Option(names = "--threads", paramLabel = "N",
            description = "Decoding/writing threads per task (default: processors, at most 4).")
    Integer threads;

    @Option(names = "--landmarks", paramLabel = "subpixel|argmin", defaultValue = "subpixel",
            description = "Landmark extraction (default: ${DEFAULT-VALUE}).")
    String landmarks;

    @Option(names = "--formats", paramLabel = "LIST", split = ",",
            description = "Files per face, any of uv, iuv, parts, vis, pts, json; per person, any of iuv, parts, vis,"
                    + " json (default: all of the model's task).")
    List<String> formats;

    @Option(names = "--fit3d",
            description = "Faces: fit the 3D face model to each face's dense (u, v) and write <id>.fit.json, as densereg"
                    + " infer --fit3d; each executor reads the morphable model once.")
    boolean fit3d;

    @Option(names = "--fit3d-mesh", description = "As --fit3d, and also write the fitted mesh as <id>.obj.")
    boolean fit3dMesh;

    @Option(names = "--fit3d-model", paramLabel = "MODEL",
            description = "The morphable model for --fit3d, as densereg infer: default (the built-in model), a model"
                    + " folder or a BFM .mat (on a cluster at a path every executor can read; default: the archive's"
                    + " template).")
    String fit3dModel;

    @Option(names = "--stacktrace", description = "Print the stack trace of an error.")
    boolean stacktrace;

    @Override
    public Integer call() throws IOException {
        InferenceRequest request = request();
        SparkConf conf = sparkConf(masterOption.master());
        Inference.Result result;
        try (FolderLock lock = FolderLock.acquire(out); JavaSparkContext sc = new JavaSparkContext(conf)) {
            result = SparkInference.run(sc, request, partitions, new LoggingProgress());
        } catch (InferenceRequestException e) {
            if ("fit3d".equals(e.setting())) {
                // as densereg infer: the cascade's options, then what is wrong
                throw new ParameterException(spec.commandLine(), request.fit3d().flags() + ": " + e.what());
            }
            String option = switch (e.setting()) {
                case "localisation" -> "crop";
                default -> e.setting();
            };
            throw new ParameterException(spec.commandLine(), "--" + option + " " + e.value() + ": " + e.what());
        }
        InferenceSummary summary = result.summary();
        String unit = result.items();
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf(Locale.ROOT, "%d %s: %d written, %d existing, %d failed (%.1f %s/s)%n", summary.total(), unit,
                summary.written(), summary.existing(), summary.failed(), summary.itemsPerSecond(), unit);
        stdout.printf("outputs in %s (summary.json, failures.csv)%n", out);
        stdout.flush();
        return summary.failed() > 0 ? DenseRegSparkMain.BAD_INPUT : DenseRegSparkMain.OK;
    }

    /**
     * The Spark configuration: spark-submit's ({@code spark.*} system properties), the master of {@code --master} or,
     * when neither gives one, {@code local[*]}; in local mode the web UI is off and the driver binds to the loopback
     * address unless configured otherwise.
     */
    static SparkConf sparkConf(String master) {
        SparkConf conf = new SparkConf().setAppName("densereg-spark infer");
        if (master != null) {
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        if (conf.get("spark.master").startsWith("local")) {
            conf.setIfMissing("spark.ui.enabled", "false");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
        }
        return conf;
    }

    private InferenceRequest request() {
        if (batch < 1) {
            throw new ParameterException(spec.commandLine(), "--batch must be >= 1, got " + batch);
        }
        if (partitions < 0) {
            throw new ParameterException(spec.commandLine(), "--partitions must be >= 0, got " + partitions);
        }
        int workers = threads != null ? threads : Math.min(4, Runtime.getRuntime().availableProcessors());
        if (workers < 1) {
            throw new ParameterException(spec.commandLine(), "--threads must be >= 1, got " + workers);
        }
        UvLandmarkExtractor.Mode mode = switch (landmarks.toLowerCase(Locale.ROOT)) {
            case "subpixel" -> UvLandmarkExtractor.Mode.SUBPIXEL;
            case "argmin" -> UvLandmarkExtractor.Mode.ARGMIN;
            default -> throw new ParameterException(spec.commandLine(),
                    "--landmarks: expected subpixel or argmin, found '" + landmarks + "'");
        };
        EnumSet<OutputFormat> requested = null;
        if (formats != null) {
            requested = EnumSet.noneOf(OutputFormat.class);
            for (String f : formats) {
                try {
                    requested.add(OutputFormat.parse(f));
                } catch (IllegalArgumentException e) {
                    throw new ParameterException(spec.commandLine(), "--formats: " + e.getMessage());
                }
            }
        }
        Localisation how;
        try {
            how = crop == null ? (boxes != null ? Localisation.BOXES : Localisation.AUTO) : Localisation.parse(crop);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--crop: " + e.getMessage());
        }
        List<String> inputs = new ArrayList<>(inputOptions);
        inputs.addAll(inputArguments);
        if (how.fromBoxesFile() && boxes == null) {
            throw new ParameterException(spec.commandLine(), "--crop boxes needs --boxes FILE");
        }
        if (!how.fromBoxesFile() && inputs.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "an INPUT (file, folder, glob or @LIST) is required"
                    + " (unless --boxes is given)");
        }
        Fit3dOptions cascade;
        try {
            cascade = Fit3dOptions.fromFlags(fit3d, fit3dMesh, fit3dModel);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Path archive = BundledModels.standard(SparkInferCommand.class).resolve(model);
        return new InferenceRequest(archive, inputs, Path.of(""), recursive, how, boxes, requested, mode,
                new InferenceOptions(batch, workers), out, null, cascade);
    }

    /** Progress on the driver as log lines, one per finished partition. */
    private static final class LoggingProgress implements ProgressListener {
        private long total;

        @Override
        public void start(String task, long steps) {
            total = steps;
        }

        @Override
        public void advance(long done, String status) {
            LOG.info("{} / {} predicted", done, total);
        }

        @Override
        public void finish(String summary) {
            LOG.info("done: {}", summary);
        }
    }
}
