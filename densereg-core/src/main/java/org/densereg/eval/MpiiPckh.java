package org.densereg.eval;

import org.densereg.data.Distances;
import org.densereg.data.mpii.MpiiEvalGroundTruth;
import org.densereg.data.mpii.MpiiJoint;

/**
 * MPII PCKh as computed by the reference {@code eval_PCKh.m} (Tompson et al.; pose-hg-train; pytorch-pose) and
 * its Python port. For person i and joint j: head size {@code h_i = 0.6 · ‖(x2, y2) − (x1, y1)‖₂} of the
 * ground-truth head box; normalised error {@code e_ij = ‖p_ij − g_ij‖₂ / h_i}. Only annotated joints
 * ({@code jnt_missing = 0}) count: {@code PCKh_j(t) = 100 · #{i : annotated, e_ij cmp t} / #{i : annotated}}.
 * The reference MATLAB uses {@code <}; HRNet/mmpose use {@code ≤} ({@link Comparison}).
 * Table: head = head top (joint 9); shoulder, elbow, wrist, hip, knee, ankle = mean of left and right.
 * Mean = {@code Σ_j PCKh_j · n_j / Σ_j n_j} over the 14 joints other than pelvis (6) and thorax (7), n_j = the
 * number of annotated joints j: the joint-count-weighted mean of the Python port (HRNet, pytorch-pose
 * {@code eval_PCKh.py}); upper neck counts in the mean but has no column. The unweighted mean of the same 14
 * joints (the last value printed by the MATLAB script) is reported as well. Curve: {@code t = 0, 0.01, …, 0.5}.
 */
public final class MpiiPckh {

    /** SC_BIAS of the reference: the head size is this fraction of the head-box diagonal. */
    public static final double HEAD_SIZE_FACTOR = 0.6;
    /** Columns of the usual table. */
    public static final String[] GROUPS = {"Head", "Shoulder", "Elbow", "Wrist", "Hip", "Knee", "Ankle"};
    private static final MpiiJoint[][] GROUP_JOINTS = {
        {MpiiJoint.HEAD_TOP},
        {MpiiJoint.LEFT_SHOULDER, MpiiJoint.RIGHT_SHOULDER},
        {MpiiJoint.LEFT_ELBOW, MpiiJoint.RIGHT_ELBOW},
        {MpiiJoint.LEFT_WRIST, MpiiJoint.RIGHT_WRIST},
        {MpiiJoint.LEFT_HIP, MpiiJoint.RIGHT_HIP},
        {MpiiJoint.LEFT_KNEE, MpiiJoint.RIGHT_KNEE},
        {MpiiJoint.LEFT_ANKLE, MpiiJoint.RIGHT_ANKLE},
    };

    private MpiiPckh() {
    }

    /**
     * PCKh result (percentages 0–100).
     *
     * @param threshold        PCKh threshold (0.5)
     * @param comparison       comparison rule
     * @param perJoint         {@code [16]} PCKh per MPII joint id (NaN where no joint is annotated)
     * @param jointCounts      {@code [16]} annotated joints per id
     * @param groups           {@code [7]} the {@link #GROUPS} table
     * @param mean             joint-count-weighted mean over the 14 joints (pelvis, thorax excluded)
     * @param unweightedMean   plain mean of the same 14 per-joint values
     * @param curveThresholds  {@code [K]} thresholds
     * @param curveMean        {@code [K]} weighted mean PCKh at each threshold
     * @param curvePerJoint    {@code [K·16]} PCKh of joint j at threshold k at {@code k·16 + j}
     * @param normalisedErrors {@code [N·16]} e_ij, NaN for missing joints
     */
    public record Result(double threshold, Comparison comparison, double[] perJoint, long[] jointCounts, double[] groups,
                         double mean, double unweightedMean, double[] curveThresholds, double[] curveMean,
                         double[] curvePerJoint, double[] normalisedErrors) {
    }

    /**
     * Evaluates predictions ({@code [N·16·2]}, same base as the ground truth, person order of the ground truth).
     *
     * @param curveSteps intervals of the curve from 0 to {@code curveMax}
     * @throws IllegalArgumentException when the lengths differ
     */
    public static Result evaluate(MpiiEvalGroundTruth gt, double[] predictions, double threshold, Comparison comparison,
                                  double curveMax, int curveSteps) {
        final int jn = MpiiJoint.COUNT;
        int n = gt.count();
        if (predictions.length != n * jn * 2) {
            throw new IllegalArgumentException("predictions for " + predictions.length / (jn * 2) + " persons, ground truth has " + n);
        }
        double[] e = new double[n * jn];
        long[] counts = new long[jn];
        for (int i = 0; i < n; i++) {
            double head = gt.headDiagonal(i) * HEAD_SIZE_FACTOR;
            for (int j = 0; j < jn; j++) {
                if (gt.missing(i, j)) {
                    e[i * jn + j] = Double.NaN;
                    continue;
                }
                counts[j]++;
                double d = Distances.euclidean(predictions[(i * jn + j) * 2] - gt.x(i, j),
                        predictions[(i * jn + j) * 2 + 1] - gt.y(i, j));
                e[i * jn + j] = d / head;
            }
        }
        double[] perJoint = perJoint(e, n, counts, threshold, comparison);
        double[] thresholds = Curves.grid(curveMax, curveSteps);
        double[] curvePerJoint = new double[thresholds.length * jn];
        double[] curveMean = new double[thresholds.length];
        for (int k = 0; k < thresholds.length; k++) {
            double[] pj = perJoint(e, n, counts, thresholds[k], comparison);
            System.arraycopy(pj, 0, curvePerJoint, k * jn, jn);
            curveMean[k] = weightedMean(pj, counts);
        }
        double[] groups = new double[GROUPS.length];
        for (int g = 0; g < GROUPS.length; g++) {
            double s = 0;
            for (MpiiJoint joint : GROUP_JOINTS[g]) {
                s += perJoint[joint.ordinal()];
            }
            groups[g] = s / GROUP_JOINTS[g].length;
        }
        double plain = 0;
        int used = 0;
        for (int j = 0; j < jn; j++) {
            if (included(j)) {
                plain += perJoint[j];
                used++;
            }
        }
        return new Result(threshold, comparison, perJoint, counts, groups, weightedMean(perJoint, counts), plain / used,
                thresholds, curveMean, curvePerJoint, e);
    }

    /** True for the 14 joints in the mean (all but pelvis and thorax). */
    public static boolean included(int joint) {
        return joint != MpiiJoint.PELVIS.ordinal() && joint != MpiiJoint.THORAX.ordinal();
    }

    private static double[] perJoint(double[] e, int n, long[] counts, double t, Comparison cmp) {
        double[] out = new double[MpiiJoint.COUNT];
        for (int j = 0; j < MpiiJoint.COUNT; j++) {
            long c = 0;
            for (int i = 0; i < n; i++) {
                double v = e[i * MpiiJoint.COUNT + j];
                if (!Double.isNaN(v) && cmp.accepts(v, t)) {
                    c++;
                }
            }
            out[j] = counts[j] == 0 ? Double.NaN : 100.0 * c / counts[j];
        }
        return out;
    }

    private static double weightedMean(double[] perJoint, long[] counts) {
        long total = 0;
        for (int j = 0; j < MpiiJoint.COUNT; j++) {
            if (included(j)) {
                total += counts[j];
            }
        }
        double s = 0;
        for (int j = 0; j < MpiiJoint.COUNT; j++) {
            if (included(j) && counts[j] > 0) {
                s += perJoint[j] * ((double) counts[j] / total);
            }
        }
        return s;
    }
}
