package org.densereg.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.densereg.data.mpii.MpiiEvalGroundTruth;
import org.densereg.data.mpii.MpiiJoint;
import org.junit.jupiter.api.Test;

class MpiiPckhTest {

    /** Two persons; head box (0,0)–(3,4): diagonal 5, head size 0.6·5 = 3 px. Person 2 lacks its left ankle. */
    static MpiiEvalGroundTruth gt() {
        double[] pos = new double[64];
        for (int i = 0; i < 64; i++) {
            pos[i] = 10 + i;
        }
        boolean[] missing = new boolean[32];
        missing[16 + MpiiJoint.LEFT_ANKLE.ordinal()] = true;
        return new MpiiEvalGroundTruth(pos, missing, new double[] {0, 0, 3, 4, 0, 0, 3, 4});
    }

    @Test
    void boundaryMissingJointsAndWeightedMeanByHand() {
        MpiiEvalGroundTruth g = gt();
        double[] p = g.positions();
        // person 1 head top off by 1.5 px = 0.5 head (exactly the threshold); person 1 right wrist off by 3 px (1.0)
        p[(MpiiJoint.HEAD_TOP.ordinal()) * 2] += 1.5;
        p[(MpiiJoint.RIGHT_WRIST.ordinal()) * 2 + 1] += 3;
        // person 2 left ankle (missing) far off: must not count; pelvis far off: excluded from the mean
        p[(16 + MpiiJoint.LEFT_ANKLE.ordinal()) * 2] += 1000;
        p[(16 + MpiiJoint.PELVIS.ordinal()) * 2] += 1000;
        MpiiPckh.Result lt = MpiiPckh.evaluate(g, p, 0.5, Comparison.LESS_THAN, 0.5, 50);
        assertEquals(1, lt.jointCounts()[MpiiJoint.LEFT_ANKLE.ordinal()]);
        assertEquals(100.0, lt.perJoint()[MpiiJoint.LEFT_ANKLE.ordinal()]);
        assertEquals(50.0, lt.perJoint()[MpiiJoint.HEAD_TOP.ordinal()], "'<': error exactly 0.5 is wrong");
        assertEquals(50.0, lt.perJoint()[MpiiJoint.PELVIS.ordinal()]);
        // 14 joints: 27 annotated joints, 25 correct (head top and right wrist of person 1 wrong)
        assertEquals(100.0 * 25 / 27, lt.mean(), 1e-12);
        // unweighted: 12 joints at 100, head 50, wrist 50 → (1200 + 100) / 14
        assertEquals(1300.0 / 14, lt.unweightedMean(), 1e-12);
        assertEquals(75.0, lt.groups()[3], 1e-12); // wrist: (left 100 + right 50) / 2
        MpiiPckh.Result le = MpiiPckh.evaluate(g, p, 0.5, Comparison.LESS_OR_EQUAL, 0.5, 50);
        assertEquals(100.0, le.perJoint()[MpiiJoint.HEAD_TOP.ordinal()], "'<=': error exactly 0.5 is correct");
        assertEquals(100.0 * 26 / 27, le.mean(), 1e-12);
        assertTrue(Double.isNaN(le.normalisedErrors()[16 + MpiiJoint.LEFT_ANKLE.ordinal()]));
        assertEquals(51, le.curveThresholds().length);
        assertEquals(le.mean(), le.curveMean()[50], 1e-12);
    }
}
