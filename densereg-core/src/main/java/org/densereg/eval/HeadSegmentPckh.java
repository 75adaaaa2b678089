package org.densereg.eval;

import org.densereg.data.Distances;
import org.densereg.data.lsp.LspJoint;

/**
 * PCKh of 14 joints in LSP order when no head box is at hand (the MPII persons of a {@code supervise-body} folder,
 * which keep the joints only): the head size of person i is the length of the ground truth's head segment,
 * {@code h_i = ‖head top − neck‖₂} (for MPII persons the neck is the midpoint of MPII's thorax and upper neck, see
 * {@code BodyJoints.fromMpii}). Normalised error {@code e_ij = ‖p_ij − g_ij‖₂ / h_i}; only annotated joints count
 * (a missing ground-truth joint, NaN, is left out), a non-finite prediction is a miss:
 * {@code PCKh_j(t) = 100 · #{i : annotated, e_ij cmp t} / #{i : annotated}}. Mean = {@code Σ_j PCKh_j · n_j / Σ_j
 * n_j} over the 14 joints (n_j = annotated joints j), the joint-count-weighted mean of MPII's Python evaluation; the
 * 14 joints are MPII's 14 scored ones (pelvis and thorax have no LSP joint). Table as {@link MpiiPckh#GROUPS}: head =
 * head top; shoulder … ankle = mean of left and right; the neck counts in the mean but has no column. A person whose
 * head top or neck is missing (no head size) is left out and counted.
 *
 * <p>This is not the benchmark's number: MPII's head size is 0.6 × the diagonal of an annotated head box ({@link
 * MpiiPckh}, {@code densereg evaluate --dataset mpii}), which the head segment only approximates. It serves to select
 * models during training.
 */
public final class HeadSegmentPckh {

    /** The usual PCKh threshold. */
    public static final double THRESHOLD = 0.5;

    private HeadSegmentPckh() {
    }

    /**
     * Result, percentages 0–100.
     *
     * @param threshold      the threshold
     * @param comparison     the comparison rule
     * @param perJoint       [14] PCKh per joint in LSP order (NaN where no joint is annotated)
     * @param jointCounts    [14] annotated joints per joint id, over the persons with a head size
     * @param groups         [7] the table of {@link MpiiPckh#GROUPS}
     * @param mean           the joint-count-weighted mean
     * @param skippedPersons persons left out for want of a head size
     */
    public record Result(double threshold, Comparison comparison, double[] perJoint, long[] jointCounts,
            double[] groups, double mean, int skippedPersons) {
    }

    /**
     * @param truth       [N·14·2] ground truth in LSP order, (x, y) of joint j of person i at {@code (i·14 + j)·2},
     *                    NaN for a missing joint
     * @param predictions [N·14·2] predictions, same layout and pixels
     * @param threshold   PCKh threshold (0.5)
     * @param comparison  comparison rule ({@link Comparison#LESS_THAN} as MPII's reference)
     * @return the result
     * @throws IllegalArgumentException when the lengths differ or are not a multiple of 28
     */
    public static Result evaluate(double[] truth, double[] predictions, double threshold, Comparison comparison) {
        final int jn = LspJoint.COUNT;
        if (truth.length != predictions.length || truth.length % (2 * jn) != 0) {
            throw new IllegalArgumentException("truth and predictions must both be [N*28], got " + truth.length
                    + " and " + predictions.length);
        }
        int n = truth.length / (2 * jn);
        long[] counts = new long[jn];
        long[] hits = new long[jn];
        int skipped = 0;
        int top = LspJoint.HEAD_TOP.ordinal();
        int neck = LspJoint.NECK.ordinal();
        for (int i = 0; i < n; i++) {
            int base = i * jn * 2;
            double head = Distances.euclidean(truth[base + 2 * top] - truth[base + 2 * neck],
                    truth[base + 2 * top + 1] - truth[base + 2 * neck + 1]);
            if (!(head > 0) || Double.isInfinite(head)) {
                skipped++;
                continue;
            }
            for (int j = 0; j < jn; j++) {
                double gx = truth[base + 2 * j];
                double gy = truth[base + 2 * j + 1];
                if (!Double.isFinite(gx) || !Double.isFinite(gy)) {
                    continue;
                }
                counts[j]++;
                double e = Distances.euclidean(predictions[base + 2 * j] - gx, predictions[base + 2 * j + 1] - gy)
                        / head;
                if (Double.isFinite(e) && comparison.accepts(e, threshold)) {
                    hits[j]++;
                }
            }
        }
        double[] perJoint = new double[jn];
        long total = 0;
        double weighted = 0;
        for (int j = 0; j < jn; j++) {
            perJoint[j] = counts[j] == 0 ? Double.NaN : 100.0 * hits[j] / counts[j];
            total += counts[j];
            weighted += 100.0 * hits[j];
        }
        double[] groups = new double[MpiiPckh.GROUPS.length];
        groups[0] = perJoint[top];
        LspJoint[][] pairs = {
            {LspJoint.LEFT_SHOULDER, LspJoint.RIGHT_SHOULDER}, {LspJoint.LEFT_ELBOW, LspJoint.RIGHT_ELBOW},
            {LspJoint.LEFT_WRIST, LspJoint.RIGHT_WRIST}, {LspJoint.LEFT_HIP, LspJoint.RIGHT_HIP},
            {LspJoint.LEFT_KNEE, LspJoint.RIGHT_KNEE}, {LspJoint.LEFT_ANKLE, LspJoint.RIGHT_ANKLE}};
        for (int g = 0; g < pairs.length; g++) {
            groups[g + 1] = (perJoint[pairs[g][0].ordinal()] + perJoint[pairs[g][1].ordinal()]) / 2;
        }
        return new Result(threshold, comparison, perJoint, counts, groups, total == 0 ? Double.NaN : weighted / total,
                skipped);
    }
}
