package org.densereg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.densereg.cli.support.ExitCodes;
import org.junit.jupiter.api.Test;

class DenseRegCommandTest {



    @Test
    void versionNamesBackendAndRevision() {
        CliRun r = CliRun.of("--version");
        assertEquals(ExitCodes.OK, r.code());
        assertTrue(r.out().contains("densereg "), r.out());
        assertTrue(r.out().contains("(git "), r.out());
        assertTrue(r.out().contains("ND4J backend: CpuBackend"), r.out());
    }

    @Test
    void unknownOptionIsUsageError() {
        CliRun r = CliRun.of("--no-such-option");
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("Unknown option"), r.err());
    }

    @Test
    void noSubcommandIsUsageError() {
        CliRun r = CliRun.of();
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("missing subcommand"), r.err());
    }

    @Test
    void envPrintsBackend() {
        CliRun r = CliRun.of("env");
        assertEquals(ExitCodes.OK, r.code());
        assertTrue(r.out().contains("nd4j backend  CpuBackend"), r.out());
        assertTrue(r.out().contains("onednn        on"), r.out());
        assertTrue(r.out().contains("cudnn         not applicable (CpuBackend)"), r.out());
    }
}
