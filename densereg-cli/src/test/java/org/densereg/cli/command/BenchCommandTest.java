package org.densereg.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.densereg.cli.DenseRegMain;
import org.densereg.cli.support.ExitCodes;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchCommandTest {

    private static String[] run(String... args) {
        CommandLine cl = DenseRegMain.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new String[] {String.valueOf(code), out.toString(), err.toString()};
    }

    @Test
    @Tag("slow") // ND4J start-up and a network build: several seconds
    void tinyNetworkBenchmarkPrintsFiguresAndResultLine() {
        String[] r = run("bench", "network", "--width", "0.03125", "--size", "16", "--batch", "1", "--warmup", "0",
                "--iterations", "1");
        assertEquals(String.valueOf(ExitCodes.OK), r[0], r[2]);
        assertTrue(r[1].contains("ResNet-18 x0.03125, 17x17"), r[1]);
        assertTrue(r[1].contains("images/s"), r[1]);
        assertTrue(r[1].lines().reduce((a, b) -> b).orElse("").startsWith("result impl=dl4j backend=CpuBackend"), r[1]);
    }

    @Test
    void invalidSizeIsUsageErrorNamingTheField() {
        String[] r = run("bench", "network", "--size", "130");
        assertEquals(String.valueOf(ExitCodes.USAGE), r[0]);
        assertTrue(r[2].contains("inputHeight must be 8k+1"), r[2]);
    }
}
