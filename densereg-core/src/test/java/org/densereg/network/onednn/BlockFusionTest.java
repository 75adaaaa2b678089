package org.densereg.network.onednn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ModelSerializer;
import org.densereg.bench.NetworkBenchmark;
import org.densereg.network.DenseRegNetworkFactory;
import org.densereg.network.NetworkConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * The fused residual blocks against DL4J's own layers on the real DenseReg network (identity and strided projection
 * shortcuts on even and odd sides, dilation 1, 2 and 4, wide and narrow blocks; the fused stem and the heads' loss
 * layers too): the same parameters must give the same outputs, gradients,
 * and parameters and running statistics after training steps, and conversions in either direction must carry
 * parameters and updater state exactly.
 */
class BlockFusionTest {

    private static final double TOLERANCE = 1e-4;

    private static NetworkConfig config(int side) {
        return config(side, 0.25);
    }

    /** Width 1/32 gives stages of 2, 4, 8 and 16 channels, where oneDNN picks different layouts per block side. */
    private static NetworkConfig config(int side, double width) {
        return NetworkConfig.defaults().withWidthMultiplier(width).withInputSize(side, side).withHeatmapChannels(3);
    }

    /** DL4J's own layers (no helpers) and the fused form of a copy, with the same parameters. */
    private static ComputationGraph[] pair(NetworkConfig config, org.nd4j.linalg.learning.config.IUpdater updater) {
        ComputationGraphConfiguration conf = DenseRegNetworkFactory.configuration(config, updater, 1e-4);
        ComputationGraph plain = new ComputationGraph(conf);
        plain.init();
        ComputationGraph copy = new ComputationGraph(conf.clone());
        copy.init(plain.params().dup(), true);
        ComputationGraph fused = BlockFusion.fuse(copy);
        assertNotSame(copy, fused);
        assertEquals(8, fusedLayers(fused.getConfiguration(), ResidualBlockLayer.class), "ResNet-18's 8 basic blocks");
        assertEquals(1, fusedLayers(fused.getConfiguration(), StemLayer.class), "and its stem");
        assertEquals(5, fusedLayers(fused.getConfiguration(), PixelLossOutputLayer.class), "and the 5 heads' losses");
        return new ComputationGraph[] {plain, fused};
    }

    private static double relativeDifference(INDArray expected, INDArray actual) {
        double scale = Math.max(expected.norm2Number().doubleValue(), 1e-12);
        return expected.sub(actual).norm2Number().doubleValue() / scale;
    }

    @ParameterizedTest
    @CsvSource({"65, 0.25", "73, 0.25", "41, 0.03125"})
    void inferenceOutputsMatchDl4j(int side, double width) {
        NetworkConfig config = config(side, width);
        ComputationGraph[] graphs = pair(config, new Sgd(0.002));
        INDArray input = NetworkBenchmark.randomBatch(config, 2).getFeatures(0);
        INDArray[] expected = graphs[0].output(false, input);
        INDArray[] actual = graphs[1].output(false, input);
        for (int i = 0; i < expected.length; i++) {
            double diff = relativeDifference(expected[i], actual[i]);
            assertTrue(diff < TOLERANCE, "output " + i + " differs by " + diff);
        }
    }

    @ParameterizedTest
    @CsvSource({"65, 0.25", "73, 0.25", "41, 0.03125"})
    void gradientsAndTrainingStepsMatchDl4j(int side, double width) {
        NetworkConfig config = config(side, width);
        ComputationGraph[] graphs = pair(config, new Sgd(0.002));
        MultiDataSet data = NetworkBenchmark.randomBatch(config, 2);
        for (ComputationGraph g : graphs) {
            g.setInputs(data.getFeatures());
            g.setLabels(data.getLabels());
            g.computeGradientAndScore();
        }
        assertEquals(graphs[0].score(), graphs[1].score(), 1e-4 * Math.abs(graphs[0].score()));
        for (Layer layer : graphs[1].getLayers()) {
            if (layer instanceof OneDnnFusedLayer block) {
                assertEquals(1, block.calls().forward(), layer.getConfig().getLayerName() + ": one forward");
                assertEquals(1, block.calls().backward(), layer.getConfig().getLayerName() + ": one backward");
            }
        }
        Map<String, INDArray> expected = graphs[0].gradient().gradientForVariable();
        Map<String, INDArray> actual = graphs[1].gradient().gradientForVariable();
        assertEquals(expected.size(), actual.size());
        for (Map.Entry<String, INDArray> e : actual.entrySet()) {
            String standardKey = standardGradientKey(graphs[1], e.getKey());
            double diff = relativeDifference(expected.get(standardKey), e.getValue());
            assertTrue(diff < TOLERANCE, "gradient " + e.getKey() + " (" + standardKey + ") differs by " + diff);
        }
        for (int step = 0; step < 3; step++) {
            graphs[0].fit(data);
            graphs[1].fit(data);
        }
        ComputationGraph back = BlockFusion.standard(graphs[1]);
        assertEquals(graphs[0].paramTable().keySet(), back.paramTable().keySet());
        for (Map.Entry<String, INDArray> e : graphs[0].paramTable().entrySet()) {
            double diff = relativeDifference(e.getValue(), back.paramTable().get(e.getKey()));
            assertTrue(diff < TOLERANCE, "parameter " + e.getKey() + " after 3 steps differs by " + diff);
        }
        INDArray[] after0 = graphs[0].output(false, data.getFeatures(0));
        INDArray[] after1 = graphs[1].output(false, data.getFeatures(0));
        assertTrue(relativeDifference(after0[0], after1[0]) < TOLERANCE, "inference with updated running statistics");
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void theStemComputesTheInputGradientOnlyWhenAsked(boolean asked) {
        NetworkConfig config = config(65);
        ComputationGraph[] graphs = pair(config, new Sgd(0.002));
        StemLayer stem = null;
        for (Layer layer : graphs[1].getLayers()) {
            if (layer.conf().getLayer() instanceof StemLayer s) {
                stem = s;
            }
        }
        assertFalse(stem.isInputGradient(), "the stem reads the network input: no gradient by default");
        stem.setInputGradient(asked);
        MultiDataSet data = NetworkBenchmark.randomBatch(config, 2);
        LayerWorkspaceMgr noWorkspaces = LayerWorkspaceMgr.noWorkspaces();
        graphs[1].initGradientsView();
        Layer stemLayer = graphs[1].getLayer(stem.getLayerName());
        stemLayer.setInput(data.getFeatures(0), noWorkspaces);
        INDArray gradientAtOutput = Nd4j.rand(DataType.FLOAT, stemLayer.activate(true, noWorkspaces).shape());
        INDArray actual = stemLayer.backpropGradient(gradientAtOutput.dup(), noWorkspaces).getSecond();
        if (!asked) {
            assertNull(actual);
            return;
        }
        // the same through DL4J's own convolution, batch norm, ReLU and pooling layers
        graphs[0].initGradientsView();
        String[] chain = {stem.getConvName(), stem.getNormName(), stem.getReluName(), stem.getLayerName()};
        INDArray x = data.getFeatures(0);
        for (String name : chain) {
            graphs[0].getLayer(name).setInput(x, noWorkspaces);
            x = graphs[0].getLayer(name).activate(true, noWorkspaces);
        }
        INDArray expected = gradientAtOutput;
        for (int i = chain.length - 1; i >= 0; i--) {
            expected = graphs[0].getLayer(chain[i]).backpropGradient(expected, noWorkspaces).getSecond();
        }
        double diff = relativeDifference(expected, actual);
        assertTrue(diff < TOLERANCE, "input gradient differs by " + diff);
    }

    @Test
    void conversionsCarryParametersAndAdamStateBothWays() {
        NetworkConfig config = config(65);
        ComputationGraph[] graphs = pair(config, new Adam(1e-3));
        MultiDataSet data = NetworkBenchmark.randomBatch(config, 2);
        graphs[1].fit(data);
        graphs[1].fit(data);
        ComputationGraph back = BlockFusion.standard(graphs[1]);
        ComputationGraph again = BlockFusion.fuse(back);
        assertEquals(graphs[1].params(), again.params(), "fused → standard → fused keeps the parameters");
        assertEquals(graphs[1].getUpdater().getStateViewArray(), again.getUpdater().getStateViewArray(),
                "and the Adam moments");
        assertEquals(2, back.getConfiguration().getIterationCount());
        // one more step from each form lands on the same parameters
        graphs[1].fit(data);
        back.fit(data);
        ComputationGraph fusedAfter = BlockFusion.standard(graphs[1]);
        double diff = relativeDifference(back.params(), fusedAfter.params());
        assertTrue(diff < TOLERANCE, "a step after conversion differs by " + diff);
    }

    /** What every save does: the standard form, which DL4J alone loads and runs (no oneDNN, no fused classes). */
    @Test
    void aFusedModelSavedInStandardFormRunsWithDl4jAlone() throws Exception {
        NetworkConfig config = config(65);
        ComputationGraph fused = DenseRegNetworkFactory.build(config);
        assertTrue(BlockFusion.isFused(fused.getConfiguration()));
        MultiDataSet data = NetworkBenchmark.randomBatch(config, 2);
        fused.fit(data);
        ByteArrayOutputStream saved = new ByteArrayOutputStream();
        ModelSerializer.writeModel(BlockFusion.standard(fused), saved, true);
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(
                new ByteArrayInputStream(saved.toByteArray()), true);
        assertFalse(BlockFusion.isFused(restored.getConfiguration()));
        INDArray[] expected = fused.output(false, data.getFeatures(0));
        INDArray[] actual = restored.output(false, data.getFeatures(0));
        for (int i = 0; i < expected.length; i++) {
            double diff = relativeDifference(expected[i], actual[i]);
            assertTrue(diff < TOLERANCE, "output " + i + " differs by " + diff);
        }
        assertEquals(fused.getUpdater().getStateViewArray().length(),
                restored.getUpdater().getStateViewArray().length());
    }

    @Test
    void standardConfigurationOfTheFusedOneIsTheOriginal() {
        ComputationGraphConfiguration conf = DenseRegNetworkFactory.configuration(config(65), new Adam(1e-3), 1e-4);
        ComputationGraphConfiguration fused = BlockFusion.fusedConfiguration(conf);
        assertTrue(BlockFusion.isFused(fused));
        assertEquals(conf.toJson(), BlockFusion.standardConfiguration(fused).toJson());
        assertSame(conf, BlockFusion.standardConfiguration(conf), "a standard configuration is returned as is");
        assertEquals(List.copyOf(conf.getNetworkOutputs()), List.copyOf(fused.getNetworkOutputs()));
    }

    @Test
    void bottleneckBlocksStayStandard() {
        ComputationGraphConfiguration conf = DenseRegNetworkFactory.configuration(
                config(65).withDepth(50), new Adam(1e-3), 1e-4);
        ComputationGraphConfiguration fused = BlockFusion.fusedConfiguration(conf);
        assertEquals(0, fusedLayers(fused, ResidualBlockLayer.class));
        assertEquals(1, fusedLayers(fused, StemLayer.class));
        assertEquals(conf.toJson(), BlockFusion.standardConfiguration(fused).toJson());
    }

    private static long fusedLayers(ComputationGraphConfiguration conf, Class<?> type) {
        return conf.getVertices().values().stream()
                .filter(v -> v instanceof org.deeplearning4j.nn.conf.graph.LayerVertex lv
                        && type.isInstance(lv.getLayerConf().getLayer()))
                .count();
    }

    /** "res2_0_out_aBnGamma" (fused layer "res2_0_out", parameter "aBnGamma") → "res2_0_a_bn_gamma". */
    private static String standardGradientKey(ComputationGraph fused, String key) {
        for (Layer layer : fused.getLayers()) {
            String name = layer.getConfig().getLayerName();
            if (layer.getConfig() instanceof FusedLayerConfig config && key.startsWith(name + "_")) {
                return config.standardKey(name, key.substring(name.length() + 1)).replace('/', '_');
            }
        }
        return key;
    }
}
