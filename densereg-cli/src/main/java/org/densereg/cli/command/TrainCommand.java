package org.densereg.cli.command;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.densereg.cli.option.TrainRunMixin;
import org.densereg.cli.option.VerbosityMixin;
import org.densereg.cli.support.ExitCodes;
import org.densereg.io.FolderLock;
import org.densereg.train.TrainingSummary;
import org.densereg.train.face.FaceTrainConfig;
import org.densereg.train.face.FaceTrainConfigs;
import org.densereg.train.face.FaceTrainingJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code densereg train}: trains a face network and evaluates it on held-out faces. */
@Command(name = "train",
        description = {"Train a DenseReg face network (quantized (u, v) regression) and evaluate it on held-out faces.",
            "With no data setting it trains on built-in synthetic faces (no download).",
            "Bundled configs: quickstart, cpu-r18-129, gpu-r101-321, gpu-r101-513."},
        footer = {"", "The run folder gets config.resolved.yaml, env.json, metrics.csv, val.jsonl, checkpoints/ and the"
                + " model archives model-last.densereg.zip and model-best.densereg.zip.",
            "Exit codes: 0 trained, 3 invalid config (every problem listed), 1 diverged / out of memory / I/O, 2 usage"
                + " (e.g. the run folder is in use by another densereg job)."})
public final class TrainCommand implements Callable<Integer> {

    @Mixin
    VerbosityMixin verbosity;

    @Spec
    CommandSpec spec;

    @Mixin
    TrainRunMixin run;

    @Override
    public Integer call() throws IOException {
        FaceTrainConfig resolved = FaceTrainConfigs.resolve(run.configSource(), run.overrides());
        FaceTrainingJob job = new FaceTrainingJob(resolved);
        FaceTrainingJob.Outcome outcome;
        try (FolderLock lock = FolderLock.acquire(run.runDir(), "checkpoints")) {
            outcome = job.run(run.runDir(), run.resume(), VerbosityMixin.progress(), TrainRunMixin.commandLine(spec));
        }
        TrainingSummary summary = outcome.summary();
        PrintWriter out = spec.commandLine().getOut();
        out.printf("trained %d iterations in %.1f s; final loss %.4f%n", summary.iterations(), summary.elapsedSeconds(),
                summary.finalLoss());
        out.printf("held-out faces (%d): ", resolved.data().validationImages());
        boolean first = true;
        for (Map.Entry<String, Double> e : outcome.heldOut().entrySet()) {
            out.printf("%s%s %.4f", first ? "" : ", ", e.getKey(), e.getValue());
            first = false;
        }
        out.println();
        out.printf("model: %s%n", run.runDir().resolve(FaceTrainingJob.LAST_ARCHIVE));
        out.flush();
        return ExitCodes.OK;
    }
}
