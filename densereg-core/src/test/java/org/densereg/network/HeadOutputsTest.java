package org.densereg.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.densereg.bench.NetworkBenchmark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

class HeadOutputsTest {

    private static INDArray[] detached(INDArray[] outputs) {
        INDArray[] copies = new INDArray[outputs.length];
        for (int i = 0; i < outputs.length; i++) {
            copies[i] = outputs[i].detach();
        }
        return copies;
    }

    private static NetworkConfig tiny(boolean full) {
        return new NetworkConfig(18, 1.0 / 32, 4, 17, 25, 3, 1.0, 1.0, 1.0, full, 7L);
    }

    @Test
    void readsTheLayerBeforeEachIdentityLoss() {
        assertEquals(List.of("u_class_up", "v_class_up", "u_residual_up", "v_residual_up", "heatmap_up"),
                HeadOutputs.vertexNames(DenseRegNetworkFactory.build(tiny(true))));
        assertEquals(List.of("u_class_head", "v_class_head", "u_residual_head", "v_residual_head", "heatmap_head"),
                HeadOutputs.vertexNames(DenseRegNetworkFactory.build(tiny(false))));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void equalsTheFullForwardPass(boolean full) {
        for (ComputationGraph graph : List.of(DenseRegNetworkFactory.build(tiny(full)),
                BodyNetworkFactory.build(tiny(full)))) {
            Nd4j.getRandom().setSeed(5);
            INDArray input = Nd4j.rand(DataType.FLOAT, 2, 3, 17, 25);
            INDArray[] expected = graph.output(false, input);
            INDArray[] actual = HeadOutputs.read(graph, input, HeadOutputsTest::detached);
            assertEquals(expected.length, actual.length);
            for (int i = 0; i < expected.length; i++) {
                assertArrayEquals(expected[i].shape(), actual[i].shape());
                assertEquals(expected[i], actual[i], "output " + i);
            }
        }
    }

    /** The companion graph shares the parameters: after training steps on the graph, read still equals output. */
    @Test
    void readSeesTheGraphsCurrentParametersAndStatistics() {
        NetworkConfig config = new NetworkConfig(18, 1.0 / 32, 4, 17, 25, 3, 1.0, 1.0, 1.0, true, 7L);
        ComputationGraph graph = DenseRegNetworkFactory.build(config);
        MultiDataSet data = NetworkBenchmark.randomBatch(config, 2);
        INDArray input = data.getFeatures(0);
        for (int step = 0; step < 3; step++) {
            INDArray[] expected = graph.output(false, input);
            INDArray[] actual = HeadOutputs.read(graph, input, HeadOutputsTest::detached);
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], actual[i], "step " + step + ", output " + i);
            }
            graph.fit(data);
        }
    }
}
