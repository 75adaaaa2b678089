package org.densereg.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code densereg-spark infer}'s usage and input errors, found before any Spark context starts. */
class SparkInferCommandTest {

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = DenseRegSparkMain.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void usageErrorsExitTwoAndNameTheOption(@TempDir Path tmp) {
        String out = tmp.resolve("out").toString();
        Run noInput = run("infer", "--model", "demo", "--out", out);
        assertEquals(DenseRegSparkMain.USAGE, noInput.code());
        assertTrue(noInput.err().contains("an INPUT"), noInput.err());
        Run partitions = run("infer", "--model", "demo", "--input", "x", "--partitions", "-1", "--out", out);
        assertEquals(DenseRegSparkMain.USAGE, partitions.code());
        assertTrue(partitions.err().contains("--partitions must be >= 0"), partitions.err());
        Run landmarks = run("infer", "--model", "demo", "--input", "x", "--landmarks", "nearest", "--out", out);
        assertEquals(DenseRegSparkMain.USAGE, landmarks.code());
        assertTrue(landmarks.err().contains("--landmarks"), landmarks.err());
    }

    @Test
    void aMissingModelIsBadInputNamingIt(@TempDir Path tmp) {
        Run r = run("infer", "--model", tmp.resolve("none.densereg.zip").toString(), "--input", tmp.toString(),
                "--out", tmp.resolve("out").toString());
        assertEquals(DenseRegSparkMain.BAD_INPUT, r.code());
        assertTrue(r.err().startsWith("densereg-spark: bad input: ") && r.err().contains("none.densereg.zip"), r.err());
    }

    @Test
    void helpListsTheInferCommandAndExitsZero() {
        Run r = run("--help");
        assertEquals(DenseRegSparkMain.OK, r.code());
        assertTrue(r.out().contains("infer"), r.out());
    }
}
