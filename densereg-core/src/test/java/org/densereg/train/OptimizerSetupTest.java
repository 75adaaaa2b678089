package org.densereg.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.learning.regularization.WeightDecay;

class OptimizerSetupTest {

    private static BaseLayer layer(ComputationGraph g, String name) {
        return (BaseLayer) ((LayerVertex) g.getConfiguration().getVertices().get(name)).getLayerConf().getLayer();
    }

    @Test
    void sgdWithMomentumIsNesterovWithScheduleAndDecayOnWeightsOnly() {
        var cfg = new OptimizerConfig("sgd", 0.02, 0.9, 5e-4, "poly", 0.9, 1, 1, 0.9, 0.999, 1e-8);
        ComputationGraph original = TinyGraphs.dense(3);
        ComputationGraph g = OptimizerSetup.apply(original, cfg, 1000);
        assertNotSame(original, g);
        assertEquals(original.params(), g.params());
        Nesterovs n = assertInstanceOf(Nesterovs.class, layer(g, "hidden").getIUpdater());
        assertEquals(0.9, n.getMomentum(), 0);
        assertEquals(0.02 * Math.pow(0.5, 0.9), n.getLearningRate(500, 0), 1e-12);
        var decay = layer(g, "hidden").getRegularization();
        assertEquals(1, decay.size());
        assertEquals(5e-4, ((WeightDecay) decay.get(0)).getCoeff().valueAt(0, 0), 0);
        assertTrue(layer(g, "hidden").getRegularizationBias().isEmpty());
        assertTrue(layer(g, "bn").getRegularization().isEmpty());
        // the original graph keeps its own updater
        assertInstanceOf(Sgd.class, layer(original, "hidden").getIUpdater());
    }

    @Test
    void zeroMomentumIsPlainSgd() {
        var cfg = new OptimizerConfig("sgd", 0.1, 0.0, 0.0, "constant", 0.9, 1, 1, 0.9, 0.999, 1e-8);
        assertInstanceOf(Sgd.class, OptimizerSetup.updater(cfg, 10));
        ComputationGraph g = OptimizerSetup.apply(TinyGraphs.dense(3), cfg, 10);
        assertTrue(layer(g, "hidden").getRegularization().isEmpty());
    }
}
