package org.densereg.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * The single-pass float32 terms ({@code fillFloatTerms}) against the array-operation terms, which run for double
 * data and are the ones the finite-difference checks of {@link PixelLossTest} cover.
 */
class FloatLossPathTest {

    private static final int N = 2;
    private static final int C = 5;
    private static final int H = 67;
    private static final int W = 71; // 9514 pixel rows: more than one parallel range

    private static INDArray classLabels() {
        INDArray y = Nd4j.zeros(DataType.DOUBLE, N, C, H, W);
        java.util.Random random = new java.util.Random(3);
        for (int n = 0; n < N; n++) {
            for (int i = 0; i < H; i++) {
                for (int j = 0; j < W; j++) {
                    y.putScalar(new long[] {n, random.nextInt(C), i, j}, 1.0);
                }
            }
        }
        return y;
    }

    /** Values in [0, 1) with about a third replaced by −1 (not supervised). */
    private static INDArray partlySupervisedLabels(long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray y = Nd4j.rand(DataType.DOUBLE, N, C, H, W);
        INDArray drop = Nd4j.rand(DataType.DOUBLE, N, C, H, W);
        y.putWhereWithMask(drop.lt(0.33), Nd4j.scalar(-1.0));
        return y;
    }

    private static INDArray output(long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.DOUBLE, N, C, H, W).muli(4).subi(2);
    }

    private static void assertSamePaths(PixelLoss loss, INDArray labels, INDArray pre) {
        for (boolean rows : List.of(false, true)) {
            INDArray y = rows ? PixelLoss.toRows(labels) : labels;
            INDArray x = rows ? PixelLoss.toRows(pre) : pre;
            double expectedScore = loss.computeScore(y, x, new ActivationIdentity(), null, false);
            INDArray expectedGrad = loss.computeGradient(y, x, new ActivationIdentity(), null);
            INDArray yf = y.castTo(DataType.FLOAT);
            INDArray xf = x.castTo(DataType.FLOAT);
            double score = loss.computeScore(yf, xf, new ActivationIdentity(), null, false);
            INDArray grad = loss.computeGradient(yf, xf, new ActivationIdentity(), null).castTo(DataType.DOUBLE);
            assertEquals(expectedScore, score, 1e-5 * Math.abs(expectedScore), loss.name() + " score");
            double scale = expectedGrad.amaxNumber().doubleValue();
            double worst = expectedGrad.sub(grad).amaxNumber().doubleValue();
            assertTrue(worst <= 1e-5 * scale, loss.name() + " gradient differs by " + worst + " (max " + scale + ")");
        }
    }

    /** The [N, C, H, W] path against the array-operation terms in double precision. */
    private static void assertSameNchwPath(PixelLoss loss, INDArray labels, INDArray pre) {
        double expectedScore = loss.computeScore(labels, pre, new ActivationIdentity(), null, false);
        INDArray expectedGrad = loss.computeGradient(labels, pre, new ActivationIdentity(), null);
        INDArray grad = Nd4j.createUninitialized(DataType.FLOAT, pre.shape());
        OptionalDouble score = loss.gradientAndScoreNchw(labels.castTo(DataType.FLOAT), pre.castTo(DataType.FLOAT),
                grad);
        assertTrue(score.isPresent(), loss.name() + " has an NCHW path");
        assertEquals(expectedScore, score.getAsDouble(), 1e-5 * Math.abs(expectedScore), loss.name() + " score");
        double scale = expectedGrad.amaxNumber().doubleValue();
        double worst = expectedGrad.sub(grad.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
        assertTrue(worst <= 1e-5 * scale, loss.name() + " gradient differs by " + worst + " (max " + scale + ")");
    }

    @Test
    void crossEntropy() {
        assertSamePaths(new BinCrossEntropyLoss(0.7, H * W), classLabels(), output(1));
    }

    @Test
    void nchwPathsMatchTheArrayTerms() {
        // soft labels, some rows all zero: Σy ≠ 1 exercises the p·Σy − y form of the gradient
        INDArray soft = classLabels().muli(Nd4j.rand(DataType.DOUBLE, N, 1, H, W).muli(1.5));
        assertSameNchwPath(new BinCrossEntropyLoss(0.7, H * W), soft, output(7).muli(3));
        assertSameNchwPath(new BinResidualSmoothL1Loss(1.3, H * W), partlySupervisedLabels(8), output(9));
        assertSameNchwPath(new MaskedHeatmapMseLoss(0.9, H * W), partlySupervisedLabels(10), output(11));
    }

    @Test
    void nchwPathRefusesWhatItCannotRead() {
        INDArray labels = classLabels().castTo(DataType.FLOAT);
        INDArray pre = output(12).castTo(DataType.FLOAT);
        INDArray grad = Nd4j.zeros(DataType.FLOAT, N, C, H, W);
        BinCrossEntropyLoss loss = new BinCrossEntropyLoss(1, H * W);
        assertTrue(loss.gradientAndScoreNchw(labels, pre.dup('f'), grad).isEmpty(), "column-major output");
        assertTrue(loss.gradientAndScoreNchw(labels.castTo(DataType.DOUBLE), pre, grad).isEmpty(), "double labels");
        assertTrue(loss.gradientAndScoreNchw(PixelLoss.toRows(labels), PixelLoss.toRows(pre),
                grad.reshape(N * H * W, C)).isEmpty(), "rank 2");
        assertEquals(0.0, grad.amaxNumber().doubleValue(), "the gradient array is untouched");
    }

    @Test
    void residualSmoothL1IncludingLargeErrors() {
        assertSamePaths(new BinResidualSmoothL1Loss(1.3, H * W), partlySupervisedLabels(2), output(3));
    }

    @Test
    void heatmapMse() {
        assertSamePaths(new MaskedHeatmapMseLoss(0.9, H * W), partlySupervisedLabels(4), output(5));
    }

    @Test
    void noSupervisedElementGivesZeroScoreAndGradient() {
        INDArray labels = Nd4j.valueArrayOf(new long[] {N, C, H, W}, -1f, DataType.FLOAT);
        INDArray pre = output(6).castTo(DataType.FLOAT);
        for (PixelLoss loss : List.of(new BinResidualSmoothL1Loss(1, H * W), new MaskedHeatmapMseLoss(1, H * W))) {
            assertEquals(0.0, loss.computeScore(labels, pre, new ActivationIdentity(), null, false));
            assertEquals(0.0, loss.computeGradient(labels, pre, new ActivationIdentity(), null)
                    .amaxNumber().doubleValue());
        }
    }
}
