package org.densereg.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.densereg.loss.BinCrossEntropyLoss;
import org.densereg.loss.BinResidualSmoothL1Loss;
import org.densereg.quantize.UvCodec;
import org.densereg.quantize.UvLabels;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

class BilinearUpsampleLayerTest {

    @Test
    void alignedCornersMatchesHandComputedValues() {
        // 1×1×2×2 → 1×1×5×5 with factor 4: corners kept, centre is the mean, edges linear
        INDArray x = Nd4j.create(new double[] {0, 4, 8, 12}, new long[] {1, 1, 2, 2}, 'c');
        INDArray y = BilinearUpsampleLayer.upsample(x, 4);
        assertArrayEquals(new long[] {1, 1, 5, 5}, y.shape());
        assertEquals(0, y.getDouble(0, 0, 0, 0), 1e-12);
        assertEquals(4, y.getDouble(0, 0, 0, 4), 1e-12);
        assertEquals(8, y.getDouble(0, 0, 4, 0), 1e-12);
        assertEquals(12, y.getDouble(0, 0, 4, 4), 1e-12);
        assertEquals(6, y.getDouble(0, 0, 2, 2), 1e-12);
        assertEquals(1, y.getDouble(0, 0, 0, 1), 1e-12);
        assertEquals(2 * 0.75 + 10 * 0.25, y.getDouble(0, 0, 1, 2), 1e-12);
    }

    @Test
    void featureSideKPlusOneMapsToInputSide8kPlusOne() {
        Nd4j.getRandom().setSeed(1);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 17, 9);
        INDArray y = BilinearUpsampleLayer.upsample(x, 8);
        assertArrayEquals(new long[] {2, 3, 129, 65}, y.shape());
        // every 8th output pixel is exactly the input pixel
        for (int i = 0; i < 17; i++) {
            for (int j = 0; j < 9; j++) {
                assertEquals(x.getDouble(1, 2, i, j), y.getDouble(1, 2, 8 * i, 8 * j), 1e-6);
            }
        }
        assertEquals(InputType.convolutional(129, 65, 3),
                new BilinearUpsampleLayer(8).getOutputType(0, InputType.convolutional(17, 9, 3)));
    }

    /** conv 1×1 → bilinear ×3 → loss, in double, checked by DL4J's finite differences. */
    @Test
    void gradientCheckThroughUpsamplingAndLosses() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            int k = 3;
            ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                    .seed(12).dataType(DataType.DOUBLE).updater(new NoOp()).weightInit(WeightInit.XAVIER)
                    .convolutionMode(ConvolutionMode.Truncate)
                    .graphBuilder().addInputs("in").setInputTypes(InputType.convolutional(2, 3, 2))
                    .addLayer("c", new ConvolutionLayer.Builder(1, 1).nOut(k + 1).activation(Activation.TANH).build(), "in")
                    .addLayer("r", new ConvolutionLayer.Builder(1, 1).nOut(k + 1).activation(Activation.IDENTITY).build(), "in")
                    .addLayer("c_up", new BilinearUpsampleLayer(3), "c")
                    .addLayer("r_up", new BilinearUpsampleLayer(3), "r")
                    .addLayer("cls", new CnnLossLayer.Builder().lossFunction(new BinCrossEntropyLoss(0.7, 4 * 7))
                            .activation(Activation.IDENTITY).build(), "c_up")
                    .addLayer("res", new CnnLossLayer.Builder().lossFunction(new BinResidualSmoothL1Loss(1.3, 4 * 7))
                            .activation(Activation.IDENTITY).build(), "r_up")
                    .setOutputs("cls", "res").build();
            ComputationGraph graph = new ComputationGraph(conf);
            graph.init();
            Nd4j.getRandom().setSeed(3);
            INDArray input = Nd4j.rand(DataType.DOUBLE, 2, 2, 2, 3);
            double[] uv = new double[2 * 2 * 4 * 7];
            java.util.Random random = new java.util.Random(4);
            for (int i = 0; i < uv.length; i++) {
                uv[i] = random.nextDouble() < 0.25 ? -1 : random.nextDouble();
            }
            UvLabels labels = new UvCodec(k).encode(Nd4j.create(uv, new long[] {2, 2, 4, 7}, 'c'));
            boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(graph)
                    .inputs(new INDArray[] {input})
                    .labels(new INDArray[] {labels.uClass().castTo(DataType.DOUBLE),
                        labels.uResidual().castTo(DataType.DOUBLE)})
                    .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9));
            assertTrue(ok, "gradient check failed (see log)");
        } finally {
            Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        }
    }
}
