package org.densereg.infer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.densereg.data.body.BodyJoints;
import org.densereg.data.lsp.LspJoint;
import org.densereg.supervision.body.BodyMaps;
import org.densereg.supervision.body.BodyPart;
import org.densereg.supervision.body.BodyPartModel;

/**
 * The 14 LSP joints from dense (part, u, v) maps, the DenseReg body by-product: every joint is a known point of
 * the template charts of {@link BodyPartModel} ({@link #anchors(LspJoint)}), e.g. the elbow is where the upper
 * arm's u = 1 meets the lower arm's u = 0 (both at v = 0.5, the bone).
 *
 * <p><b>Estimation (robust, sub-pixel).</b> On every template part the pixel position is a bilinear function of the
 * chart coordinates: capsule limbs p = A + u·(B − A) + (2v − 1)·σ·r(u)·n with r linear in u, the head ellipse
 * affine in (u, v), the torso a bilinear patch. So for each part group (limb; torso = front ∪ back; head = front ∪
 * back) the pixels with both chart coordinates strictly inside (0.01, 0.99) (clamped values on end caps and rims
 * carry no position information) give a least-squares fit of x and y on the basis 1, u, v, u·v (centred at 0.5).
 * The fit is repeated twice on the inliers, dropping pixels whose residual exceeds max({@value #MIN_TRIM_PX} px,
 * {@value #TRIM_FACTOR} × the median residual), so stray mislabelled pixels do not pull it. A group needs
 * {@value #MIN_PIXELS} inliers. Each anchor of a joint whose group was fitted gives an estimate (the fit evaluated
 * at the anchor's (u, v), extrapolating to the ends); the joint is their mean weighted by the groups' inlier counts
 * times the anchor's weight (torso corners {@value #TORSO_ANCHOR_WEIGHT}, since the torso edge is widened or
 * rebuilt for narrow or twisted torsos; every other anchor 1). A joint without any estimate is NaN (missing).
 *
 * <p>On exact template maps the fits are exact, so joints are recovered to rasterisation precision. Thread-safe.
 */
public final class BodyJointExtractor {

    /** Smallest number of inlier pixels for a part group's fit. */
    public static final int MIN_PIXELS = 8;
    /** Inlier threshold over the median residual. */
    public static final double TRIM_FACTOR = 3.0;
    /** Smallest inlier threshold in pixels. */
    public static final double MIN_TRIM_PX = 1.5;
    /** Relative weight of torso-corner anchors (shoulders, hips). */
    public static final double TORSO_ANCHOR_WEIGHT = 0.5;
    private static final double EDGE = 0.01;

    /**
     * A joint's location on the template.
     *
     * @param group  the parts whose pixels are fitted together (torso front and back; head front and back; or one limb)
     * @param u      chart u of the joint
     * @param v      chart v of the joint
     * @param weight relative weight of this estimate
     */
    public record Anchor(List<BodyPart> group, double u, double v, double weight) {
    }

    private static final List<BodyPart> TORSO = List.of(BodyPart.TORSO_FRONT, BodyPart.TORSO_BACK);
    private static final List<BodyPart> HEAD = List.of(BodyPart.HEAD_FRONT, BodyPart.HEAD_BACK);
    private static final Map<LspJoint, List<Anchor>> ANCHORS = buildAnchors();

    private static Map<LspJoint, List<Anchor>> buildAnchors() {
        Map<LspJoint, List<Anchor>> m = new EnumMap<>(LspJoint.class);
        double hipV = 0.5 / BodyPartModel.HIP_WIDEN;
        double headU = 0.25 / BodyPartModel.HEAD_AXIS;
        m.put(LspJoint.RIGHT_ANKLE, List.of(limb(BodyPart.RIGHT_LOWER_LEG, 1)));
        m.put(LspJoint.RIGHT_KNEE, List.of(limb(BodyPart.RIGHT_UPPER_LEG, 1), limb(BodyPart.RIGHT_LOWER_LEG, 0)));
        m.put(LspJoint.RIGHT_HIP, List.of(limb(BodyPart.RIGHT_UPPER_LEG, 0),
                new Anchor(TORSO, 1, 0.5 - hipV, TORSO_ANCHOR_WEIGHT)));
        m.put(LspJoint.LEFT_HIP, List.of(limb(BodyPart.LEFT_UPPER_LEG, 0),
                new Anchor(TORSO, 1, 0.5 + hipV, TORSO_ANCHOR_WEIGHT)));
        m.put(LspJoint.LEFT_KNEE, List.of(limb(BodyPart.LEFT_UPPER_LEG, 1), limb(BodyPart.LEFT_LOWER_LEG, 0)));
        m.put(LspJoint.LEFT_ANKLE, List.of(limb(BodyPart.LEFT_LOWER_LEG, 1)));
        m.put(LspJoint.RIGHT_WRIST, List.of(limb(BodyPart.RIGHT_LOWER_ARM, 1)));
        m.put(LspJoint.RIGHT_ELBOW, List.of(limb(BodyPart.RIGHT_UPPER_ARM, 1), limb(BodyPart.RIGHT_LOWER_ARM, 0)));
        m.put(LspJoint.RIGHT_SHOULDER, List.of(limb(BodyPart.RIGHT_UPPER_ARM, 0),
                new Anchor(TORSO, 0, 0, TORSO_ANCHOR_WEIGHT)));
        m.put(LspJoint.LEFT_SHOULDER, List.of(limb(BodyPart.LEFT_UPPER_ARM, 0),
                new Anchor(TORSO, 0, 1, TORSO_ANCHOR_WEIGHT)));
        m.put(LspJoint.LEFT_ELBOW, List.of(limb(BodyPart.LEFT_UPPER_ARM, 1), limb(BodyPart.LEFT_LOWER_ARM, 0)));
        m.put(LspJoint.LEFT_WRIST, List.of(limb(BodyPart.LEFT_LOWER_ARM, 1)));
        m.put(LspJoint.NECK, List.of(new Anchor(HEAD, 0.5 - headU, 0.5, 1)));
        m.put(LspJoint.HEAD_TOP, List.of(new Anchor(HEAD, 0.5 + headU, 0.5, 1)));
        return m;
    }

    private static Anchor limb(BodyPart part, double u) {
        return new Anchor(List.of(part), u, 0.5, 1);
    }

    private BodyJointExtractor() {
    }

    /** The template locations of a joint (see the class comment). */
    public static List<Anchor> anchors(LspJoint joint) {
        return ANCHORS.get(joint);
    }

    /**
     * Estimates the joints from decoded maps.
     *
     * @param maps part labels, u, v per pixel (−1 on background) of one image
     * @return the joints in the maps' pixel coordinates (0-based); missing (NaN) where no anchor's part group had
     *         enough pixels; every present joint flagged visible
     */
    public static BodyJoints extract(BodyMaps maps) {
        Map<List<BodyPart>, Fit> fits = new java.util.HashMap<>();
        double[] xy = new double[2 * LspJoint.COUNT];
        boolean[] visible = new boolean[LspJoint.COUNT];
        for (LspJoint joint : LspJoint.values()) {
            double sx = 0;
            double sy = 0;
            double sw = 0;
            for (Anchor a : ANCHORS.get(joint)) {
                Fit fit = fits.computeIfAbsent(a.group(), g -> fit(maps, g));
                if (fit == null) {
                    continue;
                }
                double[] p = fit.at(a.u(), a.v());
                double w = a.weight() * fit.inliers();
                sx += w * p[0];
                sy += w * p[1];
                sw += w;
            }
            int j = joint.ordinal();
            if (sw > 0) {
                xy[2 * j] = sx / sw;
                xy[2 * j + 1] = sy / sw;
                visible[j] = true;
            } else {
                xy[2 * j] = Double.NaN;
                xy[2 * j + 1] = Double.NaN;
            }
        }
        return new BodyJoints(xy, visible);
    }

    /** Least-squares position model of one part group, or null with too few pixels. */
    private record Fit(double[] cx, double[] cy, int inliers) {

        double[] at(double u, double v) {
            double[] b = basis(u, v);
            double x = 0;
            double y = 0;
            for (int k = 0; k < 4; k++) {
                x += cx[k] * b[k];
                y += cy[k] * b[k];
            }
            return new double[] {x, y};
        }
    }

    private static double[] basis(double u, double v) {
        double a = u - 0.5;
        double b = v - 0.5;
        return new double[] {1, a, b, a * b};
    }

    private static Fit fit(BodyMaps maps, List<BodyPart> group) {
        boolean[] wanted = new boolean[BodyPart.COUNT + 1];
        for (BodyPart p : group) {
            wanted[p.label()] = true;
        }
        byte[] parts = maps.parts();
        float[] u = maps.u();
        float[] v = maps.v();
        int w = maps.width();
        List<double[]> samples = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            if (!wanted[parts[i] & 0xff]) {
                continue;
            }
            double pu = u[i];
            double pv = v[i];
            if (pu > EDGE && pu < 1 - EDGE && pv > EDGE && pv < 1 - EDGE) {
                samples.add(new double[] {pu, pv, i % w, i / w});
            }
        }
        Fit fit = null;
        for (int round = 0; round < 3; round++) {
            if (samples.size() < MIN_PIXELS) {
                return null;
            }
            fit = solve(samples);
            if (fit == null || round == 2) {
                break;
            }
            double[] residuals = new double[samples.size()];
            for (int k = 0; k < residuals.length; k++) {
                double[] s = samples.get(k);
                double[] p = fit.at(s[0], s[1]);
                residuals[k] = Math.hypot(p[0] - s[2], p[1] - s[3]);
            }
            double[] sorted = residuals.clone();
            Arrays.sort(sorted);
            double limit = Math.max(MIN_TRIM_PX, TRIM_FACTOR * sorted[sorted.length / 2]);
            List<double[]> kept = new ArrayList<>();
            for (int k = 0; k < residuals.length; k++) {
                if (residuals[k] <= limit) {
                    kept.add(samples.get(k));
                }
            }
            if (kept.size() == samples.size()) {
                break;
            }
            samples = kept;
        }
        return fit;
    }

    /** Normal equations with a tiny ridge on the non-constant terms; null when singular. */
    private static Fit solve(List<double[]> samples) {
        double[][] a = new double[4][4];
        double[] bx = new double[4];
        double[] by = new double[4];
        for (double[] s : samples) {
            double[] b = basis(s[0], s[1]);
            for (int r = 0; r < 4; r++) {
                for (int c = 0; c < 4; c++) {
                    a[r][c] += b[r] * b[c];
                }
                bx[r] += b[r] * s[2];
                by[r] += b[r] * s[3];
            }
        }
        for (int k = 1; k < 4; k++) {
            a[k][k] += 1e-9 * samples.size();
        }
        double[] cx = gauss(copy(a), bx.clone());
        double[] cy = gauss(copy(a), by.clone());
        return cx == null || cy == null ? null : new Fit(cx, cy, samples.size());
    }

    private static double[][] copy(double[][] a) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].clone();
        }
        return out;
    }

    private static double[] gauss(double[][] a, double[] b) {
        int n = b.length;
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            if (Math.abs(a[pivot][col]) < 1e-12) {
                return null;
            }
            double[] tr = a[col];
            a[col] = a[pivot];
            a[pivot] = tr;
            double tb = b[col];
            b[col] = b[pivot];
            b[pivot] = tb;
            for (int r = col + 1; r < n; r++) {
                double f = a[r][col] / a[col][col];
                for (int c = col; c < n; c++) {
                    a[r][c] -= f * a[col][c];
                }
                b[r] -= f * b[col];
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = b[r];
            for (int c = r + 1; c < n; c++) {
                s -= a[r][c] * x[c];
            }
            x[r] = s / a[r][r];
        }
        return x;
    }
}
