package org.densereg.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The acceleration hook as its callers see it: which implementation is chosen, the "none" fallback when oneDNN is
 * switched off, and that {@link Accelerator#portable} always gives a graph of standard layers only.
 */
class AcceleratorsTest {

    private static final String ONEDNN_PROPERTY = "densereg.onednn";
    private static final String ACCELERATED_PACKAGE = "org.densereg.network.onednn";

    /** The layer configurations of the graph that come from an implementation's package (fused layers). */
    private static List<String> acceleratedLayers(ComputationGraphConfiguration conf) {
        return conf.getVertices().values().stream()
                .filter(v -> v instanceof LayerVertex lv && lv.getLayerConf() != null
                        && lv.getLayerConf().getLayer().getClass().getPackageName().equals(ACCELERATED_PACKAGE))
                .map(v -> ((LayerVertex) v).getLayerConf().getLayer().getLayerName())
                .toList();
    }

    @Test
    void oneDnnIsInstalledAndChosenOnTheCpuBackend() {
        assertEquals(List.of("oneDNN"), Accelerators.installed().stream().map(Accelerator::name).toList());
        Accelerator active = Accelerators.active();
        assertEquals("oneDNN", active.name());
        assertNull(active.unavailableReason());
        assertTrue(active.description().startsWith("convolutions and batch norm"), active.description());
    }

    @Test
    void switchedOffTheHookIsNoneAndSaysWhy() {
        System.setProperty(ONEDNN_PROPERTY, "false");
        try {
            Accelerator none = Accelerators.active();
            assertEquals("none", none.name());
            assertNull(none.unavailableReason());
            assertEquals("oneDNN acceleration off: -D" + ONEDNN_PROPERTY + "=false", none.description());
            ComputationGraph graph = DenseRegNetworkFactory.build(DenseRegNetworkFactoryTest.tiny(17, 25, true));
            assertEquals(List.of(), acceleratedLayers(graph.getConfiguration()), "built without oneDNN: standard");
            assertSame(graph, none.accelerate(graph));
            assertSame(graph, none.portable(graph));
        } finally {
            System.clearProperty(ONEDNN_PROPERTY);
        }
    }

    /** A graph accelerated (fused) while oneDNN is on saves in standard form through either hook, on or off. */
    @Test
    void portableGivesStandardLayersWhicheverImplementationIsActive() {
        ComputationGraph fused = DenseRegNetworkFactory.build(DenseRegNetworkFactoryTest.tiny(17, 25, true));
        assertFalse(acceleratedLayers(fused.getConfiguration()).isEmpty(), "the factory's graph is accelerated");
        Nd4j.getRandom().setSeed(3);
        INDArray input = Nd4j.rand(DataType.FLOAT, 1, 3, 17, 25);
        INDArray expected = fused.output(input)[2];
        ComputationGraph portable = Accelerators.active().portable(fused);
        assertNotSame(fused, portable);
        assertEquals(List.of(), acceleratedLayers(portable.getConfiguration()));
        System.setProperty(ONEDNN_PROPERTY, "false");
        try {
            ComputationGraph viaNone = Accelerators.active().portable(fused);
            assertEquals(List.of(), acceleratedLayers(viaNone.getConfiguration()));
            assertEquals(portable.getConfiguration().toJson(), viaNone.getConfiguration().toJson());
            assertEquals(0.0, expected.sub(viaNone.output(input)[2]).amaxNumber().doubleValue(), 1e-5);
        } finally {
            System.clearProperty(ONEDNN_PROPERTY);
        }
    }
}
