package org.densereg.supervision.body;

import org.densereg.data.body.BodyJoints;
import org.densereg.data.lsp.LspJoint;

/** Hand-made skeletons for tests and documentation figures. */
final class Skeletons {

    private Skeletons() {
    }

    /**
     * An upright person facing the camera in a 200 × 300 image: right arm hanging straight down at x = 60 (shoulder
     * y 70, elbow y 130, wrist y 180), left arm raised to the side, legs apart. Every joint visible.
     */
    static BodyJoints upright() {
        double[] xy = new double[28];
        set(xy, LspJoint.HEAD_TOP, 100, 18);
        set(xy, LspJoint.NECK, 100, 62);
        set(xy, LspJoint.RIGHT_SHOULDER, 60, 70);
        set(xy, LspJoint.LEFT_SHOULDER, 140, 70);
        set(xy, LspJoint.RIGHT_ELBOW, 60, 130);
        set(xy, LspJoint.RIGHT_WRIST, 60, 180);
        set(xy, LspJoint.LEFT_ELBOW, 172, 48);
        set(xy, LspJoint.LEFT_WRIST, 185, 10);
        set(xy, LspJoint.RIGHT_HIP, 80, 165);
        set(xy, LspJoint.LEFT_HIP, 120, 165);
        set(xy, LspJoint.RIGHT_KNEE, 72, 225);
        set(xy, LspJoint.RIGHT_ANKLE, 68, 285);
        set(xy, LspJoint.LEFT_KNEE, 130, 225);
        set(xy, LspJoint.LEFT_ANKLE, 138, 285);
        boolean[] vis = new boolean[14];
        java.util.Arrays.fill(vis, true);
        return new BodyJoints(xy, vis);
    }

    /** A copy with one joint moved. */
    static BodyJoints with(BodyJoints j, LspJoint joint, double x, double y) {
        double[] xy = j.xy();
        set(xy, joint, x, y);
        return new BodyJoints(xy, j.visible());
    }

    /** A copy with one joint's visibility changed. */
    static BodyJoints withVisible(BodyJoints j, LspJoint joint, boolean visible) {
        boolean[] vis = j.visible();
        vis[joint.ordinal()] = visible;
        return new BodyJoints(j.xy(), vis);
    }

    /** Mirrors x → (width − 1 − x) and swaps left and right joints (a horizontal flip with relabelling). */
    static BodyJoints flip(BodyJoints j, int width) {
        double[] xy = new double[28];
        boolean[] vis = new boolean[14];
        for (LspJoint joint : LspJoint.values()) {
            LspJoint target = joint == LspJoint.NECK || joint == LspJoint.HEAD_TOP ? joint : joint.mirror();
            xy[2 * target.ordinal()] = width - 1 - j.x(joint);
            xy[2 * target.ordinal() + 1] = j.y(joint);
            vis[target.ordinal()] = j.visible()[joint.ordinal()];
        }
        return new BodyJoints(xy, vis);
    }

    private static void set(double[] xy, LspJoint j, double x, double y) {
        xy[2 * j.ordinal()] = x;
        xy[2 * j.ordinal() + 1] = y;
    }
}
