package org.densereg.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.Supplier;
import org.densereg.quantize.UvCodec;
import org.densereg.quantize.UvLabels;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class PixelLossTest {

    private static final int N = 2;
    private static final int C = 4;
    private static final int H = 3;
    private static final int W = 3;

    /** Ground-truth UV with some background, for K = 3 bins (C = 4 channels). */
    private static UvLabels labels() {
        Random random = new Random(11);
        double[] uv = new double[N * 2 * H * W];
        for (int i = 0; i < uv.length; i++) {
            uv[i] = random.nextDouble() < 0.3 ? -1 : random.nextDouble();
        }
        return new UvCodec(C - 1).encode(Nd4j.create(uv, new long[] {N, 2, H, W}, 'c'));
    }

    private static INDArray randomOutput(long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.DOUBLE, N, C, H, W).muli(3).subi(1);
    }

    private static INDArray heatmapLabels() {
        Nd4j.getRandom().setSeed(5);
        INDArray y = Nd4j.rand(DataType.DOUBLE, N, C, H, W);
        y.get(org.nd4j.linalg.indexing.NDArrayIndex.point(1), org.nd4j.linalg.indexing.NDArrayIndex.point(2))
                .assign(-1); // a missing landmark
        return y;
    }

    /** Central finite differences of computeScore(average=false) against computeGradient, in double. */
    private static void gradientCheck(PixelLoss loss, INDArray labels, INDArray pre, IActivation act) {
        INDArray analytic = loss.computeGradient(labels, pre, act, null);
        assertArrayEquals(pre.shape(), analytic.shape());
        double eps = 1e-6;
        double maxError = 0;
        for (long i = 0; i < pre.length(); i++) {
            double original = pre.getDouble(i);
            pre.putScalar(i, original + eps);
            double plus = loss.computeScore(labels, pre, act, null, false);
            pre.putScalar(i, original - eps);
            double minus = loss.computeScore(labels, pre, act, null, false);
            pre.putScalar(i, original);
            double numeric = (plus - minus) / (2 * eps);
            double a = analytic.getDouble(i);
            double error = Math.abs(numeric - a) / Math.max(1e-3, Math.abs(numeric) + Math.abs(a));
            maxError = Math.max(maxError, error);
        }
        assertTrue(maxError < 1e-5, loss.name() + " max relative gradient error " + maxError);
    }

    @Test
    void crossEntropyGradientRank4AndRank2() {
        INDArray y = labels().uClass().castTo(DataType.DOUBLE);
        gradientCheck(new BinCrossEntropyLoss(1.0, H * W), y, randomOutput(1), new ActivationIdentity());
        gradientCheck(new BinCrossEntropyLoss(0.7, H * W), PixelLoss.toRows(y), PixelLoss.toRows(randomOutput(2)),
                new ActivationIdentity());
    }

    @Test
    void residualGradientIncludingLargeErrors() {
        INDArray y = labels().uResidual().castTo(DataType.DOUBLE);
        gradientCheck(new BinResidualSmoothL1Loss(1.0, H * W), y, randomOutput(3), new ActivationIdentity());
        gradientCheck(new BinResidualSmoothL1Loss(2.0, H * W), PixelLoss.toRows(y), PixelLoss.toRows(randomOutput(4)),
                new ActivationSigmoid());
    }

    @Test
    void heatmapGradient() {
        gradientCheck(new MaskedHeatmapMseLoss(1.0, H * W), heatmapLabels(), randomOutput(6), new ActivationIdentity());
    }

    @Test
    void scoreIsWeightTimesUnitScore() {
        UvLabels l = labels();
        INDArray[] ys = {l.uClass(), l.uResidual(), heatmapLabels()};
        for (int k = 0; k < 3; k++) {
            int kind = k;
            Supplier<PixelLoss> unit = () -> make(kind, 1.0);
            PixelLoss weighted = make(kind, 2.5);
            INDArray y = ys[k].castTo(DataType.DOUBLE);
            INDArray pre = randomOutput(7 + k);
            IActivation id = new ActivationIdentity();
            double s1 = unit.get().computeScore(y, pre, id, null, true);
            assertEquals(2.5 * s1, weighted.computeScore(y, pre, id, null, true), 1e-12);
            INDArray g1 = unit.get().computeGradient(y, pre, id, null);
            INDArray g2 = weighted.computeGradient(y, pre, id, null);
            assertEquals(0.0, g2.sub(g1.mul(2.5)).amaxNumber().doubleValue(), 1e-12);
            assertTrue(s1 > 0);
        }
    }

    private static PixelLoss make(int kind, double weight) {
        return switch (kind) {
            case 0 -> new BinCrossEntropyLoss(weight, H * W);
            case 1 -> new BinResidualSmoothL1Loss(weight, H * W);
            default -> new MaskedHeatmapMseLoss(weight, H * W);
        };
    }

    @Test
    void normalisationMatchesHandComputedMeans() {
        IActivation id = new ActivationIdentity();
        UvLabels l = labels();
        // uniform logits: every pixel's cross-entropy is ln(C), so the mean over pixels is ln(C)
        INDArray zeros = Nd4j.zeros(DataType.DOUBLE, N, C, H, W);
        INDArray yc = l.uClass().castTo(DataType.DOUBLE);
        assertEquals(Math.log(C), new BinCrossEntropyLoss(1, H * W).computeScore(yc, zeros, id, null, true), 1e-12);
        assertEquals(N * Math.log(C), new BinCrossEntropyLoss(1, H * W).computeScore(yc, zeros, id, null, false), 1e-12);
        // rank-2 rows give the same numbers as rank-4
        assertEquals(Math.log(C), new BinCrossEntropyLoss(1, H * W)
                .computeScore(PixelLoss.toRows(yc), PixelLoss.toRows(zeros), id, null, true), 1e-12);
        // residual: output r + 0.1 on foreground -> every supervised pixel costs 0.5 * 0.01
        INDArray yr = l.uResidual().castTo(DataType.DOUBLE);
        INDArray valid = yr.gte(0.0).castTo(DataType.DOUBLE);
        INDArray pre = yr.add(valid.mul(0.1)).addi(valid.rsub(1.0).muli(5.0)); // unsupervised elements way off
        assertEquals(0.005, new BinResidualSmoothL1Loss(1, H * W).computeScore(yr, pre, id, null, true), 1e-12);
        // no foreground at all: zero loss and zero gradient
        INDArray none = Nd4j.valueArrayOf(new long[] {N, C, H, W}, -1.0, DataType.DOUBLE);
        assertEquals(0.0, new BinResidualSmoothL1Loss(1, H * W).computeScore(none, pre, id, null, true), 0);
        assertEquals(0.0, new BinResidualSmoothL1Loss(1, H * W).computeGradient(none, pre, id, null)
                .amaxNumber().doubleValue(), 0);
    }

    @Test
    void rejectsMismatchedShapesAndRowCounts() {
        IActivation id = new ActivationIdentity();
        INDArray a = Nd4j.zeros(DataType.DOUBLE, 10, C);
        assertThrows(IllegalArgumentException.class,
                () -> new BinCrossEntropyLoss(1, 9).computeScore(a, a, id, null, false));
        assertThrows(IllegalArgumentException.class,
                () -> new BinCrossEntropyLoss(1, 0).computeScore(a, Nd4j.zeros(DataType.DOUBLE, 10, 3), id, null, false));
        assertThrows(IllegalArgumentException.class, () -> new BinCrossEntropyLoss(-1, 9));
    }
}
