package org.densereg.fit;

/**
 * Settings of the dense-correspondence fitter ({@link DenseCorrespondenceFitter}).
 *
 * <p>In each reweighting round the fitter minimises, over the camera, the shape coefficients α and the expression
 * coefficients β (both in prior standard deviations),
 * <pre>
 *   E = Σ_i w_i ||P(X_i(α, β)) − x_i||² / (W σ̂²) + λ_shape ||α||² + λ_expression ||β||²,   W = Σ_i w_i
 * </pre>
 * where x_i is a foreground pixel, X_i the surface point with that pixel's predicted (u, v), P the
 * scaled-orthographic projection, w_i the robust weight of the pixel and σ̂ the robust scale of the current
 * residuals. The data term is a weighted mean in units of the noise, so the prior's pull follows the quality of the
 * map: exact maps (σ̂ small) are fitted exactly, noisy ones lean on the prior. In Bayesian terms λ = 1 / n_eff, the
 * map being worth n_eff independent observations (neighbouring pixels' errors are correlated, so n_eff is much
 * smaller than the pixel count).
 *
 * @param rounds                   reweighting rounds (robust weights, then one Gauss–Newton step on camera, α, β);
 *                                 at least 1
 * @param maxCorrespondences       at most this many pixels are used: the foreground is subsampled on a regular
 *                                 pixel grid of the smallest stride that brings it under this count; at least
 *                                 {@value DenseCorrespondenceFitter#MIN_CORRESPONDENCES}
 * @param shapeRegularisation      λ_shape ≥ 0
 * @param expressionRegularisation λ_expression ≥ 0
 * @param shapeModes               leading shape modes fitted; -1 = all (clamped to the model's count), 0 = none
 * @param fitExpression            whether the expression coefficients are fitted (ignored when the model has none)
 * @param loss                     robust loss of the reweighting
 * @param tuning                   the loss's tuning constant in robust standard deviations (σ̂ = median residual
 *                                 length / 1.1774, the median length of a 2D Gaussian error): Huber's k (1.345 is 95 % efficient under Gaussian noise) or Tukey's c
 *                                 (4.685, likewise); &gt; 0
 */
public record DenseFitConfig(
        int rounds,
        int maxCorrespondences,
        double shapeRegularisation,
        double expressionRegularisation,
        int shapeModes,
        boolean fitExpression,
        RobustLoss loss,
        double tuning) {

    /** The reweighting function of a residual r given the robust scale. */
    public enum RobustLoss {
        /** Plain least squares: every weight 1 (no outlier rejection). */
        NONE,
        /** Huber: w = 1 for |r| ≤ kσ̂, kσ̂ / |r| beyond (outliers down-weighted, never rejected). */
        HUBER,
        /**
         * Tukey's biweight: w = (1 − (r / cσ̂)²)² for |r| &lt; cσ̂, 0 beyond (outliers rejected). Not convex, so the
         * first round uses Huber with k = 1.345 to get near the answer.
         */
        TUKEY
    }

    public DenseFitConfig {
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be at least 1, got " + rounds);
        }
        if (maxCorrespondences < DenseCorrespondenceFitter.MIN_CORRESPONDENCES) {
            throw new IllegalArgumentException("maxCorrespondences must be at least "
                    + DenseCorrespondenceFitter.MIN_CORRESPONDENCES + ", got " + maxCorrespondences);
        }
        if (!(shapeRegularisation >= 0) || !Double.isFinite(shapeRegularisation)) {
            throw new IllegalArgumentException("shapeRegularisation must be a finite number ≥ 0, got " + shapeRegularisation);
        }
        if (!(expressionRegularisation >= 0) || !Double.isFinite(expressionRegularisation)) {
            throw new IllegalArgumentException(
                    "expressionRegularisation must be a finite number ≥ 0, got " + expressionRegularisation);
        }
        if (shapeModes < -1) {
            throw new IllegalArgumentException("shapeModes must be -1 (all) or ≥ 0, got " + shapeModes);
        }
        if (loss == null) {
            throw new IllegalArgumentException("loss must not be null");
        }
        if (!(tuning > 0) || !Double.isFinite(tuning)) {
            throw new IllegalArgumentException("tuning must be a finite number > 0, got " + tuning);
        }
    }

    /**
     * The defaults: 10 rounds, at most 2000 pixels, λ_shape = λ_expression = 10⁻² (n_eff = 100: on 30 held-out
     * synthetic faces with the demo model's maps 0.1/0.03/0.01/0.001 gave landmark NME 0.1028/0.1018/0.1016/0.1054,
     * and on the exact maps 0.0034/0.0015/0.0008/0.0002), all modes, expression on, Tukey's biweight with c = 4.685.
     *
     * @return the default configuration
     */
    public static DenseFitConfig defaults() {
        return new DenseFitConfig(10, 2000, 1e-2, 1e-2, -1, true, RobustLoss.TUKEY, 4.685);
    }

    /**
     * @param newLoss another loss
     * @param newTuning its tuning constant
     * @return a copy with another robust loss
     */
    public DenseFitConfig withLoss(RobustLoss newLoss, double newTuning) {
        return new DenseFitConfig(rounds, maxCorrespondences, shapeRegularisation, expressionRegularisation, shapeModes,
                fitExpression, newLoss, newTuning);
    }

    /**
     * @param lambda λ for both shape and expression
     * @return a copy with another prior weight
     */
    public DenseFitConfig withRegularisation(double lambda) {
        return new DenseFitConfig(rounds, maxCorrespondences, lambda, lambda, shapeModes, fitExpression, loss, tuning);
    }
}
