package org.densereg.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.densereg.io.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code trainer.workers}: two workers on the CPU against one (docs/gpu.md, "Several GPUs"). The face network's case
 * is in {@code train.face.FaceDataParallelTest}.
 */
class DataParallelTest {

    @TempDir
    Path tmp;

    private static TrainerConfig config(long iterations, String optimizer, int workers) {
        // plain SGD: type sgd with momentum 0 (and weight decay, applied once to the averaged gradient)
        var opt = new OptimizerConfig(optimizer, 0.05, 0, 1e-4, "constant", 0.9, 10_000, 0.1, 0.9, 0.999, 1e-8);
        return new TrainerConfig(iterations, 5, 2, 0, 2, 2, 0, workers, opt);
    }

    /**
     * No batch norm, a loss that is a mean over images: the mean of the shards' gradients is the whole batch's
     * gradient, so two workers follow one worker to float rounding (1e-6), with plain SGD and with Adam.
     */
    @ParameterizedTest
    @ValueSource(strings = {"sgd", "adam"})
    void twoWorkersTrainLikeOneWorkerOnTheWholeBatch(String optimizer) throws IOException {
        var one = Trainer.builder(config(4, optimizer, 1), TinyGraphs.convSource(7), tmp.resolve("one"))
                .build().train(TinyGraphs.conv(7));
        var two = Trainer.builder(config(4, optimizer, 2), TinyGraphs.convSource(7), tmp.resolve("two"))
                .build().train(TinyGraphs.conv(7));
        float[] a = one.model().params().toFloatVector();
        float[] b = two.model().params().toFloatVector();
        float[] start = TinyGraphs.conv(7).params().toFloatVector();
        assertTrue(distance(a, start) > 1e-2, "training moved the weights");
        assertArrayEquals(a, b, 1e-6f);
        assertEquals(one.finalLoss(), two.finalLoss(), 1e-6 * Math.abs(one.finalLoss()));
        assertEquals(4, two.model().getConfiguration().getIterationCount());
        assertEquals(2, new ObjectMapper().readTree(tmp.resolve("two/env.json").toFile()).get("workers").asInt());
    }

    /** With batch norm (per-shard statistics) and Adam: killed after 4 of 8 iterations and resumed = straight. */
    @Test
    void resumeWithTwoWorkersEqualsAnUninterruptedRun() throws IOException {
        TrainerConfig cfg = new TrainerConfig(8, 11, 2, 0, 4, 2, 2, 2,
                OptimizerConfig.defaults().withLearningRate(0.01));
        var straight = Trainer.builder(cfg, TinyGraphs.denseSource(3), tmp.resolve("straight")).build()
                .train(TinyGraphs.dense(3));
        Path run = tmp.resolve("interrupted");
        BatchSource good = TinyGraphs.denseSource(3);
        BatchSource killedAt4 = it -> {
            if (it == 4) {
                throw new IllegalStateException("killed");
            }
            return good.batch(it);
        };
        assertThrows(IllegalStateException.class,
                () -> Trainer.builder(cfg, killedAt4, run).build().train(TinyGraphs.dense(3)));
        var resumed = Trainer.builder(cfg, good, run).build().resume();
        assertEquals(4, resumed.startIteration());
        assertArrayEquals(straight.model().params().toFloatVector(), resumed.model().params().toFloatVector(), 1e-6f);
        assertArrayEquals(straight.model().getUpdater().getStateViewArray().toFloatVector(),
                resumed.model().getUpdater().getStateViewArray().toFloatVector(), 1e-6f);
        assertEquals(Files.readAllLines(tmp.resolve("straight/metrics.csv")).stream().map(l -> l.split(",")[1]).toList(),
                Files.readAllLines(run.resolve("metrics.csv")).stream().map(l -> l.split(",")[1]).toList());
    }

    @Test
    void aBatchTheWorkersCannotSplitEvenlyIsRefusedWithTheKey() {
        var e = assertThrows(BadInputException.class, () -> Trainer.builder(config(2, "sgd", 3),
                TinyGraphs.convSource(7), tmp.resolve("odd")).build().train(TinyGraphs.conv(7)));
        assertTrue(e.getMessage().contains("has 2 images, which trainer.workers=3 cannot split evenly"), e.getMessage());
    }

    @Test
    void workersBelowOneIsAConfigProblem() {
        var e = assertThrows(InvalidTrainerConfigException.class, () -> config(2, "sgd", 0).validate());
        assertTrue(e.getMessage().contains("workers: expected a value >= 1, found 0"), e.getMessage());
    }

    static double distance(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            s += d * d;
        }
        return Math.sqrt(s);
    }
}
