package org.densereg.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.densereg.io.FolderLock;
import org.densereg.io.TextFiles;
import org.densereg.model.ModelArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code densereg-spark train}: the exit codes of {@code densereg train} for bad configurations and usage (found before
 * any Spark context starts), and a tiny face run with parameter averaging.
 */
class SparkTrainCommandTest {

    @TempDir
    Path dir;


    @Test
    void anInvalidConfigListsEveryProblemWithExitCodeThreeAsDensereTrainAndWritesNothing() {
        Path runDir = dir.resolve("run");
        SparkCliRun r = SparkCliRun.of("train", "--config", "quickstart", "--run-dir", runDir.toString(), "--set", "data.batchSize=0",
                "--set", "trainer.iterations=-1", "--set", "spark.averageEvery=0", "--set", "trainer.workers=2");
        assertEquals(DenseRegSparkMain.BAD_INPUT, r.code(), r.err());
        for (String key : new String[] {"data.batchSize", "trainer.iterations", "spark.averageEvery", "trainer.workers"}) {
            assertTrue(r.err().contains(key), key + " in " + r.err());
        }
        assertFalse(Files.exists(runDir), "no run folder for an invalid config");
    }

    @Test
    void anUnknownKeyOrABatchThatTheShardsCannotSplitIsNamed() {
        SparkCliRun unknown = SparkCliRun.of("train", "--run-dir", dir.resolve("a").toString(), "--set", "spark.averageEvry=2");
        assertEquals(DenseRegSparkMain.BAD_INPUT, unknown.code(), unknown.err());
        assertTrue(unknown.err().contains("averageEvry"), unknown.err());
        SparkCliRun uneven = SparkCliRun.of("train", "--run-dir", dir.resolve("b").toString(), "--set", "data.batchSize=6",
                "--set", "spark.shards=4");
        assertEquals(DenseRegSparkMain.BAD_INPUT, uneven.code(), uneven.err());
        assertTrue(uneven.err().contains("spark.shards=4"), uneven.err());
        assertFalse(Files.exists(dir.resolve("b")));
    }

    @Test
    void usageErrorsAndARunFolderInUseExitTwo() throws Exception {
        SparkCliRun noRunDir = SparkCliRun.of("train", "--config", "quickstart");
        assertEquals(DenseRegSparkMain.USAGE, noRunDir.code(), noRunDir.err());
        assertTrue(noRunDir.err().contains("--run-dir"), noRunDir.err());
        Path busy = dir.resolve("busy");
        try (FolderLock lock = FolderLock.acquire(busy)) {
            SparkCliRun r = SparkCliRun.of("train", "--config", "quickstart", "--run-dir", busy.toString(), "--resume");
            assertEquals(DenseRegSparkMain.USAGE, r.code(), r.err());
            assertTrue(r.err().contains(busy + " is in use"), r.err());
            assertFalse(Files.exists(busy.resolve("metrics.csv")));
        }
    }

    @Test
    void helpListsTrain() {
        SparkCliRun r = SparkCliRun.of("--help");
        assertEquals(DenseRegSparkMain.OK, r.code());
        assertTrue(r.out().contains("train"), r.out());
    }

    @Test
    @Tag("slow")
    void aTinyFaceRunWithParameterAveragingWritesTheRunFolderAndItsCheckpointLoads() throws Exception {
        Path runDir = dir.resolve("avg");
        SparkCliRun r = SparkCliRun.of("train", "--master", "local[2]", "-q", "--config", "quickstart", "--run-dir", runDir.toString(),
                "--set", "network.widthMultiplier=0.0625", "--set", "network.inputHeight=33",
                "--set", "network.inputWidth=33", "--set", "trainer.iterations=4", "--set", "trainer.checkpointEvery=2",
                "--set", "trainer.validateEvery=0", "--set", "data.batchSize=4", "--set", "data.validationImages=2",
                "--set", "spark.averageEvery=2");
        assertEquals(DenseRegSparkMain.OK, r.code(), r.err());
        assertTrue(r.out().contains("landmarkNme") && r.out().contains("images/s"), r.out());
        assertTrue(TextFiles.read(runDir.resolve("config.resolved.yaml")).contains("averageEvery: 2"));
        assertTrue(TextFiles.read(runDir.resolve("env.json")).contains("densereg-spark train"));
        ComputationGraph checkpoint = ModelSerializer.restoreComputationGraph(
                runDir.resolve("checkpoints/ckpt-4.zip").toFile(), true);
        assertEquals(4, checkpoint.getConfiguration().getIterationCount());
        assertTrue(checkpoint.getUpdater().getStateViewArray().amaxNumber().doubleValue() > 0, "Adam state kept");
        ComputationGraph last = ModelSerializer.restoreComputationGraph(runDir.resolve("last.zip").toFile(), false);
        assertEquals(checkpoint.params(), last.params(), "the last checkpoint is the final model");
        ModelArchive.Loaded archive = ModelArchive.read(runDir.resolve("model-last.densereg.zip"));
        assertEquals("face", archive.metadata().task());
        assertTrue(archive.resolvedConfig().contains("averageEvery: 2"), "the archive records the spark section");
        assertTrue(Files.isRegularFile(runDir.resolve("model-best.densereg.zip")));
    }
}
