package org.densereg.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.densereg.data.lsp.LspJoint;
import org.densereg.data.lsp.LspJoints;
import org.densereg.data.lsp.LspLayout;
import org.junit.jupiter.api.Test;

class LspPckTest {

    /** Two images, torso (left shoulder – right hip) = 20 px in both. */
    static LspJoints gt() {
        double[] xy = new double[56];
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 14; j++) {
                xy[(i * 14 + j) * 2] = 3 * j + 100 * i;
                xy[(i * 14 + j) * 2 + 1] = j;
            }
            int ls = (i * 14 + LspJoint.LEFT_SHOULDER.ordinal()) * 2;
            int rh = (i * 14 + LspJoint.RIGHT_HIP.ordinal()) * 2;
            xy[ls] = 10 + 100 * i;
            xy[ls + 1] = 0;
            xy[rh] = 10 + 100 * i;
            xy[rh + 1] = 20;
        }
        boolean[] vis = new boolean[28];
        Arrays.fill(vis, true);
        return new LspJoints(1, xy, vis, LspLayout.ORIGINAL_3x14xN);
    }

    static LspJoints shifted(LspJoints g, int image, int joint, double dx, double dy) {
        double[] xy = g.xy();
        xy[(image * 14 + joint) * 2] += dx;
        xy[(image * 14 + joint) * 2 + 1] += dy;
        return new LspJoints(g.firstImage(), xy, g.visible(), LspLayout.XY_2x14xN);
    }

    @Test
    void groundTruthAgainstItselfIs100() {
        LspPck.Result r = LspPck.evaluate(gt(), gt(), 0.2, Comparison.LESS_OR_EQUAL, 20);
        assertEquals(100.0, r.mean());
        assertEquals(100.0, r.auc(), 1e-12, "'<=': exact joints count at t = 0, the curve is 100 everywhere");
        LspPck.Result strict = LspPck.evaluate(gt(), gt(), 0.2, Comparison.LESS_THAN, 20);
        assertEquals(100.0 - 100.0 / 40, strict.auc(), 1e-12, "'<': 0 at t = 0, 100 after: AUC = 100 − half a step");
    }

    @Test
    void boundaryAndFailureByHand() {
        // image 2: right ankle off by 4 px = 0.2 torso (boundary), right knee off by 5 px (3, 4) = 0.25 torso
        LspJoints p = shifted(shifted(gt(), 1, 0, 4, 0), 1, 1, 3, 4);
        LspPck.Result le = LspPck.evaluate(gt(), p, 0.2, Comparison.LESS_OR_EQUAL, 20);
        assertEquals(100.0, le.perJoint()[0]);
        assertEquals(50.0, le.perJoint()[1]);
        assertEquals(100.0 * 27 / 28, le.mean(), 1e-12);
        // groups: Head, Shoulder, Elbow, Wrist, Hip, Knee, Ankle
        assertArrayEquals(new double[] {100, 100, 100, 100, 100, 75, 100}, le.groups(), 1e-12);
        LspPck.Result lt = LspPck.evaluate(gt(), p, 0.2, Comparison.LESS_THAN, 20);
        assertEquals(50.0, lt.perJoint()[0]);
        assertEquals(100.0 * 26 / 28, lt.mean(), 1e-12);
        assertEquals(75.0, lt.groups()[6], 1e-12);
        assertEquals(0.25, le.normalisedErrors()[14 + 1], 1e-15);
    }
}
