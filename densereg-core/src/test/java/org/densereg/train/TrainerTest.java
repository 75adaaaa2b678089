package org.densereg.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.densereg.io.BadInputException;
import org.densereg.runtime.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

class TrainerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** Mean squared error on a fixed held-out batch (lower is better). */
    static final class MseValidator implements Validator {
        private final MultiDataSet held = TinyGraphs.denseSource(999).batch(0);

        @Override
        public Map<String, Double> validate(ComputationGraph graph) {
            INDArray out = graph.outputSingle(false, held.getFeatures(0));
            double mse = Transforms.pow(out.sub(held.getLabels(0)), 2).meanNumber().doubleValue();
            return Map.of("mse", mse, "other", 1.0);
        }

        @Override
        public String primaryMetric() {
            return "mse";
        }

        @Override
        public boolean lowerIsBetter() {
            return true;
        }
    }

    /** Records what a progress bar would show. */
    static final class RecordingProgress implements ProgressListener {
        final List<String> events = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void start(String task, long total) {
            events.add("start " + task + " " + total);
        }

        @Override
        public void advance(long done, String status) {
            events.add(done + " " + status);
        }

        @Override
        public void finish(String summary) {
            events.add("finish " + summary);
        }
    }

    private static TrainerConfig config(long iterations, int checkpointEvery, int prefetch, String optimizer) {
        var opt = OptimizerConfig.defaults().withType(optimizer).withLearningRate(optimizer.equals("sgd") ? 0.05 : 0.01);
        return new TrainerConfig(iterations, 11, 4, 6, checkpointEvery, 2, prefetch, opt);
    }

    @Test
    void writesTheDocumentedRunFolder() throws IOException {
        Path run = tmp.resolve("run");
        var progress = new RecordingProgress();
        List<String> archives = new ArrayList<>();
        var summary = Trainer.builder(config(12, 4, 2, "adam"), TinyGraphs.denseSource(1), run)
                .optValidator(new MseValidator())
                .optProgress(progress)
                .optResolvedConfig("train:\n  iterations: 12\n")
                .optCommandLine("densereg train --run-dir run")
                .optArchiveWriter((name, model, dir) -> archives.add(name + ":" + dir.equals(run)))
                .build().train(TinyGraphs.dense(1));

        assertEquals(12, summary.iterations());
        assertEquals("mse", summary.primaryMetric());
        assertTrue(Double.isFinite(summary.bestMetric()));
        assertEquals("train:\n  iterations: 12\n", Files.readString(run.resolve("config.resolved.yaml")));
        JsonNode env = JSON.readTree(run.resolve("env.json").toFile());
        assertEquals(11, env.get("seed").asLong());
        assertEquals("CpuBackend", env.get("backend").asText());
        assertEquals("densereg train --run-dir run", env.get("commandLine").asText());
        for (String key : List.of("threads", "gitRevision", "densereg", "dl4j", "java")) {
            assertTrue(env.hasNonNull(key), key);
        }
        List<String> metrics = Files.readAllLines(run.resolve("metrics.csv"));
        assertEquals(RunLog.METRICS_HEADER, metrics.get(0));
        assertEquals(List.of("4", "8", "12"), metrics.stream().skip(1).map(l -> l.split(",")[0]).toList());
        List<String> val = Files.readAllLines(run.resolve("val.jsonl"));
        assertEquals(2, val.size());
        assertEquals(6, JSON.readTree(val.get(0)).get("iteration").asLong());
        assertTrue(JSON.readTree(val.get(0)).get("best").asBoolean());
        assertEquals(1.0, JSON.readTree(val.get(1)).get("metrics").get("other").asDouble(), 0);
        // keepCheckpoints = 2: ckpt-0 and ckpt-4 pruned
        try (Stream<Path> files = Files.list(run.resolve("checkpoints"))) {
            assertEquals(List.of("ckpt-12.json", "ckpt-12.zip", "ckpt-8.json", "ckpt-8.zip"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertEquals("ckpt-12", Files.readString(run.resolve("last_checkpoint")).trim());
        JsonNode state = JSON.readTree(run.resolve("checkpoints/ckpt-12.json").toFile());
        assertEquals(12, state.get("iteration").asLong());
        assertEquals(0.0, state.get("learningRate").asDouble(), 0); // poly schedule at its end
        assertTrue(Files.size(run.resolve("best.zip")) > 0);
        ComputationGraph last = ModelSerializer.restoreComputationGraph(run.resolve("last.zip").toFile(), false);
        assertEquals(summary.model().params(), last.params());
        assertEquals(List.of("last:true", "best:true"), archives);
        assertEquals("start train 12", progress.events.get(0));
        assertTrue(progress.events.stream().anyMatch(e -> e.startsWith("12 loss ") && e.contains(" ETA ")), progress.events.toString());
        assertTrue(progress.events.get(progress.events.size() - 1).startsWith("finish 12 iterations"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"adam", "sgd"})
    void resumeEqualsAnUninterruptedRun(String optimizer) throws IOException {
        int n = 4;
        TrainerConfig base = config(2 * n, n, 2, optimizer);
        // metrics rows at 3, 6, 8: the window 4..6 spans the resume point
        TrainerConfig cfg = new TrainerConfig(base.iterations(), base.seed(), 3, base.validateEvery(),
                base.checkpointEvery(), base.keepCheckpoints(), base.prefetchBatches(), base.optimizer());
        var straight = Trainer.builder(cfg, TinyGraphs.denseSource(3), tmp.resolve("straight"))
                .optValidator(new MseValidator()).build().train(TinyGraphs.dense(3));

        Path run = tmp.resolve("interrupted");
        BatchSource good = TinyGraphs.denseSource(3);
        BatchSource killedAtN = it -> {
            if (it == n) {
                throw new IllegalStateException("killed");
            }
            return good.batch(it);
        };
        var killed = assertThrows(IllegalStateException.class, () -> Trainer.builder(cfg, killedAtN, run)
                .optValidator(new MseValidator()).build().train(TinyGraphs.dense(3)));
        assertEquals("killed", killed.getMessage());
        assertEquals("ckpt-" + n, Files.readString(run.resolve("last_checkpoint")).trim());

        var resumed = Trainer.builder(cfg, good, run).optValidator(new MseValidator()).build().resume();
        assertEquals(n, resumed.startIteration());
        assertEquals(2 * n, resumed.model().getConfiguration().getIterationCount());
        assertArrayEquals(straight.model().params().toFloatVector(), resumed.model().params().toFloatVector(), 1e-6f);
        assertArrayEquals(straight.model().getUpdater().getStateViewArray().toFloatVector(),
                resumed.model().getUpdater().getStateViewArray().toFloatVector(), 1e-6f);
        assertEquals(straight.bestMetric(), resumed.bestMetric(), 1e-9);
        assertEquals(straight.bestIteration(), resumed.bestIteration());
        assertEquals(column(tmp.resolve("straight/metrics.csv"), 1), column(run.resolve("metrics.csv"), 1));
        assertEquals(Files.readAllLines(tmp.resolve("straight/val.jsonl")), Files.readAllLines(run.resolve("val.jsonl")));
    }

    /** Returns the given primary-metric values in turn (lower is better), one per validation. */
    static final class ScriptedValidator implements Validator {
        private final java.util.ArrayDeque<Double> values;

        ScriptedValidator(Double... values) {
            this.values = new java.util.ArrayDeque<>(List.of(values));
        }

        @Override
        public Map<String, Double> validate(ComputationGraph graph) {
            return Map.of("mse", values.removeFirst());
        }

        @Override
        public String primaryMetric() {
            return "mse";
        }

        @Override
        public boolean lowerIsBetter() {
            return true;
        }
    }

    @Test
    void selectFromRestartsModelBestForASecondStage() throws IOException {
        Path run = tmp.resolve("staged");
        TrainerConfig first = config(4, 4, 0, "adam");
        var stage1 = Trainer.builder(first, TinyGraphs.denseSource(3), run).optValidator(new ScriptedValidator(0.5))
                .build().train(TinyGraphs.dense(3));
        assertEquals(0.5, stage1.bestMetric());
        INDArray atFour = stage1.model().params().dup();

        // stage 2 validates on other data, whose figures (5, then 3) are all worse than stage 1's 0.5: without
        // selectFrom the old best would stay; with it the resumed weights are validated first and the best restarts
        TrainerConfig second = new TrainerConfig(8, first.seed(), first.logEvery(), 4, 4, 2, 0, 1, first.optimizer(), 4);
        var stage2 = Trainer.builder(second, TinyGraphs.denseSource(3), run).optValidator(new ScriptedValidator(5.0, 3.0))
                .build().resume();
        assertEquals(3.0, stage2.bestMetric());
        assertEquals(8, stage2.bestIteration());
        List<String> val = Files.readAllLines(run.resolve("val.jsonl"));
        assertEquals(3, val.size(), val.toString()); // stage 1 at 4, the resumed weights at 4, stage 2 at 8
        assertEquals(4, JSON.readTree(val.get(1)).get("iteration").asInt());
        assertTrue(JSON.readTree(val.get(1)).get("best").asBoolean());

        // when the resumed weights stay the best, best.zip holds exactly them
        Path run2 = tmp.resolve("staged2");
        Trainer.builder(first, TinyGraphs.denseSource(3), run2).optValidator(new ScriptedValidator(0.5)).build()
                .train(TinyGraphs.dense(3));
        var kept = Trainer.builder(second, TinyGraphs.denseSource(3), run2).optValidator(new ScriptedValidator(2.0, 3.0))
                .build().resume();
        assertEquals(2.0, kept.bestMetric());
        assertEquals(4, kept.bestIteration());
        assertArrayEquals(atFour.toFloatVector(),
                ModelSerializer.restoreComputationGraph(run2.resolve("best.zip").toFile(), false).params().toFloatVector());

        // a later resume inside stage 2 keeps the stage's best (no second restart)
        TrainerConfig longer = new TrainerConfig(12, first.seed(), first.logEvery(), 4, 4, 2, 0, 1, first.optimizer(), 4);
        var later = Trainer.builder(longer, TinyGraphs.denseSource(3), run).optValidator(new ScriptedValidator(4.0))
                .build().resume();
        assertEquals(3.0, later.bestMetric());
        assertEquals(8, later.bestIteration());
        assertEquals(List.of("selectFrom: expected a value in [0, iterations = 8], found 9"),
                new TrainerConfig(8, 1, 1, 4, 4, 2, 0, 1, first.optimizer(), 9).problems());
    }

    private static List<String> column(Path csv, int index) throws IOException {
        return Files.readAllLines(csv).stream().map(l -> l.split(",")[index]).toList();
    }

    @Test
    void nonFiniteLossStopsWithAUsableCheckpointJustBeforeIt() throws IOException {
        Path run = tmp.resolve("nan");
        BatchSource good = TinyGraphs.denseSource(4);
        BatchSource poisoned = it -> {
            MultiDataSet b = good.batch(it);
            if (it == 5) {
                b.getFeatures(0).putScalar(0, 0, Float.NaN);
            }
            return b;
        };
        var cfg = config(10, 100, 0, "adam");
        var e = assertThrows(TrainingDivergedException.class,
                () -> Trainer.builder(cfg, poisoned, run).build().train(TinyGraphs.dense(4)));
        assertEquals(5, e.iteration());
        assertTrue(Double.isNaN(e.loss()));
        assertTrue(e.getMessage().contains("diverged: the loss is NaN in iteration 6 of 10"), e.getMessage());
        assertTrue(e.getMessage().contains("optimizer.learningRate"), e.getMessage());
        assertEquals(run.resolve("checkpoints/ckpt-5.zip"), e.lastCheckpoint());
        assertEquals("ckpt-5", Files.readString(run.resolve("last_checkpoint")).trim());
        ComputationGraph saved = ModelSerializer.restoreComputationGraph(e.lastCheckpoint().toFile(), true);
        assertTrue(Double.isFinite(saved.params().sumNumber().doubleValue()));
        assertEquals(5, saved.getConfiguration().getIterationCount());

        var resumed = Trainer.builder(cfg, good, run).build().resume();
        assertEquals(10, resumed.iterations());
        assertTrue(Double.isFinite(resumed.finalLoss()));
    }

    @Test
    void outOfMemoryGivesAdvice() throws IOException {
        Path run = tmp.resolve("oom");
        BatchSource good = TinyGraphs.denseSource(4);
        BatchSource hungry = it -> {
            if (it == 3) {
                throw new OutOfMemoryError("Cannot allocate new FloatPointer(100000000)");
            }
            return good.batch(it);
        };
        var e = assertThrows(TrainingOutOfMemoryException.class,
                () -> Trainer.builder(config(10, 100, 0, "adam"), hungry, run).build().train(TinyGraphs.dense(4)));
        assertEquals(3, e.iteration());
        assertTrue(e.getMessage().contains("out of memory in iteration 4 of 10"), e.getMessage());
        assertTrue(e.getMessage().contains("smaller batch size"), e.getMessage());
        assertTrue(e.getMessage().contains("-Dorg.bytedeco.javacpp.maxbytes"), e.getMessage());
        assertEquals("ckpt-0", Files.readString(run.resolve("last_checkpoint")).trim());
        assertTrue(TrainingOutOfMemoryException.isAllocationFailure(
                new RuntimeException("wrapped", new RuntimeException("Failed to allocate 4096 bytes from DEVICE [0] memory"))));
        assertFalse(TrainingOutOfMemoryException.isAllocationFailure(new IllegalStateException("shape mismatch")));

        // the initial checkpoint (no optimiser state yet) is resumable
        var resumed = Trainer.builder(config(10, 100, 0, "adam"), good, run).build().resume();
        assertEquals(0, resumed.startIteration());
        assertEquals(10, resumed.model().getConfiguration().getIterationCount());
    }

    @Test
    void rejectsBatchesThatDoNotMatchTheNetwork() {
        BatchSource twoInputs = it -> new org.nd4j.linalg.dataset.MultiDataSet(
                new INDArray[]{Nd4j.zeros(8, 4), Nd4j.zeros(8, 4)}, new INDArray[]{Nd4j.zeros(8, 2)});
        var e = assertThrows(BadInputException.class, () -> Trainer.builder(config(3, 1, 0, "adam"), twoInputs,
                tmp.resolve("shapes")).build().train(TinyGraphs.dense(1)));
        assertTrue(e.getMessage().contains("has 2 feature and 1 label arrays, but the network has inputs [input]"),
                e.getMessage());
    }

    @Test
    void refusesToOverwriteARunAndToResumeNothing() throws IOException {
        Path run = tmp.resolve("twice");
        var cfg = config(2, 1, 0, "adam");
        Trainer.builder(cfg, TinyGraphs.denseSource(1), run).build().train(TinyGraphs.dense(1));
        var again = assertThrows(BadInputException.class,
                () -> Trainer.builder(cfg, TinyGraphs.denseSource(1), run).build().train(TinyGraphs.dense(1)));
        assertTrue(again.getMessage().contains("already holds a training run"), again.getMessage());
        var none = assertThrows(BadInputException.class,
                () -> Trainer.builder(cfg, TinyGraphs.denseSource(1), tmp.resolve("empty")).build().resume());
        assertTrue(none.getMessage().contains("no complete checkpoint"), none.getMessage());
        assertTrue(Trainer.hasCheckpoint(run));
        assertFalse(Trainer.hasCheckpoint(tmp.resolve("empty")));
    }

    @Test
    void trainsAConvolutionalGraphAndLowersItsLoss() throws IOException {
        Path run = tmp.resolve("conv");
        var opt = OptimizerConfig.defaults().withLearningRate(0.05).withSchedule("constant");
        var cfg = new TrainerConfig(20, 2, 5, 0, 20, 1, 0, opt);
        var summary = Trainer.builder(cfg, TinyGraphs.convSource(2), run).build().train(TinyGraphs.conv(2));
        List<String> loss = column(run.resolve("metrics.csv"), 1).subList(1, 5);
        double first = Double.parseDouble(loss.get(0));
        double last = Double.parseDouble(loss.get(3));
        assertTrue(last < first * 0.5, "loss " + loss);
        assertNotNull(summary.model());
    }

    @Test
    void reportsTheTimeSpentWaitingForASlowBatchSource() throws IOException {
        int n = 9;
        long sleepMs = 50;
        BatchSource fast = TinyGraphs.denseSource(4);
        BatchSource slow = it -> {
            sleep(sleepMs);
            return fast.batch(it);
        };
        // no prefetching: the loop waits for every sleep itself
        var cfg = new TrainerConfig(n, 4, 3, 0, n, 1, 0, OptimizerConfig.defaults());
        Path run = tmp.resolve("slow");
        TrainingTimes t = Trainer.builder(cfg, slow, run).build().train(TinyGraphs.dense(4)).times();

        assertTrue(t.dataWaitSeconds() >= 0.8 * n * sleepMs / 1000.0, t.toString());
        assertTrue(t.busyFraction() < 1 - t.dataWaitSeconds() / t.wallSeconds() + 1e-9, t.toString());
        assertTrue(t.checkpointSeconds() > 0, "the final checkpoint is timed: " + t);
        assertEquals(0, t.validationSeconds(), "no validator");

        List<String> rows = Files.readAllLines(run.resolve("metrics.csv"));
        assertEquals(RunLog.METRICS_HEADER, rows.get(0));
        assertEquals(1 + n / 3, rows.size());
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split(",");
            assertEquals(9, f.length, row);
            assertTrue(Double.parseDouble(f[6]) >= 0.8 * 3 * sleepMs / 1000.0, "3 iterations per row: " + row);
        }

        JsonNode summary = JSON.readTree(run.resolve(RunLog.SUMMARY).toFile());
        assertEquals(t.busyFraction(), summary.get("busy_fraction").asDouble(), 1e-12);
        assertEquals(t.dataWaitSeconds(), summary.get("data_wait_s").asDouble(), 1e-12);
        for (String key : List.of("wall_s", "busy_s", "validation_s", "checkpoint_s", "other_s")) {
            assertTrue(summary.get(key).isNumber(), key);
            assertTrue(summary.get("session").get(key).isNumber(), key);
        }
        assertEquals(n, summary.get("iterations").asLong());
    }

    /** A training step that stands for a network taking {@code ms} per iteration (sleeps; DL4J's speed is out of it). */
    private static TrainingStep sleepingStep(long ms) {
        return (model, batches, first, seed) -> {
            sleep(ms * batches.size());
            model.getConfiguration().setIterationCount((int) (first + batches.size()));
            double[] losses = new double[batches.size()];
            java.util.Arrays.fill(losses, 1.0);
            return losses;
        };
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theBusyFractionIsNearOneWithAFastSourceAndFallsWithASlowOne() throws IOException {
        int n = 8;
        var cfg = new TrainerConfig(n, 5, 4, 0, n, 1, 0, OptimizerConfig.defaults());
        BatchSource fast = TinyGraphs.denseSource(5);
        BatchSource slow = it -> {
            sleep(60);
            return fast.batch(it);
        };
        TrainingTimes quick = Trainer.builder(cfg, fast, tmp.resolve("fast")).optStep(sleepingStep(40)).build()
                .train(TinyGraphs.dense(5)).times();
        TrainingTimes starved = Trainer.builder(cfg, slow, tmp.resolve("slow")).optStep(sleepingStep(40)).build()
                .train(TinyGraphs.dense(5)).times();
        // loose bounds: 40 ms of "network" per iteration, against no wait or a 60 ms wait per batch
        assertTrue(quick.busyFraction() > 0.6, quick.toString());
        assertTrue(starved.dataWaitSeconds() >= 0.8 * n * 0.060, starved.toString());
        assertTrue(starved.busyFraction() < 0.5, starved.toString());
        assertTrue(starved.busyFraction() < quick.busyFraction(), starved + " vs " + quick);
    }

    @Test
    void aResumedRunSumsTheTimeSplitOfBothSessions() throws IOException {
        Path run = tmp.resolve("split");
        var cfg = config(8, 4, 0, "adam");
        BatchSource good = TinyGraphs.denseSource(6);
        BatchSource killedAt4 = it -> {
            if (it == 4) {
                throw new IllegalStateException("killed");
            }
            return good.batch(it);
        };
        assertThrows(IllegalStateException.class,
                () -> Trainer.builder(cfg, killedAt4, run).build().train(TinyGraphs.dense(6)));
        JsonNode ckpt = JSON.readTree(run.resolve("checkpoints/ckpt-4.json").toFile());
        double busyBefore = ckpt.get("times").get("busySeconds").asDouble();
        assertTrue(busyBefore > 0, ckpt.toString());

        var resumed = Trainer.builder(cfg, good, run).build().resume();
        JsonNode summary = JSON.readTree(run.resolve(RunLog.SUMMARY).toFile());
        double session = summary.get("session").get("busy_s").asDouble();
        assertEquals(busyBefore + session, resumed.times().busySeconds(), 1e-9);
        assertEquals(resumed.times().busySeconds(), summary.get("busy_s").asDouble(), 1e-12);
    }

    @Test
    void resumingARunFolderWithTheOldMetricsColumnsRewritesTheHeader() throws IOException {
        Path run = tmp.resolve("old");
        Files.createDirectories(run);
        Files.writeString(run.resolve("metrics.csv"), RunLog.OLD_METRICS_HEADER + "\n4,0.5,0.001,10.000,1.000\n"
                + "8,0.4,0.001,10.000,2.000\n");
        new RunLog(run).truncateAfter(4);
        assertEquals(List.of(RunLog.METRICS_HEADER, "4,0.5,0.001,10.000,1.000,,,,"),
                Files.readAllLines(run.resolve("metrics.csv")));
    }
}
