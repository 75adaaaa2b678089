package org.densereg.supervision.body;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.densereg.data.body.BodyJoints;
import org.densereg.data.lsp.LspJoint;
import org.junit.jupiter.api.Test;

class BodyPartModelTest {

    private static final int W = 200;
    private static final int H = 300;

    @Test
    void verticalArmHasUAlongBoneAndVAcross() {
        BodyMaps maps = BodyPartModel.render(Skeletons.upright(), W, H);
        // Shoulder (60, 70) → elbow (60, 130): u = (y − 70) / 60 on the bone, strictly increasing.
        float previous = -1;
        for (int y = 76; y <= 119; y++) {
            assertEquals(BodyPart.RIGHT_UPPER_ARM, maps.partAt(60, y), "y=" + y);
            float u = maps.u()[y * W + 60];
            assertEquals((y - 70) / 60.0, u, 1e-6, "y=" + y);
            assertTrue(u > previous);
            previous = u;
            assertEquals(0.5, maps.v()[y * W + 60], 1e-6);
        }
        // Across at y = 100: v grows towards the image left (the outer side of a right arm facing the camera).
        int y = 100;
        float last = -1;
        for (int x = 66; x >= 52; x--) {
            assertEquals(BodyPart.RIGHT_UPPER_ARM, maps.partAt(x, y), "x=" + x);
            float v = maps.v()[y * W + x];
            assertTrue(v > last, "x=" + x);
            last = v;
        }
        // T = max(torso length 95, 1.25 × shoulder width 80, 1.6 × head 44) = 100; radius at t = 0.5 is 11.5.
        double t = BodyPartModel.fit(Skeletons.upright()).torsoSize();
        assertEquals(100.0, t, 1e-9);
        assertEquals(BodyPart.RIGHT_UPPER_ARM, maps.partAt(50, 100));
        assertEquals(BodyPart.BACKGROUND, maps.partAt(48, 100));
        // Distal segment: the lower arm starts at u = 0 just below the elbow.
        assertEquals(BodyPart.RIGHT_LOWER_ARM, maps.partAt(60, 140));
        assertEquals(10 / 50.0, maps.u()[140 * W + 60], 1e-6);
    }

    @Test
    void torsoChartRunsFromShouldersToHipsAndRightToLeft() {
        BodyMaps maps = BodyPartModel.render(Skeletons.upright(), W, H);
        assertEquals(BodyPart.TORSO_FRONT, maps.partAt(100, 118));
        int i = 118 * W + 100;
        assertEquals(0.5, maps.v()[i], 1e-6);
        assertEquals(0.5, maps.u()[i], 0.02);
        // Person's right is the image left when facing the camera: v smaller there.
        assertTrue(maps.v()[118 * W + 85] < 0.5);
        assertTrue(maps.v()[118 * W + 115] > 0.5);
        assertTrue(maps.u()[90 * W + 100] < maps.u()[140 * W + 100]);
        assertEquals(BodyPart.HEAD_FRONT, maps.partAt(100, 40));
    }

    @Test
    void occludedLimbsGoBehindTheTorsoVisibleOnesInFront() {
        // Right forearm across the chest: elbow (60, 130) → wrist (130, 110).
        BodyJoints j = Skeletons.with(Skeletons.upright(), LspJoint.RIGHT_WRIST, 130, 110);
        BodyPartModel visible = BodyPartModel.fit(j);
        assertEquals(BodyPart.RIGHT_LOWER_ARM, visible.render(W, H).partAt(110, 116));
        List<BodyPart> order = visible.drawOrder();
        assertEquals(BodyPart.TORSO_FRONT, order.get(0));
        assertEquals(BodyPart.HEAD_FRONT, order.get(1));
        assertTrue(order.indexOf(BodyPart.RIGHT_UPPER_LEG) < order.indexOf(BodyPart.RIGHT_UPPER_ARM));
        assertTrue(order.indexOf(BodyPart.RIGHT_UPPER_ARM) < order.indexOf(BodyPart.RIGHT_LOWER_ARM));

        BodyPartModel hidden = BodyPartModel.fit(Skeletons.withVisible(j, LspJoint.RIGHT_WRIST, false));
        assertEquals(BodyPart.TORSO_FRONT, hidden.render(W, H).partAt(110, 116));
        assertEquals(BodyPart.RIGHT_LOWER_ARM, hidden.drawOrder().get(0));
        assertTrue(hidden.drawOrder().indexOf(BodyPart.TORSO_FRONT) > 0);
    }

    @Test
    void frontBackFollowsShoulderOrderAlongTheTorsoAxis() {
        BodyJoints front = Skeletons.upright();
        assertTrue(BodyPartModel.fit(front).facesCamera());
        // Back to the camera: same positions, left and right labels swapped (the person's left on the image left).
        BodyJoints back = front;
        for (LspJoint r : new LspJoint[] {LspJoint.RIGHT_SHOULDER, LspJoint.RIGHT_ELBOW, LspJoint.RIGHT_WRIST,
            LspJoint.RIGHT_HIP, LspJoint.RIGHT_KNEE, LspJoint.RIGHT_ANKLE}) {
            LspJoint l = r.mirror();
            double rx = back.x(r);
            double ry = back.y(r);
            back = Skeletons.with(Skeletons.with(back, r, back.x(l), back.y(l)), l, rx, ry);
        }
        BodyPartModel b = BodyPartModel.fit(back);
        assertFalse(b.facesCamera());
        BodyMaps maps = b.render(W, H);
        assertEquals(BodyPart.TORSO_BACK, maps.partAt(100, 118));
        assertEquals(BodyPart.HEAD_BACK, maps.partAt(100, 40));
        // v = 0 stays on the person's right, now the image right.
        assertTrue(maps.v()[118 * W + 115] < 0.5);
        // Upside down (rotated 180° about the image centre) still faces the camera.
        BodyJoints upsideDown = front.scaleTranslate(-1, W - 1, H - 1);
        assertTrue(BodyPartModel.fit(upsideDown).facesCamera());
    }

    @Test
    void missingJointsSkipTheirParts() {
        BodyJoints j = Skeletons.with(Skeletons.upright(), LspJoint.LEFT_WRIST, Double.NaN, Double.NaN);
        BodyPartModel m = BodyPartModel.fit(j);
        assertEquals(List.of(BodyPart.LEFT_LOWER_ARM), m.skipped());
        assertFalse(m.drawOrder().contains(BodyPart.LEFT_LOWER_ARM));
        BodyMaps maps = m.render(W, H);
        for (byte p : maps.parts()) {
            assertTrue(p != BodyPart.LEFT_LOWER_ARM.label());
        }
        BodyJoints noHip = Skeletons.with(Skeletons.upright(), LspJoint.RIGHT_HIP, Double.NaN, Double.NaN);
        assertEquals(List.of(BodyPart.TORSO_FRONT, BodyPart.RIGHT_UPPER_LEG), BodyPartModel.fit(noHip).skipped());
        BodyJoints noShoulder = Skeletons.with(Skeletons.upright(), LspJoint.LEFT_SHOULDER, Double.NaN, Double.NaN);
        BodyPartModel m2 = BodyPartModel.fit(noShoulder);
        assertEquals(List.of(BodyPart.TORSO_FRONT, BodyPart.LEFT_UPPER_ARM), m2.skipped());
        // T falls back to 1.6 × |head top − neck| = 70.4.
        assertEquals(70.4, m2.torsoSize(), 1e-9);
        double[] none = new double[28];
        java.util.Arrays.fill(none, Double.NaN);
        BodyPartModel empty = BodyPartModel.fit(new BodyJoints(none, new boolean[14]));
        assertTrue(empty.drawOrder().isEmpty());
        assertEquals(0, empty.render(10, 10).foregroundPixels());
    }

    @Test
    void horizontalFlipSwapsPartsKeepsLimbVAndMirrorsTorsoV() {
        BodyJoints j = Skeletons.upright();
        BodyMaps a = BodyPartModel.render(j, W, H);
        BodyMaps b = BodyPartModel.render(Skeletons.flip(j, W), W, H);
        int compared = 0;
        int mismatched = 0;
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                BodyPart pa = a.partAt(x, y);
                BodyPart pb = b.partAt(W - 1 - x, y);
                if (pa.mirror() != pb) {
                    mismatched++;
                    continue;
                }
                if (pa == BodyPart.BACKGROUND) {
                    continue;
                }
                compared++;
                int ia = y * W + x;
                int ib = y * W + (W - 1 - x);
                assertEquals(a.u()[ia], b.u()[ib], 1e-5);
                boolean mirrored = pa == BodyPart.TORSO_FRONT || pa == BodyPart.HEAD_FRONT;
                assertEquals(mirrored ? 1 - a.v()[ia] : a.v()[ia], b.v()[ib], 1e-5, pa + " at " + x + "," + y);
            }
        }
        assertTrue(compared > 5000, "compared " + compared);
        assertTrue(mismatched <= 20, "mismatched " + mismatched);
    }

    @Test
    void partLabelsAndMirrors() {
        assertEquals(12, BodyPart.COUNT);
        assertEquals(BodyPart.COUNT + 1, BodyPart.values().length);
        for (BodyPart p : BodyPart.values()) {
            assertEquals(p, BodyPart.ofLabel(p.label()));
            assertEquals(p, p.mirror().mirror());
        }
        assertEquals(BodyPart.LEFT_LOWER_LEG, BodyPart.RIGHT_LOWER_LEG.mirror());
        assertEquals(BodyPart.TORSO_BACK, BodyPart.TORSO_BACK.mirror());
    }
}
