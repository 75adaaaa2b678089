package org.densereg.cli.command;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.densereg.cli.option.TrainRunMixin;
import org.densereg.eval.LspPck;
import org.densereg.train.body.BodyTrainConfig;
import org.densereg.train.body.BodyTrainConfigs;
import org.densereg.train.body.BodyTrainingJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code densereg train-body}: trains a body network on a supervise-body folder and reports LSP PCK@0.2. */
@Command(name = "train-body",
        description = {"Train a DenseReg body network (part index, per-part u/v, joint heatmaps) on a"
                + " 'densereg supervise-body' folder and report LSP PCK@0.2 of the heatmap and dense joints.",
            "data.task: HEATMAP | HEATMAP_DENSE | DENSE. Bundled configs: lsp-body-heatmap, lsp-body-heatmap-dense,"
                + " lsp-body-dense (set data.source)."},
        footer = {"", "The run folder gets config.resolved.yaml, env.json, metrics.csv, val.jsonl, checkpoints/ and"
                + " model-last.densereg.zip / model-best.densereg.zip.",
            "Exit codes: 0 trained, 3 invalid config or data, 1 diverged / out of memory / I/O, 2 usage (e.g. the run"
                + " folder is in use by another densereg job)."})
public final class TrainBodyCommand implements Callable<Integer> {

    @Mixin
    TrainRunMixin run;

    @Override
    public Integer call() throws IOException {
        BodyTrainConfig config = run.config(BodyTrainConfigs::resolve);
        BodyTrainingJob.Outcome outcome = run.launch(new BodyTrainingJob(config));
        PrintWriter out = run.printTrained(outcome.summary(), " (" + config.data().task() + ")");
        out.printf("LSP PCK@0.2 on %d validation images (%%):%n", outcome.validationImages());
        out.printf("%-8s %s Mean%n", "joints", String.join(" ", LspPck.GROUPS));
        print(out, "heatmap", outcome.evaluation().heatmap());
        print(out, "dense", outcome.evaluation().dense());
        return run.printModel();
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
