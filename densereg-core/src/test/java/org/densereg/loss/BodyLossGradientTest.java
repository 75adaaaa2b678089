package org.densereg.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.densereg.quantize.BodyPartCodec;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The body losses reuse the face losses with the body codec's targets: gradient checks on body-shaped labels. */
class BodyLossGradientTest {

    private static final int N = 2;
    private static final int P = 4;
    private static final int H = 3;
    private static final int W = 3;

    private static INDArray[] labels() {
        Random random = new Random(9);
        int n = N * H * W;
        byte[] parts = new byte[n];
        float[] u = new float[n];
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            parts[i] = (byte) (i % 3 == 0 ? 0 : 1 + random.nextInt(P));
            u[i] = random.nextFloat();
            v[i] = random.nextFloat();
        }
        INDArray[] out = new BodyPartCodec(P).encode(N, H, W, parts, u, v);
        for (int k = 0; k < out.length; k++) {
            out[k] = out[k].castTo(DataType.DOUBLE);
        }
        return out;
    }

    private static void check(PixelLoss loss, INDArray labels, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray pre = Nd4j.randn(DataType.DOUBLE, N, P + 1, H, W).muli(1.5);
        ActivationIdentity id = new ActivationIdentity();
        INDArray analytic = loss.computeGradient(labels, pre, id, null);
        double eps = 1e-6;
        double maxError = 0;
        for (long i = 0; i < pre.length(); i++) {
            double original = pre.getDouble(i);
            pre.putScalar(i, original + eps);
            double plus = loss.computeScore(labels, pre, id, null, false);
            pre.putScalar(i, original - eps);
            double minus = loss.computeScore(labels, pre, id, null, false);
            pre.putScalar(i, original);
            double numeric = (plus - minus) / (2 * eps);
            double a = analytic.getDouble(i);
            maxError = Math.max(maxError, Math.abs(numeric - a) / Math.max(1e-3, Math.abs(numeric) + Math.abs(a)));
        }
        assertTrue(maxError < 1e-5, loss.name() + " max relative gradient error " + maxError);
    }

    @Test
    void partCrossEntropyAndPerPartSmoothL1GradientsInDouble() {
        INDArray[] y = labels();
        check(new BinCrossEntropyLoss(1.0, H * W), y[0], 1);
        check(new BinResidualSmoothL1Loss(1.0, H * W), y[1], 2);
        check(new BinResidualSmoothL1Loss(0.5, H * W), y[2], 3);
    }

    @Test
    void onlyTheTruePartChannelOfForegroundPixelsIsSupervised() {
        INDArray[] y = labels();
        INDArray supervised = y[1].gte(0.0).castTo(DataType.DOUBLE);
        // one supervised channel per foreground pixel, none on background
        INDArray perPixel = supervised.sum(1);
        INDArray foreground = y[0].get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.point(0)).rsub(1.0);
        assertEquals(foreground, perPixel);
        // a pure offset of a non-supervised channel changes nothing
        INDArray pre = Nd4j.zeros(DataType.DOUBLE, N, P + 1, H, W);
        ActivationIdentity id = new ActivationIdentity();
        BinResidualSmoothL1Loss loss = new BinResidualSmoothL1Loss(1.0, H * W);
        double base = loss.computeScore(y[1], pre, id, null, true);
        pre.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(0)).addi(5);
        assertEquals(base, loss.computeScore(y[1], pre, id, null, true), 1e-12);
    }
}
