package org.densereg.cli.command;

import java.util.Map;
import org.densereg.train.face.FaceTrainConfig;
import org.densereg.train.face.FaceTrainConfigs;
import org.densereg.train.face.FaceTrainingJob;
import picocli.CommandLine.Command;

/** {@code densereg train}: trains a face network and evaluates it on held-out faces. */
@Command(name = "train",
        description = {"Train a DenseReg face network (quantized (u, v) regression) and evaluate it on held-out faces.",
            "With no data setting it trains on built-in synthetic faces (no download).",
            "Bundled configs: quickstart, cpu-r18-129, face-300w, face-synthetic, gpu-r101-321, gpu-r101-513."})
public final class TrainCommand extends TrainingCommand<FaceTrainConfig, FaceTrainingJob.Outcome> {

    /** Face configurations and the face training job. */
    public TrainCommand() {
        super(FaceTrainConfigs::resolve, FaceTrainingJob::new);
    }

    @Override
    void report(FaceTrainConfig config, FaceTrainingJob.Outcome outcome) {
        run.printTrained(outcome.summary(), "").println(heldOut(config.data().validationImages(), outcome.heldOut()));
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
