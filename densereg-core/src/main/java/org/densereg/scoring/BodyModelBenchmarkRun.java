package org.densereg.scoring;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.densereg.data.JointPredictionJson;
import org.densereg.data.lsp.LspJoint;
import org.densereg.data.lsp.LspJoints;
import org.densereg.io.BadInputException;
import org.densereg.io.Sha256;
import org.densereg.model.ModelArchive;
import org.densereg.train.body.BodyTask;

/**
 * A body model run on the LSP test images 1001-2000 of a {@code supervise-body} folder (each crop placed around the
 * image's ground-truth joints), writing a joints JSON file that {@code eval.LspEvaluation} scores like the
 * predictions of any other method. This is {@code densereg evaluate --dataset lsp --model}.
 */
public final class BodyModelBenchmarkRun {

    private BodyModelBenchmarkRun() {
    }

    /**
     * Predicts the LSP test images and writes their joints ({@link JointPredictionJson#write}, 0-based).
     *
     * @param archive     the body model archive (written by {@code train-body})
     * @param supervision a {@code supervise-body} folder holding images 1001-2000
     * @param source      which joints to write
     * @param batchSize   images per forward pass (changes only float round-off), at least 1
     * @param predictions the JSON file to write (its folder is created)
     * @return what the evaluation report records about the model and how it was run (archive, checksum, task, joint
     *         source used, supervision folder, localisation, missing-joint rule), in that order
     * @throws BadInputException when the archive is not a body model or images of the range are missing
     * @throws IOException       on a read or write error
     */
    public static Map<String, Object> predictLspTest(Path archive, Path supervision, JointSource source, int batchSize,
            Path predictions) throws IOException {
        BodyModelPredictions.Result r = BodyModelPredictions.predict(ModelArchive.read(archive), archive,
                supervision, LspJoints.TEST_FIRST, LspJoints.TEST_FIRST + LspJoints.SPLIT_SIZE - 1, batchSize);
        JointSource used = source != JointSource.AUTO ? source
                : r.task() == BodyTask.DENSE ? JointSource.DENSE : JointSource.HEATMAP;
        double[] xy = used == JointSource.DENSE ? r.predictions().dense() : r.predictions().heatmap();
        Path folder = predictions.toAbsolutePath().getParent();
        if (folder != null) {
            Files.createDirectories(folder);
        }
        JointPredictionJson.write(predictions, xy, LspJoint.COUNT);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("archive", archive.toAbsolutePath().normalize().toString());
        m.put("archive_sha256", Sha256.hex(archive));
        m.put("task", r.task().name());
        m.put("joint_source", used.name().toLowerCase(Locale.ROOT));
        m.put("supervision", supervision.toAbsolutePath().normalize().toString());
        m.put("localisation", "supervise-body crop around the ground-truth joints (BodyCrop.aroundJoints); no person "
                + "detector, ground truth used for localisation");
        m.put("missing_joint_rule", "a joint the dense maps do not give is placed at the crop centre");
        return m;
    }
}
