package org.densereg.supervision.body;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.densereg.data.body.BodyJoints;
import org.densereg.data.lsp.LspJoint;
import org.densereg.data.mpii.MpiiJoint;
import org.junit.jupiter.api.Test;

class BodyJointsTest {

    /** MPII joint id k at (10k, 100 + k), visible except the left elbow. */
    private static double[] mpiiXy() {
        double[] xy = new double[32];
        for (int k = 0; k < 16; k++) {
            xy[2 * k] = 10 * k;
            xy[2 * k + 1] = 100 + k;
        }
        return xy;
    }

    @Test
    void mpiiJointsMapToLspOrder() {
        boolean[] vis = new boolean[16];
        Arrays.fill(vis, true);
        vis[MpiiJoint.LEFT_ELBOW.ordinal()] = false;
        BodyJoints j = BodyJoints.fromMpii(mpiiXy(), vis);
        int[] expected = {0, 1, 2, 3, 4, 5, 10, 11, 12, 13, 14, 15, -1, 9};
        for (LspJoint joint : LspJoint.values()) {
            int k = expected[joint.ordinal()];
            if (k >= 0) {
                assertEquals(10.0 * k, j.x(joint), joint.name());
                assertEquals(100.0 + k, j.y(joint), joint.name());
            }
        }
        // Neck = midpoint of thorax (7) and upper neck (8).
        assertEquals(75.0, j.x(LspJoint.NECK));
        assertEquals(107.5, j.y(LspJoint.NECK));
        assertTrue(j.occluded(LspJoint.LEFT_ELBOW));
        assertFalse(j.occluded(LspJoint.RIGHT_ELBOW));
    }

    @Test
    void mpiiNeckFallsBackAndMissingStaysMissing() {
        double[] xy = mpiiXy();
        xy[2 * MpiiJoint.THORAX.ordinal()] = Double.NaN;
        xy[2 * MpiiJoint.LEFT_ANKLE.ordinal() + 1] = Double.NaN;
        boolean[] vis = new boolean[16];
        Arrays.fill(vis, true);
        vis[MpiiJoint.UPPER_NECK.ordinal()] = false;
        BodyJoints j = BodyJoints.fromMpii(xy, vis);
        assertEquals(80.0, j.x(LspJoint.NECK));
        assertTrue(j.occluded(LspJoint.NECK));
        assertFalse(j.present(LspJoint.LEFT_ANKLE));
        assertEquals(13, j.presentCount());
        assertThrows(IllegalArgumentException.class, () -> BodyJoints.fromMpii(new double[28], new boolean[16]));
    }

    @Test
    void boundsAndTransformIgnoreMissingJoints() {
        BodyJoints j = Skeletons.with(Skeletons.upright(), LspJoint.LEFT_WRIST, Double.NaN, Double.NaN);
        assertTrue(Arrays.equals(new double[] {60, 18, 172, 285}, j.bounds()));
        BodyJoints t = j.scaleTranslate(2, 1, -1);
        assertEquals(121.0, t.x(LspJoint.RIGHT_SHOULDER));
        assertEquals(139.0, t.y(LspJoint.RIGHT_SHOULDER));
        assertFalse(t.present(LspJoint.LEFT_WRIST));
    }
}
