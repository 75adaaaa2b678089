package org.densereg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.densereg.cli.support.ExitCodes;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DenseRegCommandTest {

    /** Exit code, stdout and stderr of one run. */
    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        CommandLine cl = DenseRegMain.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void versionNamesBackendAndRevision() {
        Run r = run("--version");
        assertEquals(ExitCodes.OK, r.code());
        assertTrue(r.out().contains("densereg "), r.out());
        assertTrue(r.out().contains("(git "), r.out());
        assertTrue(r.out().contains("ND4J backend: CpuBackend"), r.out());
    }

    @Test
    void unknownOptionIsUsageError() {
        Run r = run("--no-such-option");
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("Unknown option"), r.err());
    }

    @Test
    void noSubcommandIsUsageError() {
        Run r = run();
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("missing subcommand"), r.err());
    }

    @Test
    void envPrintsBackend() {
        Run r = run("env");
        assertEquals(ExitCodes.OK, r.code());
        assertTrue(r.out().contains("nd4j backend  CpuBackend"), r.out());
    }
}
