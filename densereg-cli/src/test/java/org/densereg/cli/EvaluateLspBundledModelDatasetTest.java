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
 * The bundled {@code lsp-body} model by the standard protocol on the real LSP test images 1001-2000 (whole images, no
 * ground truth at test time), with its default test-time flip and without it; about a minute and a half. Skipped
 * when the shared data are absent.
 */
@Tag("dataset")
class EvaluateLspBundledModelDatasetTest {

    @TempDir
    Path dir;

    @Test
    void bundledBodyModelOnWholeLspTestImages() throws Exception {
        Path lsp = SharedData.require("lsp/joints.mat").getParent();
        Path model = Paths.get(System.getProperty("densereg.projectRoot", "..")).resolve("models/lsp-body.densereg.zip");
        Assumptions.assumeTrue(Files.isRegularFile(model), "bundled model missing: " + model);
        Path out = dir.resolve("std");
        CliRun r = CliRun.of("evaluate", "--dataset", "lsp", "--model", model.toString(), "--root", lsp.toString(),
                "--out", out.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.out().contains("protocol: whole image"), r.out());
        JsonNode metrics = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        assertEquals("whole image", metrics.path("provenance").path("model").path("protocol").asText());
        assertEquals("heatmap", metrics.path("provenance").path("model").path("joint_source").asText());
        // the bundled model asks for the test-time flip (training.testTimeFlip), so the plain command uses it
        assertTrue(metrics.path("provenance").path("model").path("test_time_flip").asBoolean(false));
        double mean = metrics.path("metrics").path("pck.mean").asDouble();
        // measured 61.66 on the development machine (2026-12-08); float round-off of other CPUs moves it slightly.
        // Issue 17's bar is 60 by this command.
        assertTrue(mean >= 60 && mean < 63, "mean PCK@0.2 " + mean);

        Path plain = dir.resolve("no-flip");
        r = CliRun.of("evaluate", "--dataset", "lsp", "--model", model.toString(), "--root", lsp.toString(),
                "--flip-test", "off", "--out", plain.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        JsonNode plainMetrics = new ObjectMapper().readTree(plain.resolve("metrics.json").toFile());
        assertTrue(!plainMetrics.path("provenance").path("model").path("test_time_flip").asBoolean(true));
        double plainMean = plainMetrics.path("metrics").path("pck.mean").asDouble();
        // measured 59.94
        assertTrue(plainMean > 59 && plainMean < 61, "mean PCK@0.2 without the flip " + plainMean);
    }
}
