package org.densereg.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import org.densereg.cli.CliRun;
import org.densereg.network.Accelerators;
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
    @Tag("slow") // ND4J start-up and two network builds: several seconds
    void tinyUpdaterBenchmarkPrintsBothTimesAndIdenticalParameters() {
        CliRun r = CliRun.of("bench", "updater", "--width", "0.03125", "--warmup", "0", "--iterations", "2");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.out().contains("ResNet-18 x0.03125"), r.out());
        assertTrue(r.out().contains("dl4j ") && r.out().contains("fused "), r.out());
        String last = r.out().lines().reduce((a, b) -> b).orElse("");
        assertTrue(last.startsWith("result parameters="), r.out());
        assertTrue(last.endsWith("max_difference=0.00"), "the same updates: " + last);
    }

    @Test
    void unknownUpdaterOptimizerIsUsageError() {
        CliRun r = CliRun.of("bench", "updater", "--optimizer", "rmsprop");
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("--optimizer: expected adam or sgd, found rmsprop"), r.err());
        CliRun n = CliRun.of("bench", "network", "--updater", "slow");
        assertEquals(ExitCodes.USAGE, n.code());
        assertTrue(n.err().contains("--updater: expected fused or dl4j, found slow"), n.err());
    }

    @Test
    void invalidSizeIsUsageErrorNamingTheField() {
        CliRun r = CliRun.of("bench", "network", "--size", "130");
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("inputHeight must be 8k+1"), r.err());
    }

    @Test
    void unknownPrecisionIsUsageErrorNamingTheAllowedValues() {
        for (String command : new String[] {"bench network", "infer --model demo --out unused src-test-data/faces",
            "evaluate --dataset 300w --model demo --gt unused --out unused"}) {
            List<String> args = new ArrayList<>(List.of(command.split(" ")));
            args.addAll(List.of("--precision", "fp16"));
            CliRun r = CliRun.of(args.toArray(String[]::new));
            assertEquals(ExitCodes.USAGE, r.code(), command + ": " + r.err());
            assertTrue(r.err().contains("--precision must be one of auto, fp32, bf16, got 'fp16'"),
                    command + ": " + r.err());
        }
    }

    @Test
    void bf16IsRefusedWithTheReasonWhereItCannotRun() {
        String reason = Accelerators.active().bf16UnavailableReason();
        assumeTrue(reason != null, "this machine runs bf16; the refusal is checked where it cannot");
        CliRun r = CliRun.of("bench", "network", "--precision", "bf16");
        assertEquals(ExitCodes.USAGE, r.code(), r.err());
        assertTrue(r.err().contains("bf16 inference cannot run here: " + reason), r.err());
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
