package org.densereg.eval;

import org.densereg.data.Distances;
import org.densereg.data.lsp.LspJoint;
import org.densereg.data.lsp.LspJoints;

/**
 * LSP PCK (Sapp &amp; Taskar; the {@code eval_pck.m} of the common MATLAB evaluation code). For image i and
 * joint j: {@code e_ij = ‖p_ij − g_ij‖₂ / ‖g_i,LEFT_SHOULDER − g_i,RIGHT_HIP‖₂} (ground-truth torso size, joints
 * 10 and 3 in 1-based file order). Every joint of every image counts, visible or not. {@code PCK_j(t) = 100 ·
 * #{i : e_ij cmp t} / N}; the mean is over all N·14 joints (equal to the mean of the 14 per-joint values).
 * The reference uses {@code ≤}. Percentages are computed as {@code 100 · (c / n)} and distances as
 * {@code sqrt(dx² + dy²)}, the operation order of the reference, so that printed figures agree to the last decimal. The curve is sampled at {@code t = 0, 0.01, …, 0.2} by default; its area
 * is the trapezoid rule over the thresholds rescaled to [0, 1] (as {@code quadgk} of the linear interpolation
 * in the reference), in percent.
 */
public final class LspPck {

    /** Names of the 7 symmetric groups of the usual table (each = mean of the left and right joint). */
    public static final String[] GROUPS = {"Head", "Shoulder", "Elbow", "Wrist", "Hip", "Knee", "Ankle"};
    private static final LspJoint[] GROUP_JOINT = {LspJoint.HEAD_TOP, LspJoint.RIGHT_SHOULDER, LspJoint.RIGHT_ELBOW,
        LspJoint.RIGHT_WRIST, LspJoint.RIGHT_HIP, LspJoint.RIGHT_KNEE, LspJoint.RIGHT_ANKLE};

    private LspPck() {
    }

    /**
     * PCK evaluation result (percentages 0–100).
     *
     * @param threshold        the PCK threshold (0.2)
     * @param comparison       {@code ≤} (reference) or {@code <}
     * @param perJoint         {@code [14]} PCK per joint in LSP order
     * @param groups           {@code [7]} the table of {@link #GROUPS}: head = mean(neck, head top), others mean(left, right)
     * @param mean             PCK over all joints and images
     * @param curveThresholds  {@code [K]} thresholds of the curve
     * @param curveMean        {@code [K]} mean PCK at each threshold
     * @param curvePerJoint    {@code [K·14]} PCK of joint j at threshold k at {@code k·14 + j}
     * @param auc              area under the mean curve, thresholds rescaled to [0, 1], trapezoid rule, percent
     * @param normalisedErrors {@code [N·14]} e_ij
     * @param imageNumbers     {@code [N]} 1-based LSP image numbers of the rows
     */
    public record Result(double threshold, Comparison comparison, double[] perJoint, double[] groups, double mean,
                         double[] curveThresholds, double[] curveMean, double[] curvePerJoint, double auc,
                         double[] normalisedErrors, int[] imageNumbers) {
    }

    /**
     * Evaluates predictions against ground truth of the same images.
     *
     * @param gt          ground truth (at least the images of {@code predictions})
     * @param predictions predictions
     * @param threshold   PCK threshold (0.2)
     * @param comparison  comparison rule ({@link Comparison#LESS_OR_EQUAL} in the reference)
     * @param curveSteps  number of curve intervals from 0 to {@code threshold} (20 in the reference)
     * @throws IllegalArgumentException when the image ranges do not match
     */
    public static Result evaluate(LspJoints gt, LspJoints predictions, double threshold, Comparison comparison,
                                  int curveSteps) {
        int n = predictions.count();
        LspJoints g = gt.images(predictions.firstImage(), predictions.firstImage() + n - 1);
        final int jn = LspJoint.COUNT;
        double[] e = new double[n * jn];
        int ls = LspJoint.LEFT_SHOULDER.ordinal();
        int rh = LspJoint.RIGHT_HIP.ordinal();
        int[] numbers = new int[n];
        for (int i = 0; i < n; i++) {
            numbers[i] = predictions.firstImage() + i;
            double torso = Distances.euclidean(g.x(i, ls) - g.x(i, rh), g.y(i, ls) - g.y(i, rh));
            for (int j = 0; j < jn; j++) {
                double d = Distances.euclidean(predictions.x(i, j) - g.x(i, j), predictions.y(i, j) - g.y(i, j));
                e[i * jn + j] = d / torso;
            }
        }
        double[] thresholds = Curves.grid(threshold, curveSteps);
        double[] curvePerJoint = new double[thresholds.length * jn];
        double[] curveMean = new double[thresholds.length];
        for (int k = 0; k < thresholds.length; k++) {
            long all = 0;
            for (int j = 0; j < jn; j++) {
                long c = 0;
                for (int i = 0; i < n; i++) {
                    if (comparison.accepts(e[i * jn + j], thresholds[k])) {
                        c++;
                    }
                }
                all += c;
                curvePerJoint[k * jn + j] = 100 * ((double) c / n);
            }
            curveMean[k] = 100 * ((double) all / ((long) n * jn));
        }
        double[] perJoint = new double[jn];
        double[] atThreshold = perJointAt(e, n, threshold, comparison);
        System.arraycopy(atThreshold, 0, perJoint, 0, jn);
        long all = 0;
        for (double v : e) {
            if (comparison.accepts(v, threshold)) {
                all++;
            }
        }
        double mean = 100 * ((double) all / ((long) n * jn));
        double[] groups = new double[GROUPS.length];
        for (int k = 0; k < GROUPS.length; k++) {
            LspJoint a = GROUP_JOINT[k];
            groups[k] = (perJoint[a.ordinal()] + perJoint[a.mirror().ordinal()]) / 2;
        }
        double[] unit = new double[thresholds.length];
        for (int k = 0; k < unit.length; k++) {
            unit[k] = (double) k / curveSteps;
        }
        double auc = Curves.integrate(unit, curveMean, IntegrationRule.TRAPEZOID);
        return new Result(threshold, comparison, perJoint, groups, mean, thresholds, curveMean, curvePerJoint, auc, e,
                numbers);
    }

    private static double[] perJointAt(double[] e, int n, double t, Comparison cmp) {
        double[] out = new double[LspJoint.COUNT];
        for (int j = 0; j < LspJoint.COUNT; j++) {
            long c = 0;
            for (int i = 0; i < n; i++) {
                if (cmp.accepts(e[i * LspJoint.COUNT + j], t)) {
                    c++;
                }
            }
            out[j] = 100 * ((double) c / n);
        }
        return out;
    }
}
