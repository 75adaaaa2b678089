package org.densereg.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.densereg.data.lsp.LspJoint;
import org.junit.jupiter.api.Test;

class HeadSegmentPckhTest {

    /**
     * Person 0: head top (0, 0), neck (0, 10): head size 10; every prediction 4 px off (e = 0.4) but the right
     * ankle's, 5 px off (e = 0.5, a miss with {@code <}, a hit with {@code ≤}). Person 1: head size 20, left wrist not
     * annotated, every prediction 15 px off (e = 0.75). Person 2: no head top, left out.
     */
    @Test
    void handComputedCase() {
        int jn = LspJoint.COUNT;
        double[] truth = new double[3 * jn * 2];
        double[] pred = new double[truth.length];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < jn; j++) {
                truth[(i * jn + j) * 2] = 100 * i + 3 * j;
                truth[(i * jn + j) * 2 + 1] = 50 + j;
            }
        }
        set(truth, 0, LspJoint.HEAD_TOP, 0, 0);
        set(truth, 0, LspJoint.NECK, 0, 10);
        set(truth, 1, LspJoint.HEAD_TOP, 100, 0);
        set(truth, 1, LspJoint.NECK, 100, 20);
        set(truth, 1, LspJoint.LEFT_WRIST, Double.NaN, Double.NaN);
        set(truth, 2, LspJoint.HEAD_TOP, Double.NaN, Double.NaN);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < jn; j++) {
                double off = i == 0 ? (j == LspJoint.RIGHT_ANKLE.ordinal() ? 5 : 4) : 15;
                pred[(i * jn + j) * 2] = truth[(i * jn + j) * 2] + off;
                pred[(i * jn + j) * 2 + 1] = truth[(i * jn + j) * 2 + 1];
            }
        }
        HeadSegmentPckh.Result lt = HeadSegmentPckh.evaluate(truth, pred, 0.5, Comparison.LESS_THAN);
        assertEquals(1, lt.skippedPersons());
        assertEquals(100.0 * 13 / 27, lt.mean(), 1e-9);
        assertEquals(0, lt.perJoint()[LspJoint.RIGHT_ANKLE.ordinal()], 0);
        assertEquals(100, lt.perJoint()[LspJoint.LEFT_WRIST.ordinal()], 0);
        assertEquals(1, lt.jointCounts()[LspJoint.LEFT_WRIST.ordinal()]);
        assertEquals(50, lt.perJoint()[LspJoint.NECK.ordinal()], 0);
        // Head (head top), Shoulder, Elbow, Wrist, Hip, Knee, Ankle
        assertArrayEquals(new double[] {50, 50, 50, 75, 50, 50, 25}, lt.groups(), 1e-9);
        HeadSegmentPckh.Result le = HeadSegmentPckh.evaluate(truth, pred, 0.5, Comparison.LESS_OR_EQUAL);
        assertEquals(100.0 * 14 / 27, le.mean(), 1e-9);
    }

    @Test
    void aNonFinitePredictionIsAMissAndLengthsMustAgree() {
        double[] truth = new double[28];
        for (int k = 0; k < 28; k++) {
            truth[k] = k;
        }
        double[] pred = truth.clone();
        Arrays.fill(pred, 0, 2, Double.NaN);
        HeadSegmentPckh.Result r = HeadSegmentPckh.evaluate(truth, pred, 0.5, Comparison.LESS_THAN);
        assertEquals(100.0 * 13 / 14, r.mean(), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> HeadSegmentPckh.evaluate(truth, new double[26], 0.5,
                Comparison.LESS_THAN));
    }

    private static void set(double[] xy, int person, LspJoint joint, double x, double y) {
        xy[(person * LspJoint.COUNT + joint.ordinal()) * 2] = x;
        xy[(person * LspJoint.COUNT + joint.ordinal()) * 2 + 1] = y;
    }
}
