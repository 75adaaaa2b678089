package org.densereg.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.densereg.loss.BinCrossEntropyLoss;
import org.densereg.loss.BinResidualSmoothL1Loss;
import org.densereg.quantize.UvCodec;
import org.densereg.quantize.UvLabels;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.regularization.WeightDecay;

class DenseRegNetworkFactoryTest {

    /** ResNet-18 at 1/32 width: 2–16 channels per stage. */
    static NetworkConfig tiny(int h, int w, boolean full) {
        return new NetworkConfig(18, 1.0 / 32, 4, h, w, 0, 1.0, 1.0, 1.0, full, 7L);
    }

    private static UvLabels randomLabels(int n, int h, int w, int bins, long seed) {
        java.util.Random random = new java.util.Random(seed);
        float[] uv = new float[n * 2 * h * w];
        for (int i = 0; i < uv.length; i++) {
            uv[i] = random.nextFloat() < 0.3f ? -1f : random.nextFloat();
        }
        return new UvCodec(bins).encode(Nd4j.create(uv, new long[] {n, 2, h, w}, 'c'));
    }

    @Test
    void outputShapesFor8kPlus1InputAtFullResolutionAndStride8() {
        ComputationGraph full = DenseRegNetworkFactory.build(tiny(33, 41, true));
        Nd4j.getRandom().setSeed(1);
        INDArray input = Nd4j.rand(DataType.FLOAT, 2, 3, 33, 41);
        INDArray[] out = full.output(input);
        assertEquals(4, out.length);
        for (INDArray o : out) {
            assertArrayEquals(new long[] {2, 5, 33, 41}, o.shape());
        }
        ComputationGraph strided = DenseRegNetworkFactory.build(tiny(33, 41, false).withHeatmapChannels(3));
        INDArray[] out8 = strided.output(input);
        assertEquals(5, out8.length);
        assertArrayEquals(new long[] {2, 5, 5, 6}, out8[0].shape());
        assertArrayEquals(new long[] {2, 3, 5, 6}, out8[4].shape());
        assertEquals(java.util.List.of("u_class", "v_class", "u_residual", "v_residual", "heatmap"),
                DenseRegNetworkFactory.outputNames(tiny(33, 41, false).withHeatmapChannels(3)));
    }

    @Test
    void everyWeightDecaysOnceAndNormsAndBiasesNot() {
        ComputationGraphConfiguration conf = DenseRegNetworkFactory.configuration(tiny(17, 17, true),
                new Adam(1e-3), 3e-4);
        int convolutions = 0;
        for (var vertex : conf.getVertices().values()) {
            if (vertex instanceof LayerVertex lv && lv.getLayerConf().getLayer() instanceof BaseLayer layer) {
                assertEquals(List.of(), layer.getRegularizationBias(), "bias regularisation of " + layer);
                if (layer instanceof BatchNormalization) {
                    assertEquals(List.of(), layer.getRegularization());
                } else if (layer instanceof ConvolutionLayer) {
                    convolutions++;
                    assertEquals(List.of(new WeightDecay(3e-4, true)), layer.getRegularization(),
                            "one weight decay on " + layer.getLayerName());
                }
            }
        }
        assertEquals(20 + 4, convolutions, "ResNet-18: the stem, 16 block convolutions, 3 projections, 4 heads");
        ComputationGraphConfiguration none = DenseRegNetworkFactory.configuration(tiny(17, 17, true),
                new Adam(1e-3), 0.0);
        assertTrue(none.getVertices().values().stream().noneMatch(v -> v instanceof LayerVertex lv
                && lv.getLayerConf().getLayer() instanceof BaseLayer layer && !layer.getRegularization().isEmpty()));
    }

    @Test
    void networkScoreIsSumOfDocumentedMeans() {
        NetworkConfig config = tiny(17, 17, true);
        ComputationGraph graph = DenseRegNetworkFactory.build(config, new Adam(1e-2), 0.0);
        Nd4j.getRandom().setSeed(2);
        INDArray input = Nd4j.rand(DataType.FLOAT, 2, 3, 17, 17);
        UvLabels labels = randomLabels(2, 17, 17, 4, 5);
        MultiDataSet data = new MultiDataSet(new INDArray[] {input}, labels.asArray());
        INDArray[] out = graph.output(false, input);
        ActivationIdentity id = new ActivationIdentity();
        double expected = new BinCrossEntropyLoss(1, 0).computeScore(labels.uClass(), out[0], id, null, true)
                + new BinCrossEntropyLoss(1, 0).computeScore(labels.vClass(), out[1], id, null, true)
                + new BinResidualSmoothL1Loss(1, 0).computeScore(labels.uResidual(), out[2], id, null, true)
                + new BinResidualSmoothL1Loss(1, 0).computeScore(labels.vResidual(), out[3], id, null, true);
        // the rank-4 losses above use N from the shape; the graph's use pixelsPerImage: same number
        assertEquals(expected, graph.score(data, false), 1e-4 * expected);
    }

    @Test
    @Tag("slow")
    void trainingLowersTheScore() {
        ComputationGraph graph = DenseRegNetworkFactory.build(tiny(17, 17, true), new Adam(1e-2), 0.0);
        Nd4j.getRandom().setSeed(2);
        INDArray input = Nd4j.rand(DataType.FLOAT, 2, 3, 17, 17);
        MultiDataSet data = new MultiDataSet(new INDArray[] {input}, randomLabels(2, 17, 17, 4, 5).asArray());
        double before = graph.score(data, false);
        for (int i = 0; i < 15; i++) {
            graph.fit(data);
        }
        double after = graph.score(data, false);
        assertTrue(after < 0.8 * before, "score " + before + " -> " + after);
    }

    @Test
    void serialisedNetworkRestoresWithCustomLayerAndLosses(@TempDir Path dir) throws Exception {
        ComputationGraph graph = DenseRegNetworkFactory.build(tiny(17, 25, true));
        File file = dir.resolve("net.zip").toFile();
        ModelSerializer.writeModel(graph, file, true);
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(file, true);
        Accelerators.active().accelerateInPlace(restored); // as the built graph: the same implementation on both sides
        Nd4j.getRandom().setSeed(3);
        INDArray input = Nd4j.rand(DataType.FLOAT, 1, 3, 17, 25);
        INDArray a = graph.output(input)[2];
        INDArray b = restored.output(input)[2];
        assertEquals(0.0, a.sub(b).amaxNumber().doubleValue(), 1e-6);
        assertEquals(graph.getConfiguration().toJson(), restored.getConfiguration().toJson());
    }

    @Test
    void bundledSizesConfigure() {
        Map<NetworkConfig, long[]> cases = Map.of(
                NetworkConfig.defaults(), new long[] {11, 129, 129},
                NetworkConfig.defaults().withDepth(101).withInputSize(321, 321), new long[] {11, 321, 321},
                NetworkConfig.defaults().withDepth(101).withInputSize(513, 513), new long[] {11, 513, 513},
                NetworkConfig.defaults().withDepth(50).withFullResolutionOutput(false), new long[] {11, 17, 17},
                NetworkConfig.defaults().withDepth(34).withInputSize(257, 193), new long[] {11, 257, 193});
        for (Map.Entry<NetworkConfig, long[]> e : cases.entrySet()) {
            NetworkConfig c = e.getKey();
            ComputationGraphConfiguration conf = DenseRegNetworkFactory.configuration(c, new NoOp(), 1e-4);
            Map<String, InputType> types = conf.getLayerActivationTypes(
                    InputType.convolutional(c.inputHeight(), c.inputWidth(), 3));
            InputType.InputTypeConvolutional u = (InputType.InputTypeConvolutional) types.get("u_class");
            assertArrayEquals(e.getValue(), new long[] {u.getChannels(), u.getHeight(), u.getWidth()}, c.toString());
            InputType.InputTypeConvolutional last = (InputType.InputTypeConvolutional) types.get("res5_0_out");
            assertEquals(c.featureHeight(), last.getHeight(), "output stride 8 for " + c);
        }
    }

    @Test
    @Tag("slow")
    void resNet101Builds() {
        ComputationGraph graph = DenseRegNetworkFactory.build(NetworkConfig.defaults().withDepth(101));
        assertTrue(graph.numParams() > 40_000_000L, "params " + graph.numParams());
    }

    @Test
    void invalidConfigsNameTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NetworkConfig.defaults().withInputSize(128, 129));
        assertTrue(e.getMessage().startsWith("inputHeight must be 8k+1"), e.getMessage());
        assertTrue(e.getMessage().contains("nearest valid: 129"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NetworkConfig.defaults().withDepth(20));
        assertTrue(e.getMessage().startsWith("depth must be 18, 34, 50 or 101"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NetworkConfig.defaults().withWidthMultiplier(0));
        assertTrue(e.getMessage().startsWith("widthMultiplier"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new NetworkConfig(18, 1, 10, 129, 129, 0, -1, 1, 1, true, 1));
        assertTrue(e.getMessage().startsWith("clsWeight"), e.getMessage());
    }
}
