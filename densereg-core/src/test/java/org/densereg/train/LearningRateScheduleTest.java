package org.densereg.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.schedule.PolySchedule;
import org.nd4j.linalg.schedule.ScheduleType;

class LearningRateScheduleTest {

    @Test
    void polyDecaysToZeroLikeDeepLab() {
        var s = new LearningRateSchedule("poly", 0.01, 100, 0.9, 1, 1);
        assertEquals(0.01, s.at(0), 1e-15);
        assertEquals(0.01 * Math.pow(0.5, 0.9), s.at(50), 1e-15);
        assertEquals(0.0, s.at(100), 0);
        assertEquals(0.0, s.at(250), 0);
        assertEquals(s.at(37), s.valueAt(37, 5), 0);
    }

    @Test
    void constantAndStep() {
        assertEquals(0.3, new LearningRateSchedule("constant", 0.3, 10, 1, 1, 1).at(9999), 0);
        var step = new LearningRateSchedule("STEP", 1.0, 10, 1, 100, 0.1);
        assertEquals(1.0, step.at(99), 0);
        assertEquals(0.1, step.at(100), 1e-15);
        assertEquals(0.01, step.at(250), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> new LearningRateSchedule("cosine", 1, 10, 1, 1, 1));
    }

    /** Why this class exists: DL4J M2.1's PolySchedule grows instead of decaying. */
    @Test
    void dl4jPolyScheduleInM21GrowsWithIteration() {
        var dl4j = new PolySchedule(ScheduleType.ITERATION, 0.01, 0.9, 100);
        assertTrue(dl4j.valueAt(50, 0) > dl4j.valueAt(0, 0),
                "DL4J's PolySchedule decays now: LearningRateSchedule may no longer be needed");
    }

    @Test
    void survivesTheGraphConfigurationJsonRoundTrip() {
        var cfg = OptimizerConfig.defaults();
        var graph = OptimizerSetup.apply(TinyGraphs.dense(1), cfg, 400);
        String json = graph.getConfiguration().toJson();
        var back = ComputationGraphConfiguration.fromJson(json);
        var layer = (BaseLayer) ((LayerVertex) back.getVertices().get("hidden")).getLayerConf().getLayer();
        Adam adam = assertInstanceOf(Adam.class, layer.getIUpdater());
        assertEquals(LearningRateSchedule.of(cfg, 400), adam.getLearningRateSchedule());
        assertEquals(cfg.learningRate() * Math.pow(0.75, 0.9), adam.getLearningRate(100, 0), 1e-12);
    }
}
