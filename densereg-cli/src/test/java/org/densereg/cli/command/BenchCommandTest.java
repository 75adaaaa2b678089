package org.densereg.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.densereg.cli.CliRun;
import org.densereg.cli.support.ExitCodes;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class BenchCommandTest {


    @Test
    @Tag("slow") // ND4J start-up and a network build: several seconds
    void tinyNetworkBenchmarkPrintsFiguresAndResultLine() {
        CliRun r = CliRun.of("bench", "network", "--width", "0.03125", "--size", "16", "--batch", "1", "--warmup", "0",
                "--iterations", "1");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.out().contains("ResNet-18 x0.03125, 17x17"), r.out());
        assertTrue(r.out().contains("images/s"), r.out());
        assertTrue(r.out().lines().reduce((a, b) -> b).orElse("").startsWith("result impl=dl4j backend=CpuBackend"), r.out());
    }

    @Test
    void invalidSizeIsUsageErrorNamingTheField() {
        CliRun r = CliRun.of("bench", "network", "--size", "130");
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("inputHeight must be 8k+1"), r.err());
    }

    @Test
    void blockBenchmarkPrintsTimesAndResultLine() {
        CliRun r = CliRun.of("bench", "block", "--block", "projection", "--size", "32", "--batch", "1", "--warmup",
                "0", "--iterations", "1");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.out().contains("input [1, 64, 9, 9]"), r.out());
        assertTrue(r.out().lines().reduce((a, b) -> b).orElse("")
                .startsWith("result impl=dl4j block=projection size=33 batch=1 forward_ms="), r.out());
    }

    @Test
    void unknownBlockOrBadSizeIsUsageError() {
        CliRun unknown = CliRun.of("bench", "block", "--block", "bottleneck");
        assertEquals(ExitCodes.USAGE, unknown.code());
        assertTrue(unknown.err().contains("STEM, BASIC, PROJECTION, DILATED2, DILATED4"), unknown.err());
        CliRun size = CliRun.of("bench", "block", "--block", "stem", "--size", "130");
        assertEquals(ExitCodes.USAGE, size.code());
        assertTrue(size.err().contains("--size 8k or 8k+1"), size.err());
    }
}
