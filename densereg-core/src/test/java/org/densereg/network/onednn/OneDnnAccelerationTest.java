package org.densereg.network.onednn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.densereg.bench.NetworkBenchmark;
import org.densereg.network.DenseRegNetworkFactory;
import org.densereg.network.NetworkConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * The oneDNN helpers against DL4J's own layers on the real DenseReg network (strided 7×7 stem, 3×3 convolutions with
 * dilation 1, 2 and 4, strided 1×1 projections on even and odd sides, biased 1×1 heads, batch norm in training and
 * inference): identical parameters must give the same outputs, gradients and updated parameters (float32, so
 * compared with a relative tolerance).
 */
class OneDnnAccelerationTest {

    private static final double TOLERANCE = 1e-4;

    private static NetworkConfig config(int side) {
        return NetworkConfig.defaults().withWidthMultiplier(0.25).withInputSize(side, side)
                .withHeatmapChannels(3);
    }

    /**
     * A graph without helpers and one with, both with the same initial parameters. The learning rate is small enough
     * for training to be stable: with a diverging rate float rounding differences grow by orders of magnitude per
     * step whichever implementation runs.
     */
    private static ComputationGraph[] pair(NetworkConfig config) {
        ComputationGraph plain = new ComputationGraph(
                DenseRegNetworkFactory.configuration(config, new Sgd(0.002), 1e-4));
        plain.init();
        ComputationGraph fast = new ComputationGraph(
                DenseRegNetworkFactory.configuration(config, new Sgd(0.002), 1e-4));
        fast.init(plain.params().dup(), true);
        int accelerated = OneDnnAcceleration.install(fast);
        // ResNet-18: stem + 16 block convolutions + 3 projections, each with batch norm, and 5 heads
        assertEquals(20 + 20 + 5, accelerated);
        return new ComputationGraph[] {plain, fast};
    }

    private static MultiDataSet batch(NetworkConfig config, int n) {
        return NetworkBenchmark.randomBatch(config, n);
    }

    private static double relativeDifference(INDArray expected, INDArray actual) {
        double scale = Math.max(expected.norm2Number().doubleValue(), 1e-12);
        return expected.sub(actual).norm2Number().doubleValue() / scale;
    }

    @Test
    void oneDnnLoadsOnThisMachine() {
        assertNull(OneDnnAcceleration.unavailableReason());
    }

    @ParameterizedTest
    @ValueSource(ints = {65, 73})
    void inferenceOutputsMatchDl4j(int side) {
        NetworkConfig config = config(side);
        ComputationGraph[] graphs = pair(config);
        INDArray input = batch(config, 2).getFeatures(0);
        INDArray[] expected = graphs[0].output(false, input);
        INDArray[] actual = graphs[1].output(false, input);
        for (int i = 0; i < expected.length; i++) {
            assertTrue(relativeDifference(expected[i], actual[i]) < TOLERANCE,
                    "output " + i + " differs by " + relativeDifference(expected[i], actual[i]));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {65, 73})
    void gradientsAndTrainingStepsMatchDl4j(int side) {
        NetworkConfig config = config(side);
        ComputationGraph[] graphs = pair(config);
        MultiDataSet data = batch(config, 2);
        for (ComputationGraph g : graphs) {
            g.setInputs(data.getFeatures());
            g.setLabels(data.getLabels());
            g.computeGradientAndScore();
        }
        assertEquals(graphs[0].score(), graphs[1].score(), 1e-4 * Math.abs(graphs[0].score()));
        for (Layer layer : graphs[1].getLayers()) {
            CallCounts calls = layer.getHelper() instanceof OneDnnConvolutionHelper conv ? conv.calls()
                    : layer.getHelper() instanceof OneDnnBatchNormHelper bn ? bn.calls() : null;
            if (calls != null) {
                assertEquals(1, calls.forward(), layer.getConfig().getLayerName() + ": forward by oneDNN");
                assertEquals(1, calls.backward(), layer.getConfig().getLayerName() + ": backward by oneDNN");
            }
        }
        Map<String, INDArray> expected = graphs[0].gradient().gradientForVariable();
        Map<String, INDArray> actual = graphs[1].gradient().gradientForVariable();
        assertEquals(expected.keySet(), actual.keySet());
        for (String name : expected.keySet()) {
            double diff = relativeDifference(expected.get(name), actual.get(name));
            assertTrue(diff < TOLERANCE, "gradient " + name + " differs by " + diff);
        }
        for (int step = 0; step < 3; step++) {
            graphs[0].fit(data);
            graphs[1].fit(data);
        }
        double diff = relativeDifference(graphs[0].params(), graphs[1].params());
        assertTrue(diff < TOLERANCE, "parameters after 3 steps differ by " + diff);
        INDArray[] after0 = graphs[0].output(false, data.getFeatures(0));
        INDArray[] after1 = graphs[1].output(false, data.getFeatures(0));
        assertTrue(relativeDifference(after0[0], after1[0]) < TOLERANCE, "inference with updated running statistics");
    }

    @Test
    void aModelTrainedWithOneDnnRunsWithoutIt() throws Exception {
        NetworkConfig config = config(65);
        ComputationGraph[] graphs = pair(config);
        MultiDataSet data = batch(config, 2);
        graphs[1].fit(data);
        ByteArrayOutputStream saved = new ByteArrayOutputStream();
        ModelSerializer.writeModel(graphs[1], saved, false);
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(
                new ByteArrayInputStream(saved.toByteArray()), false);
        INDArray expected = graphs[1].output(false, data.getFeatures(0))[0];
        INDArray actual = restored.output(false, data.getFeatures(0))[0];
        assertTrue(relativeDifference(expected, actual) < TOLERANCE);
    }

    @Test
    void disabledByTheProperty() {
        System.setProperty(OneDnnAcceleration.PROPERTY, "false");
        try {
            ComputationGraph graph = DenseRegNetworkFactory.build(config(65));
            assertEquals(0, OneDnnAcceleration.install(graph));
            assertTrue(OneDnnAcceleration.unavailableReason().contains(OneDnnAcceleration.PROPERTY));
        } finally {
            System.clearProperty(OneDnnAcceleration.PROPERTY);
        }
    }
}
