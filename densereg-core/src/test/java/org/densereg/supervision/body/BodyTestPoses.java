package org.densereg.supervision.body;

import org.densereg.data.body.BodyJoints;

/** Hand-made test poses (0-based pixels of a 129 × 129 image). */
public final class BodyTestPoses {

    private BodyTestPoses() {
    }

    /**
     * A person facing the camera, arms slightly out, legs apart, every joint visible, limbs apart from each other.
     *
     * @param dx horizontal shift in pixels
     * @return the joints
     */
    public static BodyJoints standing(double dx) {
        double[] xy = {
            48, 120, 50, 96, 54, 72, 74, 72, 78, 96, 80, 120, // ankles, knees, hips (R, R, R, L, L, L)
            36, 74, 42, 55, 50, 34, 78, 34, 86, 55, 92, 74,  // R wrist, R elbow, R shoulder, L shoulder, L elbow, L wrist
            64, 30, 64, 10};                                 // neck, head top
        for (int i = 0; i < xy.length; i += 2) {
            xy[i] += dx;
        }
        boolean[] visible = new boolean[BodyJoints.COUNT];
        java.util.Arrays.fill(visible, true);
        return new BodyJoints(xy, visible);
    }
}
