package org.densereg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.densereg.cli.support.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainBodyCommandTest {

    @TempDir
    Path dir;

    @Test
    void aMissingSourceAndBadValuesAreListedWithExitCodeThree() {
        Path runDir = dir.resolve("run");
        CliRun r = CliRun.of("train-body", "--config", "lsp-body-dense", "--run-dir", runDir.toString(),
                "--set", "data.batchSize=0");
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.err());
        assertTrue(r.err().contains("data.source") && r.err().contains("data.batchSize"), r.err());
        assertFalse(Files.exists(runDir));
    }

    @Test
    void aFolderWithoutBodySamplesIsBadInput() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        CliRun r = CliRun.of("train-body", "--config", "lsp-body-heatmap", "--run-dir", dir.resolve("run").toString(),
                "--set", "data.source=" + empty);
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.err());
        assertTrue(r.err().contains("supervise-body"), r.err());
    }

    @Test
    void aMissingExtraSourceIsNamedWithExitCodeThreeBeforeTraining() throws Exception {
        // the folder listing needs only the markers of one training and one validation image
        Path lsp = Files.createDirectories(dir.resolve("lsp"));
        Files.writeString(lsp.resolve("im0001.json"), "{}");
        Files.writeString(lsp.resolve("im0901.json"), "{}");
        Path missing = dir.resolve("lspet-body");
        Path runDir = dir.resolve("run");
        CliRun r = CliRun.of("train-body", "--config", "lsp-body-heatmap", "--run-dir", runDir.toString(),
                "--set", "data.source=" + lsp, "--set", "data.extraSources=[" + missing + "]");
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.err());
        assertTrue(r.err().contains("data.extraSources[0]") && r.err().contains(missing.toString()), r.err());
        assertFalse(Files.exists(runDir));
    }
}
