package org.densereg.cli.command;

import java.io.PrintWriter;
import org.densereg.eval.LspPck;
import org.densereg.train.body.BodyDataset;
import org.densereg.train.body.BodyTrainConfig;
import org.densereg.train.body.BodyTrainConfigs;
import org.densereg.train.body.BodyTrainingJob;
import org.densereg.train.body.BodyValidator;
import picocli.CommandLine.Command;

/**
 * {@code densereg train-body}: trains a body network on a supervise-body folder and reports LSP PCK@0.2 (or PCKh@0.5
 * with {@code data.dataset: MPII}).
 */
@Command(name = "train-body",
        description = {"Train a DenseReg body network (part index, per-part u/v, joint heatmaps) on a"
                + " 'densereg supervise-body' folder and report LSP PCK@0.2 of the heatmap and dense joints"
                + " (data.dataset: LSP, the default) or PCKh@0.5 (data.dataset: MPII, supervise-body --dataset mpii"
                + " output).",
            "data.task: HEATMAP | HEATMAP_DENSE | DENSE. Bundled configs: lsp-body-heatmap, lsp-body-heatmap-dense,"
                + " lsp-body-dense (set data.source)."})
public final class TrainBodyCommand extends TrainingCommand<BodyTrainConfig, BodyTrainingJob.Outcome> {

    /** Body configurations and the body training job. */
    public TrainBodyCommand() {
        super(BodyTrainConfigs::resolve, BodyTrainingJob::new);
    }

    @Override
    void report(BodyTrainConfig config, BodyTrainingJob.Outcome outcome) {
        PrintWriter out = run.printTrained(outcome.summary(), " (" + config.data().task() + ")");
        out.printf("%s on %d validation %s (%%):%n", outcome.evaluation().metric(), outcome.validationImages(),
                config.data().dataset() == BodyDataset.MPII ? "persons" : "images");
        out.printf("%-8s %s Mean%n", "joints", String.join(" ", LspPck.GROUPS));
        print(out, "heatmap", outcome.evaluation().heatmap());
        print(out, "dense", outcome.evaluation().dense());
    }

    private static void print(PrintWriter out, String name, BodyValidator.Score r) {
        StringBuilder line = new StringBuilder(String.format("%-8s", name));
        for (double g : r.groups()) {
            line.append(String.format(" %5.1f", g));
        }
        line.append(String.format(" %5.1f", r.mean()));
        out.println(line);
    }
}
