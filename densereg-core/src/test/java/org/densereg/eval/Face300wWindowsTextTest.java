package org.densereg.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.densereg.data.Landmarks;
import org.densereg.testing.WindowsText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 300W ground truth and predictions saved on Windows (BOM, CRLF) evaluate exactly like the plain files. */
class Face300wWindowsTextTest {

    @TempDir
    Path dir;

    @Test
    void bomAndCrlfGroundTruthAndPredictionsGiveTheSameNumbers() throws Exception {
        Random r = new Random(11);
        StringBuilder pts = new StringBuilder("version: 1\nn_points: 68\n{\n");
        StringBuilder json = new StringBuilder("{\n  \"predictions\": {\n    \"face\": [\n");
        for (int i = 0; i < Landmarks.IBUG_68; i++) {
            double x = 50 + r.nextInt(100);
            double y = 50 + r.nextInt(100);
            pts.append(x).append(' ').append(y).append('\n');
            json.append("      [").append(x + r.nextInt(3)).append(", ").append(y - r.nextInt(3)).append(']')
                    .append(i + 1 < Landmarks.IBUG_68 ? ",\n" : "\n");
        }
        pts.append("}\n");
        json.append("    ]\n  }\n}\n");
        double plain = nme("plain", pts.toString(), json.toString(), false);
        double windows = nme("windows", pts.toString(), json.toString(), true);
        assertTrue(plain > 0, "the predictions are off by a few pixels: " + plain);
        assertEquals(plain, windows);
    }

    private double nme(String name, String pts, String json, boolean windows) throws Exception {
        Path gt = Files.createDirectories(dir.resolve(name));
        Path gtFile = gt.resolve("face.pts");
        Path predictions = dir.resolve(name + ".json");
        if (windows) {
            WindowsText.write(gtFile, pts);
            WindowsText.write(predictions, json);
        } else {
            WindowsText.writePlain(gtFile, pts);
            WindowsText.writePlain(predictions, json);
        }
        EvaluationReport report = Face300wEvaluation.runFolder(gt, predictions, Face300wEvaluation.Options.defaults());
        assertTrue(!report.metrics().isEmpty());
        return report.table().rows().get(0).values()[0];
    }
}
