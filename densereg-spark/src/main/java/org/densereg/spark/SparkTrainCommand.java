package org.densereg.spark;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.densereg.config.ConfigLoader;
import org.densereg.io.FolderLock;
import org.densereg.runtime.ConsoleProgressBar;
import org.densereg.runtime.ProgressListener;
import org.densereg.train.InvalidTrainerConfigException;
import org.densereg.train.ModelArchiveWriter;
import org.densereg.train.TrainingSummary;
import org.densereg.train.face.FaceTrainingJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code densereg-spark train}: {@code densereg train} (faces) with each iteration's batch spread over the executors of
 * a Spark application ({@link SparkTrainingStep}); the same configuration, {@code --config}/{@code --set}, run folder,
 * checkpoints, validation, model archives and {@code --resume}.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"densereg train (faces) on Apache Spark: synchronous data-parallel training. Each iteration's"
                + " batch (data.batchSize) is split into spark.shards equal shards, one Spark task each; the driver"
                + " averages their gradients and applies the configured optimiser (spark.averageEvery=1, default), or"
                + " averages parameters and optimiser state every spark.averageEvery local steps.",
            "Same config keys, bundled configs, run folder and --resume as densereg train, plus spark.averageEvery"
                    + " (default 1) and spark.shards (default 0: Spark's default parallelism)."},
        footer = {"", "Examples:",
            "  scripts/densereg-spark train --master 'local[2]' --config quickstart --run-dir runs/spark-q",
            "  scripts/densereg-spark train --master 'local[2]' --run-dir runs/spark-q --resume",
            "", "The run folder gets config.resolved.yaml (with the spark section), env.json, metrics.csv, val.jsonl,"
                    + " checkpoints/ and model-last.densereg.zip, model-best.densereg.zip, as densereg train.",
            "Exit codes: 0 trained, 3 invalid config or data (every problem listed), 1 diverged / out of memory / I/O /"
                    + " Spark job failed, 2 usage (e.g. the run folder is in use by another densereg job).",
            "See docs/spark.md."})
public final class SparkTrainCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(SparkTrainCommand.class);

    @Spec
    CommandSpec spec;

    @Mixin
    SparkMasterOption masterOption;

    @Option(names = "--config", description = "YAML config file or bundled config name (default: built-in defaults;"
            + " with --resume: the run folder's config.resolved.yaml).")
    String config;

    @Option(names = "--set", description = "Override a config key, e.g. --set trainer.iterations=500 or"
            + " --set spark.averageEvery=4 (repeatable).")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--init", paramLabel = "PATH", description = "Start the backbone from pretrained weights, as"
            + " densereg train --init (shortcut for --set model.init=PATH).")
    Path init;

    @Option(names = "--run-dir", required = true, description = "Run folder (created; must be new unless --resume).")
    Path runDir;

    @Option(names = "--resume", description = "Continue the run in --run-dir from its last complete checkpoint.")
    boolean resume;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar.")
    boolean quiet;

    @Option(names = "--stacktrace", description = "Print the stack trace of an error.")
    boolean stacktrace;

    @Override
    public Integer call() throws IOException {
        SparkFaceTrainConfig resolved = SparkFaceTrainConfig.resolve(configSource(), overrides()).validate();
        String yaml = ConfigLoader.toYaml(resolved);
        TrainingSummary summary;
        FaceTrainingJob.Outcome outcome;
        double seconds;
        long images;
        try (FolderLock lock = FolderLock.acquire(runDir, "checkpoints");
                JavaSparkContext sc = new JavaSparkContext(sparkConf(masterOption.master()))) {
            int shards = resolved.spark().shards() > 0 ? resolved.spark().shards() : sc.defaultParallelism();
            if (resolved.data().batchSize() % shards != 0) {
                throw new InvalidTrainerConfigException(List.of("data.batchSize: " + resolved.data().batchSize()
                        + " images cannot be split into " + shards + " equal shards (spark.shards=0: Spark's default"
                        + " parallelism, " + shards + " here); use a multiple of it or set spark.shards"));
            }
            SparkTrainingStep step = new SparkTrainingStep(sc, shards, resolved.spark().averageEvery());
            FaceTrainingJob job = new FaceTrainingJob(resolved.face(), step, yaml);
            LOG.info("Spark master {}, {} shards of {} images per iteration", sc.master(), shards,
                    resolved.data().batchSize() / shards);
            ProgressListener progress = quiet ? ProgressListener.NONE : new ConsoleProgressBar();
            long t0 = System.nanoTime();
            outcome = job.run(runDir, resume, progress, commandLine());
            seconds = (System.nanoTime() - t0) / 1e9;
            summary = outcome.summary();
            images = (summary.iterations() - summary.startIteration()) * resolved.data().batchSize();
        }
        double rate = images / Math.max(1e-9, seconds);
        LOG.info("{} training images in {} s: {} images/s (driver wall time, validation and archives included)", images,
                String.format(Locale.ROOT, "%.1f", seconds), String.format(Locale.ROOT, "%.2f", rate));
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "trained %d iterations in %.1f s; final loss %.4f%n", summary.iterations(),
                summary.elapsedSeconds(), summary.finalLoss());
        out.println(summary.times().describe());
        out.println(heldOut(resolved.data().validationImages(), outcome.heldOut()));
        out.printf(Locale.ROOT, "%d images in %.1f s: %.2f images/s%n", images, seconds, rate);
        out.printf("model: %s%n", runDir.resolve(ModelArchiveWriter.LAST_ARCHIVE));
        out.flush();
        return DenseRegSparkMain.OK;
    }

    /** {@code --config}, else on resume the run's {@code config.resolved.yaml} (as {@code densereg train}). */
    private String configSource() {
        if (config == null && resume && Files.isRegularFile(runDir.resolve("config.resolved.yaml"))) {
            return runDir.resolve("config.resolved.yaml").toString();
        }
        return config;
    }

    private List<String> overrides() {
        List<String> all = new ArrayList<>(overrides);
        if (init != null) {
            all.add("model.init='" + init.toString().replace("'", "''") + "'");
        }
        return all;
    }

    private String commandLine() {
        return "densereg-spark " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
    }

    /** The Spark configuration of {@link SparkInferCommand#sparkConf}, named for training. */
    private static SparkConf sparkConf(String master) {
        return SparkInferCommand.sparkConf(master).setAppName("densereg-spark train");
    }

    /** {@code held-out faces (N): name value, ...}, as {@code densereg train} prints it. */
    private static String heldOut(int faces, Map<String, Double> figures) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "held-out faces (%d): ", faces));
        String separator = "";
        for (Map.Entry<String, Double> e : figures.entrySet()) {
            line.append(separator).append(String.format(Locale.ROOT, "%s %.4f", e.getKey(), e.getValue()));
            separator = ", ";
        }
        return line.toString();
    }
}
