package org.densereg.eval;

/**
 * Cumulative error distribution of per-image errors. {@code CED(t) = #{i : e_i ≤ t} / N} (a fraction), sampled
 * on {@code t_k = k · max / steps}, k = 0..steps (default max 0.08, steps 800, i.e. every 0.0001).
 * {@code AUC@max = (1 / max) ∫₀^max CED(t) dt}, integrated over those samples by the chosen rule
 * (Simpson's 1/3 rule by default, trapezoid as an option; {@link Curves#integrate}); in [0, 1].
 * Failure rate = {@code #{i : e_i > max} / N}.
 *
 * @param thresholds {@code [steps+1]} t_k
 * @param fractions  {@code [steps+1]} CED(t_k)
 * @param auc        AUC@max in [0, 1]
 * @param failureRate share of errors above {@code max}
 * @param rule       the integration rule used
 */
public record CedCurve(double[] thresholds, double[] fractions, double auc, double failureRate, IntegrationRule rule) {

    /** Default upper limit of the curve (0.08). */
    public static final double DEFAULT_MAX = 0.08;
    /** Default number of intervals (800: step 0.0001). */
    public static final int DEFAULT_STEPS = 800;

    /**
     * Builds the curve.
     *
     * @param errors per-image errors (NME), {@code [N]}, N ≥ 1, finite
     */
    public static CedCurve of(double[] errors, double max, int steps, IntegrationRule rule) {
        if (errors.length == 0) {
            throw new IllegalArgumentException("no errors");
        }
        double[] t = Curves.grid(max, steps);
        double[] f = new double[t.length];
        long failures = 0;
        for (double e : errors) {
            if (!Double.isFinite(e)) {
                throw new IllegalArgumentException("non-finite error " + e);
            }
            if (e > max) {
                failures++;
            }
        }
        for (int k = 0; k < t.length; k++) {
            long c = 0;
            for (double e : errors) {
                if (e <= t[k]) {
                    c++;
                }
            }
            f[k] = (double) c / errors.length;
        }
        double auc = Curves.integrate(t, f, rule) / max;
        return new CedCurve(t, f, auc, (double) failures / errors.length, rule);
    }
}
