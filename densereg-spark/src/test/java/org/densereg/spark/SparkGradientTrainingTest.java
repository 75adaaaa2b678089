package org.densereg.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.junit.jupiter.api.Test;

/**
 * Plain SGD in {@code local[2]}: 2 executors × batch b give one process's steps with batch 2b, up to float rounding.
 */
class SparkGradientTrainingTest {

    private static final double LEARNING_RATE = 0.1;

    private static ComputationGraph network() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(7).dataType(DataType.FLOAT)
                .updater(new Sgd(LEARNING_RATE)).graphBuilder().addInputs("in")
                .addLayer("hidden", new DenseLayer.Builder().nIn(4).nOut(8).activation(Activation.TANH).build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(8).nOut(3)
                        .activation(Activation.IDENTITY).build(), "hidden")
                .setOutputs("out").build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }

    @Test
    void twoExecutorsWithBatchBStepAsOneProcessWithBatch2B() {
        int b = 4;
        ComputationGraph single = network();
        ComputationGraph distributed = network();
        assertEquals(single.params(), distributed.params(), "same seed, same start");
        SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("sgd-equivalence")
                .set("spark.ui.enabled", "false").set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.driver.host", "127.0.0.1");
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            for (int step = 0; step < 3; step++) {
                Nd4j.getRandom().setSeed(100 + step);
                INDArray x = Nd4j.rand(DataType.FLOAT, 2 * b, 4).subi(0.5).muli(4);
                INDArray y = Nd4j.rand(DataType.FLOAT, 2 * b, 3);
                MultiDataSet batch = new MultiDataSet(new INDArray[] {x}, new INDArray[] {y});
                single.fit(batch);
                JavaRDD<ShardBatch> shards = sc.parallelize(List.of(ShardBatch.of(batch, 0, b),
                        ShardBatch.of(batch, b, 2 * b)), 2);
                SparkGradientTraining.Step s = SparkGradientTraining.sgdStep(sc, distributed, shards, LEARNING_RATE);
                assertEquals(2L * b, s.examples());
                assertTrue(Double.isFinite(s.score()));
            }
        }
        INDArray a = single.params();
        INDArray d = distributed.params();
        double maxDiff = a.sub(d).amaxNumber().doubleValue();
        double moved = a.sub(network().params()).amaxNumber().doubleValue();
        assertTrue(moved > 1e-3, "the steps moved the parameters: " + moved);
        assertTrue(maxDiff < 1e-5, "max |θ_single − θ_spark| = " + maxDiff);
    }
}
