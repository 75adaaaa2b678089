package org.densereg.train;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Tiny graphs and deterministic batch sources for the trainer tests. */
final class TinyGraphs {

    static final int FEATURES = 4;
    static final int OUTPUTS = 2;

    private TinyGraphs() {
    }

    /** input [N, 4] → dense 8 tanh (dropout 0.8) → batch norm → dense 2 identity, MSE. */
    static ComputationGraph dense(long seed) {
        var conf = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(new Sgd(0.1))
                .graphBuilder()
                .addInputs("input")
                .setInputTypes(InputType.feedForward(FEATURES))
                .addLayer("hidden", new DenseLayer.Builder().nOut(8).activation(Activation.TANH).dropOut(0.8).build(), "input")
                .addLayer("bn", new BatchNormalization.Builder().build(), "hidden")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(OUTPUTS)
                        .activation(Activation.IDENTITY).build(), "bn")
                .setOutputs("out")
                .build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }

    /** input [N, 3, 5, 5] → 3×3 conv to 2 channels (same padding) → CnnLossLayer MSE. */
    static ComputationGraph conv(long seed) {
        var conf = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .graphBuilder()
                .addInputs("input")
                .setInputTypes(InputType.convolutional(5, 5, 3))
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).padding(1, 1).nOut(2)
                        .activation(Activation.IDENTITY).build(), "input")
                .addLayer("loss", new CnnLossLayer.Builder(LossFunctions.LossFunction.MSE)
                        .activation(Activation.IDENTITY).build(), "conv")
                .setOutputs("loss")
                .build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }

    /** Batches of 8 samples, y = fixed linear map of x, all drawn from seedFor(seed, iteration). */
    static BatchSource denseSource(long seed) {
        return iteration -> {
            var rng = new java.util.Random(BatchSource.seedFor(seed, iteration));
            float[] x = new float[8 * FEATURES];
            float[] y = new float[8 * OUTPUTS];
            for (int n = 0; n < 8; n++) {
                double a = 0;
                double b = 0;
                for (int f = 0; f < FEATURES; f++) {
                    float v = (float) rng.nextGaussian();
                    x[n * FEATURES + f] = v;
                    a += (f + 1) * 0.3 * v;
                    b -= (f % 2 == 0 ? 0.5 : -0.25) * v;
                }
                y[n * OUTPUTS] = (float) a;
                y[n * OUTPUTS + 1] = (float) b;
            }
            INDArray xs = Nd4j.create(x, new long[]{8, FEATURES});
            INDArray ys = Nd4j.create(y, new long[]{8, OUTPUTS});
            return new org.nd4j.linalg.dataset.MultiDataSet(xs, ys);
        };
    }

    /** Batches of 2 images [2, 3, 5, 5] with targets [2, 2, 5, 5]. */
    static BatchSource convSource(long seed) {
        return iteration -> {
            var rng = new java.util.Random(BatchSource.seedFor(seed, iteration));
            float[] x = new float[2 * 3 * 25];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) rng.nextGaussian();
            }
            INDArray xs = Nd4j.create(x, new long[]{2, 3, 5, 5});
            INDArray ys = Nd4j.concat(1, xs.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 2)).mul(0.5));
            return new org.nd4j.linalg.dataset.MultiDataSet(xs, ys);
        };
    }

    /** The labels of a batch, for identity checks. */
    static INDArray labels(MultiDataSet batch) {
        return batch.getLabels(0);
    }
}
