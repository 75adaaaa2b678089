package org.densereg.data.mpii;

/**
 * Evaluation ground truth in the {@code gt_valid.mat} layout (Tompson et al.'s 2958-person validation split),
 * converted to 0-based pixels.
 *
 * @param positions {@code [N·16·2]} (x, y) of joint j of person i at {@code (i·16 + j)·2} ({@code pos_gt_src} − 1)
 * @param missing   {@code [N·16]} {@code jnt_missing}: true when joint j of person i is not annotated
 * @param headBoxes {@code [N·4]} head box (x1, y1, x2, y2) of person i at {@code i·4} ({@code headboxes_src} − 1)
 */
public record MpiiEvalGroundTruth(double[] positions, boolean[] missing, double[] headBoxes) {

    /** Checks lengths, copies. */
    public MpiiEvalGroundTruth {
        int n = missing.length / MpiiJoint.COUNT;
        if (missing.length % MpiiJoint.COUNT != 0 || positions.length != n * 32 || headBoxes.length != n * 4) {
            throw new IllegalArgumentException("inconsistent lengths " + positions.length + ", " + missing.length + ", "
                    + headBoxes.length);
        }
        positions = positions.clone();
        missing = missing.clone();
        headBoxes = headBoxes.clone();
    }

    /** Number of persons. */
    public int count() {
        return missing.length / MpiiJoint.COUNT;
    }

    /** Positions (a copy). */
    @Override
    public double[] positions() {
        return positions.clone();
    }

    /** Missing flags (a copy). */
    @Override
    public boolean[] missing() {
        return missing.clone();
    }

    /** Head boxes (a copy). */
    @Override
    public double[] headBoxes() {
        return headBoxes.clone();
    }

    /** x of joint j of person i. */
    public double x(int i, int j) {
        return positions[(i * MpiiJoint.COUNT + j) * 2];
    }

    /** y of joint j of person i. */
    public double y(int i, int j) {
        return positions[(i * MpiiJoint.COUNT + j) * 2 + 1];
    }

    /** Whether joint j of person i is missing. */
    public boolean missing(int i, int j) {
        return missing[i * MpiiJoint.COUNT + j];
    }

    /** Head-box diagonal {@code ‖(x2, y2) − (x1, y1)‖₂} of person i. */
    public double headDiagonal(int i) {
        return org.densereg.data.Distances.euclidean(headBoxes[i * 4 + 2] - headBoxes[i * 4], headBoxes[i * 4 + 3] - headBoxes[i * 4 + 1]);
    }
}
