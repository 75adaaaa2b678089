package org.densereg.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.densereg.loss.BinCrossEntropyLoss;
import org.densereg.loss.BinResidualSmoothL1Loss;
import org.densereg.loss.MaskedHeatmapMseLoss;
import org.densereg.quantize.BodyPartCodec;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

class BodyNetworkFactoryTest {

    /** ResNet-18 at 1/32 width, 12 parts, 14 heatmap channels. */
    private static NetworkConfig tiny(boolean full) {
        return new NetworkConfig(18, 1.0 / 32, 12, 17, 17, 14, 1.0, 1.0, 1.0, full, 7L);
    }

    @Test
    void bodyHeadsHavePartsPlusOneChannelsAndAHeatmapHead() {
        assertEquals(List.of("part", "u", "v", "heatmap"), BodyNetworkFactory.outputNames(tiny(true)));
        assertEquals(List.of("part", "u", "v"), BodyNetworkFactory.outputNames(tiny(true).withHeatmapChannels(0)));
        Nd4j.getRandom().setSeed(1);
        INDArray input = Nd4j.rand(DataType.FLOAT, 2, 3, 17, 17);
        INDArray[] out = BodyNetworkFactory.build(tiny(true)).output(input);
        assertEquals(4, out.length);
        for (int k = 0; k < 3; k++) {
            assertArrayEquals(new long[] {2, 13, 17, 17}, out[k].shape());
        }
        assertArrayEquals(new long[] {2, 14, 17, 17}, out[3].shape());
        INDArray[] strided = BodyNetworkFactory.build(tiny(false)).output(input);
        assertArrayEquals(new long[] {2, 13, 3, 3}, strided[0].shape());
    }

    @Test
    void networkScoreIsTheSumOfTheDocumentedLossesAndZeroWeightsTrainNothing() {
        NetworkConfig config = new NetworkConfig(18, 1.0 / 32, 12, 17, 17, 14, 0.5, 2.0, 3.0, true, 7L);
        ComputationGraph graph = BodyNetworkFactory.build(config, new Adam(1e-2), 0.0);
        Nd4j.getRandom().setSeed(2);
        INDArray input = Nd4j.rand(DataType.FLOAT, 2, 3, 17, 17);
        java.util.Random random = new java.util.Random(4);
        int n = 2 * 17 * 17;
        byte[] parts = new byte[n];
        float[] u = new float[n];
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            parts[i] = (byte) (random.nextFloat() < 0.4 ? 0 : 1 + random.nextInt(12));
            u[i] = random.nextFloat();
            v[i] = random.nextFloat();
        }
        INDArray[] dense = new BodyPartCodec(12).encode(2, 17, 17, parts, u, v);
        INDArray heat = Nd4j.rand(DataType.FLOAT, 2, 14, 17, 17);
        heat.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0), org.nd4j.linalg.indexing.NDArrayIndex.point(3))
                .assign(-1);
        MultiDataSet data = new MultiDataSet(new INDArray[] {input}, new INDArray[] {dense[0], dense[1], dense[2], heat});
        INDArray[] out = graph.output(false, input);
        ActivationIdentity id = new ActivationIdentity();
        double expected = new BinCrossEntropyLoss(0.5, 0).computeScore(dense[0], out[0], id, null, true)
                + new BinResidualSmoothL1Loss(2.0, 0).computeScore(dense[1], out[1], id, null, true)
                + new BinResidualSmoothL1Loss(2.0, 0).computeScore(dense[2], out[2], id, null, true)
                + new MaskedHeatmapMseLoss(3.0, 0).computeScore(heat, out[3], id, null, true);
        assertEquals(expected, graph.score(data, false), 1e-4 * expected);

        NetworkConfig heatmapOnly = new NetworkConfig(18, 1.0 / 32, 12, 17, 17, 14, 0, 0, 1.0, true, 7L);
        ComputationGraph h = BodyNetworkFactory.build(heatmapOnly, new Adam(1e-2), 0.0);
        INDArray before = h.getLayer("part_head").params().dup();
        INDArray uBefore = h.getLayer("u_head").params().dup();
        INDArray heatBefore = h.getLayer("heatmap_head").params().dup();
        h.fit(data);
        assertEquals(before, h.getLayer("part_head").params());
        assertEquals(uBefore, h.getLayer("u_head").params());
        assertTrue(h.getLayer("heatmap_head").params().sub(heatBefore).norm2Number().doubleValue() > 0);
    }
}
