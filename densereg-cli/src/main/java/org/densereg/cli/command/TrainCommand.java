package org.densereg.cli.command;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.Callable;
import org.densereg.cli.option.TrainRunMixin;
import org.densereg.train.face.FaceTrainConfig;
import org.densereg.train.face.FaceTrainConfigs;
import org.densereg.train.face.FaceTrainingJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

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
    TrainRunMixin run;

    @Override
    public Integer call() throws IOException {
        FaceTrainConfig config = run.config(FaceTrainConfigs::resolve);
        FaceTrainingJob.Outcome outcome = run.launch(new FaceTrainingJob(config));
        run.printTrained(outcome.summary(), "").println(heldOut(config.data().validationImages(), outcome.heldOut()));
        return run.printModel();
    }

    /** {@code held-out faces (N): name value, ...}. */
    private static String heldOut(int faces, Map<String, Double> figures) {
        StringBuilder line = new StringBuilder(String.format("held-out faces (%d): ", faces));
        String separator = "";
        for (Map.Entry<String, Double> e : figures.entrySet()) {
            line.append(separator).append(String.format("%s %.4f", e.getKey(), e.getValue()));
            separator = ", ";
        }
        return line.toString();
    }
}
