package org.densereg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.densereg.cli.support.ExitCodes;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled {@code lsp-body} model by the standard protocol on the real LSP test images 1001-2000 (whole images, no
 * ground truth at test time), without and with the test-time flip; about a minute. Skipped when the shared data are
 * absent.
 */
@Tag("dataset")
class EvaluateLspBundledModelDatasetTest {

    @TempDir
    Path dir;

    @Test
    void bundledBodyModelOnWholeLspTestImages() throws Exception {
        String env = System.getenv("DENSEREG_SHARED_DATA");
        Path data = env != null && !env.isBlank() ? Paths.get(env) : Paths.get("..", "..", "shared", "data");
        Path lsp = data.resolve("lsp");
        Assumptions.assumeTrue(Files.isRegularFile(lsp.resolve("joints.mat")),
                "shared data not found: set DENSEREG_SHARED_DATA or place it at ../shared/data beside the project");
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
        double mean = metrics.path("metrics").path("pck.mean").asDouble();
        // measured 57.19 on the development machine (2026-12-07); float round-off of other CPUs moves it slightly
        assertTrue(mean > 56 && mean < 58.5, "mean PCK@0.2 " + mean);

        Path flipped = dir.resolve("flip");
        r = CliRun.of("evaluate", "--dataset", "lsp", "--model", model.toString(), "--root", lsp.toString(),
                "--flip-test", "--out", flipped.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        JsonNode flipMetrics = new ObjectMapper().readTree(flipped.resolve("metrics.json").toFile());
        assertTrue(flipMetrics.path("provenance").path("model").path("test_time_flip").asBoolean(false));
        double flipMean = flipMetrics.path("metrics").path("pck.mean").asDouble();
        // measured 59.16
        assertTrue(flipMean > 58 && flipMean < 60.5, "mean PCK@0.2 with the flip " + flipMean);
    }
}
