package org.densereg.network.onednn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.densereg.network.DenseRegNetworkFactory;
import org.densereg.network.NetworkConfig;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/** The fused layers' weight decay: DL4J's update, and a score equal to coeff · ½ · Σ w² computed exactly. */
class DotScoredWeightDecayTest {

    /** A view of a larger array, as DL4J's parameters are, [64, 32, 3, 3]. */
    private static INDArray weights() {
        Nd4j.getRandom().setSeed(5);
        INDArray flat = Nd4j.rand(DataType.FLOAT, 1, 20000 + 64 * 32 * 9).subi(0.5);
        return flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(20000, 20000 + 64 * 32 * 9))
                .reshape('c', 64, 32, 3, 3);
    }

    @Test
    void scoreIsHalfTheCoefficientTimesTheSumOfSquares() {
        INDArray w = weights();
        INDArray d = w.castTo(DataType.DOUBLE);
        double exact = d.mul(d).sumNumber().doubleValue();
        WeightDecay decay = new WeightDecay(new ExponentialSchedule(ScheduleType.ITERATION, 3e-4, 0.9), true);
        DotScoredWeightDecay dotScored = new DotScoredWeightDecay(decay);
        double coeff = 3e-4 * Math.pow(0.9, 7);
        assertEquals(coeff * 0.5 * exact, dotScored.score(w, 7, 0), 1e-6 * coeff * exact);
        assertEquals(decay.score(w, 7, 0), dotScored.score(w, 7, 0), 1e-3 * coeff * exact, "DL4J's own score");
        // not plain: DL4J's own computation
        INDArray columnMajor = w.dup('f');
        assertEquals(decay.score(columnMajor, 7, 0), dotScored.score(columnMajor, 7, 0));
    }

    @Test
    void updateIsDl4jsWeightDecay() {
        WeightDecay decay = new WeightDecay(1e-3, true);
        INDArray w = weights();
        INDArray expected = Nd4j.rand(DataType.FLOAT, w.shape());
        INDArray actual = expected.dup();
        decay.apply(w, expected, 0.1, 3, 0);
        new DotScoredWeightDecay(decay).apply(w, actual, 0.1, 3, 0);
        assertEquals(expected, actual);
        assertEquals(Regularization.ApplyStep.POST_UPDATER, new DotScoredWeightDecay(decay).applyStep());
    }

    @Test
    void fusedLayersHandItOutForTheirWeightsOnly() {
        NetworkConfig config = NetworkConfig.defaults().withInputSize(41, 41).withWidthMultiplier(0.125);
        ComputationGraphConfiguration fused = BlockFusion.fusedConfiguration(
                DenseRegNetworkFactory.configuration(config, new Sgd(0.1), 1e-4));
        BaseLayer block = fused.getVertices().values().stream()
                .filter(v -> v instanceof LayerVertex lv && lv.getLayerConf().getLayer() instanceof ResidualBlockLayer)
                .map(v -> (BaseLayer) ((LayerVertex) v).getLayerConf().getLayer()).findFirst().orElseThrow();
        List<Regularization> weights = block.getRegularizationByParam("a" + FusedParams.WEIGHTS);
        assertEquals(1, weights.size());
        assertInstanceOf(DotScoredWeightDecay.class, weights.get(0));
        assertEquals(1e-4, ((WeightDecay) weights.get(0)).getCoeff().valueAt(0, 0), 1e-12);
        assertEquals(WeightDecay.class, block.getRegularization().get(0).getClass(),
                "the configuration keeps DL4J's class");
        List<Regularization> gamma = block.getRegularizationByParam("a" + FusedParams.GAMMA);
        assertTrue(gamma == null || gamma.stream().noneMatch(r -> r instanceof DotScoredWeightDecay));
    }
}
