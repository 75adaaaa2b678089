package org.densereg.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.densereg.data.body.BodyJoints;
import org.densereg.data.lsp.LspJoint;
import org.densereg.quantize.BodyPartCodec;
import org.densereg.supervision.body.BodyMaps;
import org.densereg.supervision.body.BodyPart;
import org.densereg.supervision.body.BodyPartModel;
import org.densereg.supervision.body.BodyTestPoses;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class BodyJointExtractorTest {

    private static void assertJointsNear(BodyJoints expected, BodyJoints actual, double tolerance) {
        for (LspJoint j : LspJoint.values()) {
            double d = Math.hypot(expected.x(j) - actual.x(j), expected.y(j) - actual.y(j));
            assertTrue(d <= tolerance, j + " off by " + d + " px");
        }
    }

    @Test
    void groundTruthMapsThroughOneHotLogitsGiveTheJointsBack() {
        BodyJoints joints = BodyTestPoses.standing(0.37);
        BodyMaps maps = BodyPartModel.render(joints, 129, 129);
        BodyPartCodec codec = new BodyPartCodec(BodyPart.COUNT);
        INDArray[] labels = codec.encode(1, 129, 129, maps.parts(), maps.u(), maps.v());
        BodyPartCodec.Decoded decoded = codec.decode(labels[0].mul(10), labels[1], labels[2]);
        byte[] parts = new byte[decoded.parts().length];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = (byte) decoded.parts()[i];
        }
        BodyMaps back = new BodyMaps(129, 129, parts, decoded.u(), decoded.v());
        assertJointsNear(joints, BodyJointExtractor.extract(back), 1.0);
    }

    @Test
    void strayPixelsDoNotMoveTheJoints() {
        BodyJoints joints = BodyTestPoses.standing(0);
        BodyMaps maps = BodyPartModel.render(joints, 129, 129);
        byte[] parts = maps.parts();
        float[] u = maps.u();
        float[] v = maps.v();
        java.util.Random random = new java.util.Random(11);
        for (int k = 0; k < 40; k++) {
            int i = random.nextInt(parts.length);
            parts[i] = (byte) (1 + random.nextInt(BodyPart.COUNT));
            u[i] = 0.05f + 0.9f * random.nextFloat();
            v[i] = 0.05f + 0.9f * random.nextFloat();
        }
        assertJointsNear(joints, BodyJointExtractor.extract(new BodyMaps(129, 129, parts, u, v)), 1.5);
    }

    @Test
    void missingPartsGiveMissingJointsOnly() {
        double[] xy = BodyTestPoses.standing(0).xy();
        xy[2 * LspJoint.LEFT_WRIST.ordinal()] = Double.NaN;
        boolean[] visible = new boolean[14];
        java.util.Arrays.fill(visible, true);
        BodyJoints joints = new BodyJoints(xy, visible);
        BodyJoints found = BodyJointExtractor.extract(BodyPartModel.render(joints, 129, 129));
        assertFalse(found.present(LspJoint.LEFT_WRIST));
        assertTrue(found.present(LspJoint.LEFT_ELBOW));
        assertEquals(joints.x(LspJoint.LEFT_ELBOW), found.x(LspJoint.LEFT_ELBOW), 1.0);
        BodyJoints none = BodyJointExtractor.extract(new BodyMaps(9, 9, new byte[81], new float[81], new float[81]));
        assertEquals(0, none.presentCount());
    }
}
