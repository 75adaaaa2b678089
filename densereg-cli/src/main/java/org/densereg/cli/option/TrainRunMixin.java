package org.densereg.cli.option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.densereg.cli.support.ExitCodes;
import org.densereg.io.FolderLock;
import org.densereg.train.ModelArchiveWriter;
import org.densereg.train.TrainingJob;
import org.densereg.train.TrainingSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --config}, {@code --set}, {@code --init}, {@code --run-dir}, {@code --resume} and the verbosity options: what every training
 * command shares, with the flow around the core job (resolve the configuration, launch the job, print the summary).
 */
@Command(footer = {"", TrainRunMixin.RUN_FOLDER_HELP, TrainRunMixin.EXIT_CODES_HELP})
public final class TrainRunMixin {

    /** What a run folder gets: the first line of the training commands' help footer (this mixin's footer). */
    public static final String RUN_FOLDER_HELP = "The run folder gets config.resolved.yaml, env.json, metrics.csv,"
            + " val.jsonl, training_summary.json, checkpoints/ and the model archives model-last.densereg.zip and model-best.densereg.zip.";

    /** The exit codes of the training commands, for their help footer. */
    public static final String EXIT_CODES_HELP = "Exit codes: 0 trained, 3 invalid config or data (every problem"
            + " listed), 1 diverged / out of memory / I/O, 2 usage (e.g. the run folder is in use by another densereg job).";

    /** Resolves a training configuration from {@code --config} and {@code --set} (e.g. {@code FaceTrainConfigs::resolve}). */
    @FunctionalInterface
    public interface ConfigResolver<C> {
        /**
         * @param config    the config file or bundled name, or null for the code defaults
         * @param overrides {@code key=value} overrides
         * @return the resolved configuration
         * @throws IOException when the file cannot be read
         */
        C resolve(String config, List<String> overrides) throws IOException;
    }

    @Mixin
    VerbosityMixin verbosity;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--config", description = "YAML config file or bundled config name (default: built-in defaults;"
            + " with --resume: the run folder's config.resolved.yaml).")
    String config;

    @Option(names = "--set", description = "Override a config key, e.g. --set trainer.iterations=500 (repeatable).")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--init", paramLabel = "PATH", description = "Start the backbone from pretrained weights: a"
            + " torchvision ResNet state dict (.pth, torch.save) or .safetensors, or a Keras ResNet50/101 .h5 (with"
            + " --set network.resnetVariant=KERAS), of the configured network.depth at width 1; the heads start"
            + " fresh. Shortcut for --set model.init=PATH (default: none, all fresh).")
    Path init;

    @Option(names = "--run-dir", required = true, description = "Run folder (created; must be new unless --resume).")
    Path runDir;

    @Option(names = "--resume", description = "Continue the run in --run-dir from its last complete checkpoint.")
    boolean resume;

    /** @return the config file or bundled name to resolve: {@code --config}, else on resume the run's resolved config */
    public String configSource() {
        if (config == null && resume && Files.isRegularFile(runDir.resolve("config.resolved.yaml"))) {
            return runDir.resolve("config.resolved.yaml").toString();
        }
        return config;
    }

    /** @return the {@code --set} overrides in order, then {@code model.init} from {@code --init} when given */
    public List<String> overrides() {
        List<String> all = new ArrayList<>(overrides);
        if (init != null) {
            all.add("model.init='" + init.toString().replace("'", "''") + "'");
        }
        return List.copyOf(all);
    }

    /** @return the run folder */
    public Path runDir() {
        return runDir;
    }

    /** @return whether to resume */
    public boolean resume() {
        return resume;
    }

    /**
     * @param resolver the command's configuration resolver
     * @return the configuration of {@link #configSource()} with the {@code --set} overrides
     * @throws IOException when the file cannot be read
     */
    public <C> C config(ConfigResolver<C> resolver) throws IOException {
        return resolver.resolve(configSource(), overrides());
    }

    /**
     * Runs a training job in {@code --run-dir} (resuming with {@code --resume}), with a progress bar unless
     * {@code -q}, recording the command line in the run folder. The run folder is locked meanwhile: a second writer
     * gets {@link org.densereg.io.FolderLockedException} (exit 2).
     *
     * @param job the configured job
     * @return its outcome
     * @throws IOException when the run folder cannot be written or read
     */
    public <O> O launch(TrainingJob<O> job) throws IOException {
        try (FolderLock lock = FolderLock.acquire(runDir, "checkpoints")) {
            return job.run(runDir, resume, VerbosityMixin.progress(), commandLine(spec));
        }
    }

    /**
     * Prints {@code trained N iterations<detail> in S s; final loss L} and where the time went ({@code network busy
     * P% of S s (waiting for data ..., validation ..., checkpoints ...)}, {@link org.densereg.train.TrainingTimes}).
     *
     * @param summary what the trainer reported
     * @param detail  text after the iteration count, e.g. {@code " (HEATMAP)"}, or empty
     * @return the command's standard output, for the lines that follow
     */
    public PrintWriter printTrained(TrainingSummary summary, String detail) {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("trained %d iterations%s in %.1f s; final loss %.4f%n", summary.iterations(), detail,
                summary.elapsedSeconds(), summary.finalLoss());
        out.printf("%s%n", summary.times().describe());
        return out;
    }

    /**
     * Prints {@code model: RUN_DIR/model-last.densereg.zip} and flushes standard output.
     *
     * @return {@link ExitCodes#OK}
     */
    public int printModel() {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("model: %s%n", runDir.resolve(ModelArchiveWriter.LAST_ARCHIVE));
        out.flush();
        return ExitCodes.OK;
    }

    /** The command line as typed, recorded in the run folder. */
    private static String commandLine(CommandSpec spec) {
        return "densereg " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
    }
}
