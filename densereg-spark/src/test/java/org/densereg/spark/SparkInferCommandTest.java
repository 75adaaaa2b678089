package org.densereg.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code densereg-spark infer}'s usage and input errors, found before any Spark context starts. */
class SparkInferCommandTest {


    @Test
    void usageErrorsExitTwoAndNameTheOption(@TempDir Path tmp) {
        String out = tmp.resolve("out").toString();
        SparkCliRun noInput = SparkCliRun.of("infer", "--model", "demo", "--out", out);
        assertEquals(DenseRegSparkMain.USAGE, noInput.code());
        assertTrue(noInput.err().contains("an INPUT"), noInput.err());
        SparkCliRun partitions = SparkCliRun.of("infer", "--model", "demo", "--input", "x", "--partitions", "-1", "--out", out);
        assertEquals(DenseRegSparkMain.USAGE, partitions.code());
        assertTrue(partitions.err().contains("--partitions must be >= 0"), partitions.err());
        SparkCliRun landmarks = SparkCliRun.of("infer", "--model", "demo", "--input", "x", "--landmarks", "nearest", "--out", out);
        assertEquals(DenseRegSparkMain.USAGE, landmarks.code());
        assertTrue(landmarks.err().contains("--landmarks"), landmarks.err());
    }

    @Test
    void aMissingModelIsBadInputNamingIt(@TempDir Path tmp) {
        SparkCliRun r = SparkCliRun.of("infer", "--model", tmp.resolve("none.densereg.zip").toString(), "--input", tmp.toString(),
                "--out", tmp.resolve("out").toString());
        assertEquals(DenseRegSparkMain.BAD_INPUT, r.code());
        assertTrue(r.err().startsWith("densereg-spark: bad input: ") && r.err().contains("none.densereg.zip"), r.err());
    }

    @Test
    void helpListsTheInferCommandAndExitsZero() {
        SparkCliRun r = SparkCliRun.of("--help");
        assertEquals(DenseRegSparkMain.OK, r.code());
        assertTrue(r.out().contains("infer"), r.out());
    }
}
