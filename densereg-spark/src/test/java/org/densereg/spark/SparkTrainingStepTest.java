package org.densereg.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.densereg.io.TextFiles;
import org.densereg.runtime.ProgressListener;
import org.densereg.train.BatchSource;
import org.densereg.train.OptimizerConfig;
import org.densereg.train.OptimizerSetup;
import org.densereg.train.Trainer;
import org.densereg.train.TrainerConfig;
import org.densereg.train.TrainingSummary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * {@link SparkTrainingStep} under core's {@link Trainer} in {@code local[2]}, on a small dense network without batch
 * normalisation (with it, shards normalise over their own images and differ from one process by design): gradient
 * aggregation equals one process with the whole batch, a stopped run resumes to the same parameters, and parameter
 * averaging averages what each shard's own optimiser steps give.
 */
class SparkTrainingStepTest {

    private static final int BATCH = 8;
    private static final int FEATURES = 4;
    private static final int OUTPUTS = 3;

    private static JavaSparkContext sc;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startSpark() {
        sc = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("spark-training-step")
                .set("spark.ui.enabled", "false").set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.driver.host", "127.0.0.1"));
    }

    @AfterAll
    static void stopSpark() {
        sc.close();
    }

    /** input [N, 4] → dense 8 tanh → dense 3 identity, MSE. */
    private static ComputationGraph network() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(7).dataType(DataType.FLOAT)
                .graphBuilder().addInputs("in")
                .addLayer("hidden", new DenseLayer.Builder().nIn(FEATURES).nOut(8).activation(Activation.TANH).build(),
                        "in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(8).nOut(OUTPUTS)
                        .activation(Activation.IDENTITY).build(), "hidden")
                .setOutputs("out").build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }

    /** Batches of 8: x ~ N(0, 1), y a fixed nonlinear map of x; batch i drawn from seedFor(5, i). */
    private static final BatchSource SOURCE = iteration -> {
        var rng = new java.util.Random(BatchSource.seedFor(5, iteration));
        float[] x = new float[BATCH * FEATURES];
        float[] y = new float[BATCH * OUTPUTS];
        for (int n = 0; n < BATCH; n++) {
            for (int f = 0; f < FEATURES; f++) {
                x[n * FEATURES + f] = (float) rng.nextGaussian();
            }
            for (int o = 0; o < OUTPUTS; o++) {
                y[n * OUTPUTS + o] = (float) Math.sin(x[n * FEATURES + o] + 0.5 * x[n * FEATURES + o + 1]);
            }
        }
        return new org.nd4j.linalg.dataset.MultiDataSet(Nd4j.create(x, new long[] {BATCH, FEATURES}),
                Nd4j.create(y, new long[] {BATCH, OUTPUTS}));
    };

    private static OptimizerConfig optimizer(String type) {
        return type.equals("sgd")
                // plain SGD: momentum 0, constant rate; weight decay on, as in the face configs
                ? new OptimizerConfig("sgd", 0.1, 0.0, 1e-4, "constant", 0.9, 10_000, 0.1, 0.9, 0.999, 1e-8)
                : OptimizerConfig.defaults().withLearningRate(0.01); // Adam with the poly schedule
    }

    /** 6 iterations, seed 3, log every 2, validate only at the end (no validator), checkpoint every 3. */
    private static TrainerConfig config(String type, long iterations) {
        return new TrainerConfig(iterations, 3, 2, 0, 3, 5, 0, optimizer(type));
    }

    private TrainingSummary train(Path dir, String type, long iterations, SparkTrainingStep step,
            ProgressListener progress) throws IOException {
        return Trainer.builder(config(type, iterations), SOURCE, dir).optStep(step).optProgress(progress).build()
                .train(network());
    }

    private static double maxDiff(INDArray a, INDArray b) {
        return a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
    }

    private static List<Double> losses(Path run) throws IOException {
        List<Double> out = new ArrayList<>();
        List<String> lines = TextFiles.readLines(run.resolve("metrics.csv"));
        for (String line : lines.subList(1, lines.size())) {
            out.add(Double.parseDouble(line.split(",")[1]));
        }
        return out;
    }

    /**
     * Tolerance: float32 parameters; the Spark step sums each shard's gradient (float) and then the shards (double),
     * one process sums over all 8 images at once (float), so the two differ in rounding only: about 1e-7 relative per
     * step, and 6 steps stay below 1e-5 (SGD) and 1e-4 (Adam, whose early steps divide by a small second moment).
     */
    @ParameterizedTest
    @ValueSource(strings = {"sgd", "adam"})
    void gradientAggregationOverTwoShardsTrainsAsOneProcessWithTheWholeBatch(String type) throws IOException {
        TrainingSummary single = train(tmp.resolve("single"), type, 6, null, ProgressListener.NONE);
        TrainingSummary spark = train(tmp.resolve("spark"), type, 6, new SparkTrainingStep(sc, 2, 1),
                ProgressListener.NONE);
        double moved = maxDiff(single.model().params(), OptimizerSetup.apply(network(), optimizer(type), 6).params());
        double diff = maxDiff(single.model().params(), spark.model().params());
        assertTrue(moved > 1e-3, "the steps moved the parameters: " + moved);
        assertTrue(diff < (type.equals("sgd") ? 1e-5 : 1e-4), type + ": max |θ_one − θ_spark| = " + diff);
        List<Double> a = losses(tmp.resolve("single"));
        List<Double> b = losses(tmp.resolve("spark"));
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i), b.get(i), 1e-5 * Math.max(1, Math.abs(a.get(i))), "loss row " + i);
        }
        assertEquals(6, spark.model().getConfiguration().getIterationCount());
    }

    @Test
    void aStoppedSparkRunResumesToTheParametersOfAnUninterruptedOne() throws IOException {
        TrainingSummary whole = train(tmp.resolve("whole"), "adam", 6, new SparkTrainingStep(sc, 2, 1),
                ProgressListener.NONE);
        Path dir = tmp.resolve("stopped");
        ProgressListener killAt5 = new ProgressListener() {
            @Override
            public void start(String task, long total) {
            }

            @Override
            public void advance(long done, String status) {
                if (done == 5) {
                    throw new IllegalStateException("killed after iteration 5");
                }
            }

            @Override
            public void finish(String summary) {
            }
        };
        assertThrows(IllegalStateException.class, () -> train(dir, "adam", 6, new SparkTrainingStep(sc, 2, 1), killAt5));
        assertEquals("ckpt-3", TextFiles.read(dir.resolve("last_checkpoint")).trim());
        TrainingSummary resumed = Trainer.builder(config("adam", 6), SOURCE, dir).optStep(new SparkTrainingStep(sc, 2, 1))
                .build().resume();
        // two shards: each sum has two terms, so the order Spark merges them in cannot change it
        assertEquals(0.0, maxDiff(whole.model().params(), resumed.model().params()), "θ after resume");
        assertEquals(0.0, maxDiff(whole.model().getUpdater().getStateViewArray(),
                resumed.model().getUpdater().getStateViewArray()), "Adam state after resume");
        assertEquals(losses(tmp.resolve("whole")), losses(dir));
    }

    /**
     * averageEvery=2 over 2 shards for 2 iterations (one round): each shard's own optimiser takes two steps on its
     * 4-image halves from the same start, and the result is the mean of the two parameter vectors and of the two
     * optimiser states (the checkpoint holds that state).
     */
    @ParameterizedTest
    @ValueSource(strings = {"sgd", "adam"})
    void parameterAveragingAveragesTheShardsOwnOptimiserSteps(String type) throws IOException {
        Path dir = tmp.resolve("avg");
        TrainingSummary spark = train(dir, type, 2, new SparkTrainingStep(sc, 2, 2), ProgressListener.NONE);
        INDArray paramSum = null;
        INDArray stateSum = null;
        for (int s = 0; s < 2; s++) {
            ComputationGraph local = OptimizerSetup.apply(network(), optimizer(type), 2);
            for (int i = 0; i < 2; i++) {
                MultiDataSet batch = SOURCE.batch(i);
                long seed = BatchSource.seedFor(~3L, i);
                Nd4j.getRandom().setSeed(s == 0 ? seed : BatchSource.seedFor(seed, s));
                local.fit(new org.nd4j.linalg.dataset.MultiDataSet(
                        batch.getFeatures(0).get(NDArrayIndex.interval(4L * s, 4L * s + 4)).dup(),
                        batch.getLabels(0).get(NDArrayIndex.interval(4L * s, 4L * s + 4)).dup()));
            }
            INDArray p = local.params().castTo(DataType.DOUBLE);
            paramSum = paramSum == null ? p.dup() : paramSum.addi(p);
            INDArray st = local.getUpdater().getStateViewArray();
            if (st != null) {
                stateSum = stateSum == null ? st.castTo(DataType.DOUBLE).dup() : stateSum.addi(st.castTo(DataType.DOUBLE));
            }
        }
        INDArray expected = paramSum.div(2);
        assertTrue(maxDiff(expected, spark.model().params()) < 1e-6,
                "θ = mean of the shards' θ: " + maxDiff(expected, spark.model().params()));
        ComputationGraph checkpoint = ModelSerializer.restoreComputationGraph(
                dir.resolve("checkpoints/ckpt-2.zip").toFile(), true);
        assertEquals(0.0, maxDiff(checkpoint.params(), spark.model().params()), "the checkpoint holds θ");
        assertEquals(2, checkpoint.getConfiguration().getIterationCount());
        if (type.equals("adam")) {
            INDArray state = checkpoint.getUpdater().getStateViewArray();
            assertTrue(maxDiff(stateSum.div(2), state) < 1e-6, "Adam state = mean of the shards' states");
            assertTrue(state.amaxNumber().doubleValue() > 0, "the Adam state is not empty");
        }
    }
}
