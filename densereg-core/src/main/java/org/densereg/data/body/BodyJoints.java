package org.densereg.data.body;

import java.util.Arrays;
import org.densereg.data.lsp.LspJoint;
import org.densereg.data.lsp.LspJoints;
import org.densereg.data.mpii.MpiiJoint;

/**
 * The 14 joints of one person in the LSP order ({@link LspJoint}, DESIGN §6), in 0-based pixel coordinates,
 * person-centric (the person's own left and right). A joint is <em>missing</em> when its x or y is NaN; a present
 * joint is either visible or occluded.
 *
 * @param xy      [28] (x, y) of joint j at {@code 2j}, {@code 2j+1}; NaN for a missing joint
 * @param visible [14] true when joint j is annotated as visible, false when occluded (ignored for missing joints)
 */
public record BodyJoints(double[] xy, boolean[] visible) {

    /** Number of joints. */
    public static final int COUNT = LspJoint.COUNT;

    /** Checks lengths and copies the arrays. */
    public BodyJoints {
        if (xy.length != 2 * COUNT || visible.length != COUNT) {
            throw new IllegalArgumentException("body joints need xy[28] and visible[14], got " + xy.length + " and "
                    + visible.length);
        }
        xy = xy.clone();
        visible = visible.clone();
    }

    /** The coordinates (a copy). */
    @Override
    public double[] xy() {
        return xy.clone();
    }

    /** The visibility flags (a copy). */
    @Override
    public boolean[] visible() {
        return visible.clone();
    }

    /** x of a joint (NaN when missing). */
    public double x(LspJoint joint) {
        return xy[2 * joint.ordinal()];
    }

    /** y of a joint (NaN when missing). */
    public double y(LspJoint joint) {
        return xy[2 * joint.ordinal() + 1];
    }

    /** True when the joint has finite coordinates. */
    public boolean present(LspJoint joint) {
        return Double.isFinite(x(joint)) && Double.isFinite(y(joint));
    }

    /** True when the joint is present and annotated as occluded. */
    public boolean occluded(LspJoint joint) {
        return present(joint) && !visible[joint.ordinal()];
    }

    /** Number of present joints. */
    public int presentCount() {
        int n = 0;
        for (LspJoint j : LspJoint.values()) {
            if (present(j)) {
                n++;
            }
        }
        return n;
    }

    /**
     * The bounding box of the present joints.
     *
     * @return [4] x0, y0, x1, y1, or null when no joint is present
     */
    public double[] bounds() {
        double x0 = Double.POSITIVE_INFINITY;
        double y0 = Double.POSITIVE_INFINITY;
        double x1 = Double.NEGATIVE_INFINITY;
        double y1 = Double.NEGATIVE_INFINITY;
        boolean any = false;
        for (LspJoint j : LspJoint.values()) {
            if (present(j)) {
                any = true;
                x0 = Math.min(x0, x(j));
                y0 = Math.min(y0, y(j));
                x1 = Math.max(x1, x(j));
                y1 = Math.max(y1, y(j));
            }
        }
        return any ? new double[] {x0, y0, x1, y1} : null;
    }

    /** The joints mapped by {@code (x, y) → (s·x + tx, s·y + ty)}; flags kept, NaN stays NaN. */
    public BodyJoints scaleTranslate(double s, double tx, double ty) {
        double[] out = new double[xy.length];
        for (int j = 0; j < COUNT; j++) {
            out[2 * j] = s * xy[2 * j] + tx;
            out[2 * j + 1] = s * xy[2 * j + 1] + ty;
        }
        return new BodyJoints(out, visible);
    }

    /** The joints of image {@code i} (0-based index within the set) of an LSP joint set. */
    public static BodyJoints fromLsp(LspJoints joints, int i) {
        double[] xy = new double[2 * COUNT];
        boolean[] vis = new boolean[COUNT];
        for (int j = 0; j < COUNT; j++) {
            xy[2 * j] = joints.x(i, j);
            xy[2 * j + 1] = joints.y(i, j);
            vis[j] = joints.visible(i, j);
        }
        return new BodyJoints(xy, vis);
    }

    /**
     * Maps the 16 MPII joints (ids of {@link MpiiJoint}, DESIGN §6) to the 14 LSP joints. Ankles, knees, hips,
     * wrists, elbows, shoulders and head top map one to one (MPII 0–5 → LSP 1–6, 10–15 → LSP 7–12, 9 → head top).
     * The LSP neck (the base of the neck) lies between MPII's thorax (7) and upper neck (8): it is their midpoint
     * when both are present, else whichever is present (occluded when either used joint is occluded). The pelvis
     * (6) is dropped.
     *
     * @param xy16      [32] (x, y) of MPII joint id k at {@code 2k}, 0-based pixels, NaN when not annotated
     * @param visible16 [16] MPII {@code is_visible} per joint id
     */
    public static BodyJoints fromMpii(double[] xy16, boolean[] visible16) {
        if (xy16.length != 2 * MpiiJoint.COUNT || visible16.length != MpiiJoint.COUNT) {
            throw new IllegalArgumentException("MPII joints need xy[32] and visible[16], got " + xy16.length + " and "
                    + visible16.length);
        }
        double[] xy = new double[2 * COUNT];
        Arrays.fill(xy, Double.NaN);
        boolean[] vis = new boolean[COUNT];
        MpiiJoint[] direct = {
            MpiiJoint.RIGHT_ANKLE, MpiiJoint.RIGHT_KNEE, MpiiJoint.RIGHT_HIP, MpiiJoint.LEFT_HIP, MpiiJoint.LEFT_KNEE,
            MpiiJoint.LEFT_ANKLE, MpiiJoint.RIGHT_WRIST, MpiiJoint.RIGHT_ELBOW, MpiiJoint.RIGHT_SHOULDER,
            MpiiJoint.LEFT_SHOULDER, MpiiJoint.LEFT_ELBOW, MpiiJoint.LEFT_WRIST, null, MpiiJoint.HEAD_TOP};
        for (int j = 0; j < COUNT; j++) {
            MpiiJoint m = direct[j];
            if (m != null && present(xy16, m.ordinal())) {
                xy[2 * j] = xy16[2 * m.ordinal()];
                xy[2 * j + 1] = xy16[2 * m.ordinal() + 1];
                vis[j] = visible16[m.ordinal()];
            }
        }
        int neck = LspJoint.NECK.ordinal();
        int thorax = MpiiJoint.THORAX.ordinal();
        int upper = MpiiJoint.UPPER_NECK.ordinal();
        boolean hasT = present(xy16, thorax);
        boolean hasU = present(xy16, upper);
        if (hasT && hasU) {
            xy[2 * neck] = 0.5 * (xy16[2 * thorax] + xy16[2 * upper]);
            xy[2 * neck + 1] = 0.5 * (xy16[2 * thorax + 1] + xy16[2 * upper + 1]);
            vis[neck] = visible16[thorax] && visible16[upper];
        } else if (hasT || hasU) {
            int k = hasT ? thorax : upper;
            xy[2 * neck] = xy16[2 * k];
            xy[2 * neck + 1] = xy16[2 * k + 1];
            vis[neck] = visible16[k];
        }
        return new BodyJoints(xy, vis);
    }

    private static boolean present(double[] xy, int k) {
        return Double.isFinite(xy[2 * k]) && Double.isFinite(xy[2 * k + 1]);
    }
}
