package org.densereg.cli.option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** {@code --config}, {@code --set}, {@code --run-dir}, {@code --resume}: the options every training command shares. */
public final class TrainRunMixin {

    @Option(names = "--config", description = "YAML config file or bundled config name (default: built-in defaults;"
            + " with --resume: the run folder's config.resolved.yaml).")
    String config;

    @Option(names = "--set", description = "Override a config key, e.g. --set trainer.iterations=500 (repeatable).")
    List<String> overrides = new ArrayList<>();

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

    /** @return the {@code --set} overrides in order */
    public List<String> overrides() {
        return List.copyOf(overrides);
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
     * @param spec the running command
     * @return the command line as typed, recorded in the run folder
     */
    public static String commandLine(CommandSpec spec) {
        return "densereg " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
    }
}
