package org.densereg.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.densereg.cli.CliRun;
import org.densereg.cli.support.ExitCodes;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuperviseBodyCommandTest {

    @TempDir
    Path dir;



    @Test
    void missingJointsFileIsBadInput() {
        CliRun r = CliRun.of("supervise-body", "--dataset", "lsp", "--root", dir.toString(), "--out", dir.resolve("o").toString());
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.err());
        assertTrue(r.err().contains("joints.mat"), r.err());
    }

    @Test
    void unknownSplitOrDatasetIsUsageError() {
        CliRun r = CliRun.of("supervise-body", "--dataset", "lsp", "--root", dir.toString(), "--out", dir.toString(),
                "--split", "val");
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("--split must be train, test or all"), r.err());
        CliRun d = CliRun.of("supervise-body", "--dataset", "coco", "--root", dir.toString(), "--out", dir.toString());
        assertEquals(ExitCodes.USAGE, d.code());
        assertTrue(d.err().contains("--dataset must be lsp"), d.err());
    }

    @Test
    @Tag("dataset")
    void superviseFirstLspImages() throws Exception {
        String env = System.getenv("DENSEREG_SHARED_DATA");
        Path data = env != null && !env.isBlank() ? Paths.get(env) : Paths.get("..", "..", "shared", "data");
        Path lsp = data.resolve("lsp");
        Assumptions.assumeTrue(Files.isRegularFile(lsp.resolve("joints.mat")),
                "shared data not found: set DENSEREG_SHARED_DATA or place it at ../shared/data beside the project");
        Path out = dir.resolve("body");
        CliRun r = CliRun.of("supervise-body", "--dataset", "lsp", "--root", lsp.toString(), "--out", out.toString(),
                "--split", "test", "--limit", "2", "--size", "96", "--threads", "1");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.out().contains("2 written, 0 existing, 0 failed"), r.out());
        assertTrue(Files.isRegularFile(out.resolve("im1001.iuv.png")));
        assertTrue(Files.isRegularFile(out.resolve("im1002.json")));
        assertTrue(Files.readString(out.resolve("summary.json")).contains("\"ok\" : 2"));
    }
}
