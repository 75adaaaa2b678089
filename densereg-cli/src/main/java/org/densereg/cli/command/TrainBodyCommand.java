package org.densereg.cli.command;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.densereg.cli.option.VerbosityMixin;
import org.densereg.cli.support.ExitCodes;
import org.densereg.eval.LspPck;
import org.densereg.train.TrainingSummary;
import org.densereg.train.body.BodyTrainConfig;
import org.densereg.train.body.BodyTrainConfigs;
import org.densereg.train.body.BodyTrainingJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code densereg train-body}: trains a body network on a supervise-body folder and reports LSP PCK@0.2. */
@Command(name = "train-body",
        description = {"Train a DenseReg body network (part index, per-part u/v, joint heatmaps) on a"
                + " 'densereg supervise-body' folder and report LSP PCK@0.2 of the heatmap and dense joints.",
            "data.task: HEATMAP | HEATMAP_DENSE | DENSE. Bundled configs: lsp-body-heatmap, lsp-body-heatmap-dense,"
                + " lsp-body-dense (set data.source)."},
        footer = {"", "The run folder gets config.resolved.yaml, env.json, metrics.csv, val.jsonl, checkpoints/ and"
                + " model-last.densereg.zip / model-best.densereg.zip.",
            "Exit codes: 0 trained, 3 invalid config or data, 1 diverged / out of memory / I/O."})
public final class TrainBodyCommand implements Callable<Integer> {

    @Mixin
    VerbosityMixin verbosity;

    @Spec
    CommandSpec spec;

    @Option(names = "--config", description = "YAML config file or bundled config name (default: built-in defaults;"
            + " with --resume: the run folder's config.resolved.yaml).")
    String config;

    @Option(names = "--set", description = "Override a config key, e.g. --set data.source=work/lsp-body (repeatable).")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--run-dir", required = true, description = "Run folder (created; must be new unless --resume).")
    Path runDir;

    @Option(names = "--resume", description = "Continue the run in --run-dir from its last complete checkpoint.")
    boolean resume;

    @Override
    public Integer call() throws IOException {
        String source = config;
        if (source == null && resume && Files.isRegularFile(runDir.resolve("config.resolved.yaml"))) {
            source = runDir.resolve("config.resolved.yaml").toString();
        }
        BodyTrainConfig resolved = BodyTrainConfigs.resolve(source, overrides);
        BodyTrainingJob job = new BodyTrainingJob(resolved);
        BodyTrainingJob.Outcome outcome = job.run(runDir, resume, VerbosityMixin.progress(),
                "densereg " + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
        TrainingSummary summary = outcome.summary();
        PrintWriter out = spec.commandLine().getOut();
        out.printf("trained %d iterations (%s) in %.1f s; final loss %.4f%n", summary.iterations(),
                resolved.data().task(), summary.elapsedSeconds(), summary.finalLoss());
        out.printf("LSP PCK@0.2 on %d validation images (%%):%n", outcome.validationImages());
        out.printf("%-8s %s Mean%n", "joints", String.join(" ", LspPck.GROUPS));
        print(out, "heatmap", outcome.evaluation().heatmap());
        print(out, "dense", outcome.evaluation().dense());
        out.printf("model: %s%n", runDir.resolve(BodyTrainingJob.LAST_ARCHIVE));
        out.flush();
        return ExitCodes.OK;
    }

    private static void print(PrintWriter out, String name, LspPck.Result r) {
        StringBuilder line = new StringBuilder(String.format("%-8s", name));
        for (double g : r.groups()) {
            line.append(String.format(" %5.1f", g));
        }
        line.append(String.format(" %5.1f", r.mean()));
        out.println(line);
    }
}
