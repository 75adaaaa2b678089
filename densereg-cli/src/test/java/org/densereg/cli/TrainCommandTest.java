package org.densereg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.densereg.cli.support.ExitCodes;
import org.densereg.io.FolderLock;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {

    @TempDir
    Path dir;

    @Test
    void anInvalidConfigListsEveryProblemWithExitCodeThreeAndWritesNothing() {
        Path runDir = dir.resolve("run");
        CliRun r = CliRun.of("train", "--config", "quickstart", "--run-dir", runDir.toString(),
                "--set", "data.batchSize=0", "--set", "trainer.iterations=-1");
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.err());
        assertTrue(r.err().contains("data.batchSize") && r.err().contains("trainer.iterations"), r.err());
        assertFalse(Files.exists(runDir), "no run folder for an invalid config");
    }

    @Test
    void aRunFolderInUseIsRefusedWithExitCodeTwoNamingIt() throws Exception {
        Path runDir = dir.resolve("busy");
        try (FolderLock lock = FolderLock.acquire(runDir)) {
            CliRun r = CliRun.of("train", "--config", "quickstart", "--run-dir", runDir.toString(), "--resume");
            assertEquals(ExitCodes.USAGE, r.code(), r.err());
            assertTrue(r.err().contains(runDir + " is in use"), r.err());
            assertFalse(Files.exists(runDir.resolve("metrics.csv")));
        }
    }

    @Test
    void anUnknownKeyIsNamed() {
        CliRun r = CliRun.of("train", "--run-dir", dir.resolve("run").toString(), "--set", "network.depht=18");
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.err());
        assertTrue(r.err().contains("depht"), r.err());
    }

    @Test
    @Tag("slow")
    void aTinyRunTrainsAndPrintsTheHeldOutNme() {
        Path runDir = dir.resolve("run");
        CliRun r = CliRun.of("-q", "train", "--config", "quickstart", "--run-dir", runDir.toString(),
                "--set", "network.widthMultiplier=0.0625", "--set", "network.inputHeight=33",
                "--set", "network.inputWidth=33", "--set", "trainer.iterations=2", "--set", "data.batchSize=2",
                "--set", "data.validationImages=2");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.out().contains("landmarkNme"), r.out());
        assertTrue(Files.exists(runDir.resolve("model-last.densereg.zip")));
    }
}
