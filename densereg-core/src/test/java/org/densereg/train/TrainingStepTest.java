package org.densereg.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.densereg.io.TextFiles;
import org.densereg.runtime.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/** The trainer with a {@link TrainingStep}: rounds, equality with the built-in loop, resume, divergence. */
class TrainingStepTest {

    @TempDir
    Path tmp;

    /** Fits each batch of a round in this process, seeding as the trainer does; records the rounds. */
    static final class FitEachStep implements TrainingStep {
        final int k;
        final List<String> rounds = new ArrayList<>();
        long nanAt = -1;

        FitEachStep(int k) {
            this.k = k;
        }

        @Override
        public int iterationsPerRound() {
            return k;
        }

        @Override
        public double[] fit(ComputationGraph model, List<MultiDataSet> batches, long first, long seed) {
            rounds.add(first + "+" + batches.size());
            assertEquals(first, model.getConfiguration().getIterationCount(), "the model's iteration count");
            if (nanAt >= first && nanAt < first + batches.size()) {
                double[] losses = new double[batches.size()];
                losses[(int) (nanAt - first)] = Double.NaN;
                return losses; // the model is left untouched, as the contract asks
            }
            double[] losses = new double[batches.size()];
            for (int i = 0; i < batches.size(); i++) {
                Nd4j.getRandom().setSeed(BatchSource.seedFor(~seed, first + i));
                model.fit(batches.get(i));
                losses[i] = model.score();
            }
            return losses;
        }
    }

    /** 12 iterations, log every 4, validate every 6, checkpoint every 4; Adam (its state must carry over). */
    private static TrainerConfig config() {
        var opt = OptimizerConfig.defaults().withType("adam").withLearningRate(0.01);
        return new TrainerConfig(12, 11, 4, 6, 4, 5, 0, opt);
    }

    private TrainingSummary run(Path dir, TrainingStep step, ProgressListener progress) throws IOException {
        return Trainer.builder(config(), TinyGraphs.denseSource(3), dir).optValidator(new TrainerTest.MseValidator())
                .optStep(step).optProgress(progress).build().train(TinyGraphs.dense(3));
    }

    private static List<String> lossColumn(Path run) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : TextFiles.readLines(run.resolve("metrics.csv"))) {
            String[] f = line.split(",");
            out.add(f[0] + "," + f[1]);
        }
        return out;
    }

    @Test
    void roundsAreCutAtCheckpointsAndValidationsAndTrainAsTheBuiltInLoop() throws IOException {
        TrainingSummary plain = run(tmp.resolve("plain"), null, ProgressListener.NONE);
        FitEachStep step = new FitEachStep(3);
        TrainingSummary stepped = run(tmp.resolve("step"), step, ProgressListener.NONE);
        // multiples of 3, cut at checkpoints (4, 8, 12) and validations (6, 12)
        assertEquals(List.of("0+3", "3+1", "4+2", "6+2", "8+1", "9+3"), step.rounds);
        assertEquals(plain.model().params(), stepped.model().params());
        assertEquals(plain.model().getUpdater().getStateViewArray(), stepped.model().getUpdater().getStateViewArray());
        assertEquals(lossColumn(tmp.resolve("plain")), lossColumn(tmp.resolve("step")));
        assertEquals(plain.bestIteration(), stepped.bestIteration());
        assertTrue(Files.isRegularFile(tmp.resolve("step/checkpoints/ckpt-8.zip")));
        assertTrue(Files.isRegularFile(tmp.resolve("step/best.zip")));
    }

    @Test
    void aStoppedRunResumesOnTheSameRoundsToTheSameParameters() throws IOException {
        TrainingSummary whole = run(tmp.resolve("whole"), new FitEachStep(3), ProgressListener.NONE);
        Path dir = tmp.resolve("stopped");
        ProgressListener killAt6 = new ProgressListener() {
            @Override
            public void start(String task, long total) {
            }

            @Override
            public void advance(long done, String status) {
                if (done == 6) {
                    throw new IllegalStateException("killed");
                }
            }

            @Override
            public void finish(String summary) {
            }
        };
        assertThrows(IllegalStateException.class, () -> run(dir, new FitEachStep(3), killAt6));
        assertEquals("ckpt-4", TextFiles.read(dir.resolve("last_checkpoint")).trim());
        FitEachStep again = new FitEachStep(3);
        TrainingSummary resumed = Trainer.builder(config(), TinyGraphs.denseSource(3), dir)
                .optValidator(new TrainerTest.MseValidator()).optStep(again).build().resume();
        assertEquals(List.of("4+2", "6+2", "8+1", "9+3"), again.rounds);
        assertEquals(whole.model().params(), resumed.model().params());
        assertEquals(lossColumn(tmp.resolve("whole")), lossColumn(dir));
    }

    @Test
    void aNonFiniteLossStopsWithTheRoundsStartAsLastCheckpoint() throws IOException {
        FitEachStep step = new FitEachStep(3);
        step.nanAt = 10;
        Path dir = tmp.resolve("nan");
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> run(dir, step, ProgressListener.NONE));
        assertEquals(10, e.iteration());
        assertEquals("ckpt-9", TextFiles.read(dir.resolve("last_checkpoint")).trim());
        ComputationGraph at9 = ModelSerializer.restoreComputationGraph(dir.resolve("checkpoints/ckpt-9.zip").toFile(),
                true);
        INDArray p = at9.params();
        assertTrue(Double.isFinite(p.sumNumber().doubleValue()));
    }

    @Test
    void aStepWithSeveralWorkersIsAConfigError() {
        TrainerConfig two = config().withWorkers(2);
        var e = assertThrows(InvalidTrainerConfigException.class, () -> Trainer.builder(two,
                TinyGraphs.denseSource(3), tmp.resolve("w")).optStep(new FitEachStep(1)).build());
        assertTrue(e.getMessage().contains("workers"), e.getMessage());
    }
}
