package org.densereg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.densereg.cli.support.ExitCodes;
import org.densereg.testing.SharedData;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled {@code demo} model on dlib's testing XML ({@code faces/dlib/testing_with_face_landmarks.xml} of the shared
 * data: 25 faces in 5 photos, landmarks placed by dlib's own predictor), each face cropped around its XML box. Asserts
 * that the evaluation runs and counts every face, not a score (the demo model was trained on renders only). Skipped
 * when the shared data are absent.
 */
@Tag("dataset")
class EvaluateDlibXmlBundledModelDatasetTest {

    @TempDir
    Path dir;

    @Test
    void demoModelOnTheDlibTestingXml() throws Exception {
        Path xml = SharedData.require("faces/dlib/testing_with_face_landmarks.xml");
        Path model = Paths.get(System.getProperty("densereg.projectRoot", "..")).resolve("models/demo.densereg.zip");
        Assumptions.assumeTrue(Files.isRegularFile(model), "bundled model missing: " + model);
        Path out = dir.resolve("out");
        CliRun r = CliRun.of("evaluate", "--dataset", "300w", "--gt", xml.toString(), "--model", model.toString(),
                "--out", out.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.out().contains("note: dlib's XML landmark sets"), r.out());
        JsonNode m = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        String group = "testing_with_face_landmarks";
        assertEquals(25.0, m.path("metrics").path(group + ".faces").asDouble(), m.toString());
        double nme = m.path("metrics").path(group + ".nme").asDouble();
        assertTrue(nme > 0 && Double.isFinite(nme), "NME " + nme);
        assertEquals("dlib xml", m.path("provenance").path("ground_truth_format").asText());
        assertEquals(26, Files.readAllLines(out.resolve("per_image.csv")).size());
        assertEquals(26, Files.readAllLines(out.resolve("faces.csv")).size());
        try (var s = Files.list(out.resolve("predictions"))) {
            assertEquals(25, s.filter(p -> p.toString().endsWith(".pts")).count());
        }
    }
}
