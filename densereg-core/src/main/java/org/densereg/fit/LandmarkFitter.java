package org.densereg.fit;

import java.util.Objects;
import org.densereg.data.Landmarks;
import org.densereg.model3d.MorphableModel;

/**
 * Fits a {@link MorphableModel} to 68 annotated 2D landmarks (iBUG order, 0-based image pixels, y down):
 * a scaled-orthographic camera plus shape and expression coefficients with an eigenvalue-weighted prior.
 *
 * <p>Algorithm (deterministic; {@link FitConfig#iterations()} rounds, then a final camera update):
 * <ol>
 *   <li>camera from the current 3D landmark positions by linear least squares (affine fit, nearest proper
 *       rotation, Gauss–Newton polish; see {@code CameraEstimator});</li>
 *   <li>contour re-selection (when {@link FitConfig#useContours()} and the model has contour lists): each jaw
 *       landmark 0–7 takes the vertex of {@link MorphableModel#rightContour()}, each of 9–16 the vertex of
 *       {@link MorphableModel#leftContour()}, whose projection is nearest to the annotated point (the chin,
 *       landmark 8, keeps its mapped vertex); jaw landmarks the model leaves unmapped take part through this
 *       step;</li>
 *   <li>shape and expression coefficients: minimise
 *       {@code E = Σ_k ||P(S(α, β))_k − x_k||² / d² + λ_shape ||α||² + λ_expression ||β||²}
 *       (α, β in prior standard deviations; d = RMS distance of the used annotated landmarks from their
 *       centroid, so λ does not depend on the image resolution). Each round takes one Gauss–Newton step on
 *       (camera, α, β) together — the projection is exactly linear in α and β and linearised in the camera — and
 *       solves its normal equations by Cholesky; when that step does not lower E, the plain alternation is used
 *       instead (α with camera and β fixed, then β with camera and α fixed, each an exact regularised linear
 *       least-squares solve). Solving the camera correction jointly removes the slow creep of pure alternation
 *       along modes that mimic a rotation, scale or translation.</li>
 * </ol>
 * Two safeguards against wrong contour minima: the prior weight starts at 0.1 and
 * shrinks tenfold per round down to the configured λ (continuation), and during the first
 * 2 rounds (never the last) the sliding jaw landmarks steer the camera but not the
 * coefficients.
 *
 * Landmarks with a non-finite coordinate are skipped, as are landmarks the model maps to -1 (unless they slide
 * along a contour). At least {@value #MIN_LANDMARKS} usable landmarks are needed, of which at least 4 must have
 * a fixed vertex to initialise the camera.
 *
 * <p>Instances are immutable and {@link #fit} is thread-safe.
 */
public final class LandmarkFitter {

    /** The fewest usable landmarks a fit accepts. */
    public static final int MIN_LANDMARKS = 6;

    private static final int EYE_OUTER_RIGHT = 36;
    private static final int EYE_OUTER_LEFT = 45;
    private static final int CHIN = 8;
    /** Prior weight of the first round; each later round uses a tenth of the previous one, down to the config's. */
    private static final double INITIAL_REGULARISATION = 0.1;
    /** Rounds in which only the landmarks with fixed vertices drive the coefficients (never the last round). */
    private static final int CONTOUR_WARMUP_ROUNDS = 2;

    private final MorphableModel model;
    private final FitConfig config;
    private final int shapeModes;
    private final int expressionModes;
    private final double[] shapeStd;
    private final double[] expressionStd;

    /**
     * A fitter for one model.
     *
     * @param model  the morphable model
     * @param config fitting settings
     */
    public LandmarkFitter(MorphableModel model, FitConfig config) {
        this.model = Objects.requireNonNull(model, "model");
        this.config = Objects.requireNonNull(config, "config");
        int m = model.shapeModes();
        this.shapeModes = config.shapeModes() < 0 ? m : Math.min(config.shapeModes(), m);
        this.expressionModes = config.fitExpression() ? model.expressionModes() : 0;
        this.shapeStd = sqrt(model.shapeVariances(), shapeModes);
        this.expressionStd = sqrt(model.expressionVariances(), expressionModes);
    }

    /** The standard deviations of the first {@code count} modes: square roots of their variances. */
    static double[] sqrt(float[] variances, int count) {
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = Math.sqrt(variances[i]);
        }
        return out;
    }

    /** The model being fitted. */
    public MorphableModel model() {
        return model;
    }

    /** The settings. */
    public FitConfig config() {
        return config;
    }

    /**
     * Fits the model to one face.
     *
     * @param landmarks68 68 points in iBUG order, 0-based image pixels (y down); NaN coordinates mark missing points
     * @return the fitted camera, coefficients, shape, projection and quality
     * @throws IllegalArgumentException when there are not 68 points, fewer than {@value #MIN_LANDMARKS} usable
     *                                  ones, or the points are degenerate
     */
    public FitResult fit(Landmarks landmarks68) {
        Objects.requireNonNull(landmarks68, "landmarks68");
        int total = MorphableModel.LANDMARK_COUNT;
        if (landmarks68.count() != total) {
            throw new IllegalArgumentException("expected 68 landmarks, got " + landmarks68.count());
        }
        int[] mapped = model.landmarkVertices();
        int[] correspondence = mapped.clone();
        boolean[] finite = new boolean[total];
        boolean[] slides = new boolean[total];
        int usable = 0;
        int fixedUsable = 0;
        for (int k = 0; k < total; k++) {
            finite[k] = Double.isFinite(landmarks68.x(k)) && Double.isFinite(landmarks68.y(k));
            slides[k] = config.useContours() && contourOf(k).length > 0;
            if (finite[k] && (mapped[k] >= 0 || slides[k])) {
                usable++;
                if (mapped[k] >= 0) {
                    fixedUsable++;
                }
            }
        }
        if (usable < MIN_LANDMARKS || fixedUsable < 4) {
            throw new IllegalArgumentException("only " + usable + " usable landmarks (" + fixedUsable
                    + " with a fixed model vertex): at least " + MIN_LANDMARKS + " usable and 4 fixed are needed");
        }
        double spread = spread(landmarks68, finite, mapped, slides);
        if (!(spread > 0)) {
            throw new IllegalArgumentException("landmarks are degenerate: all usable points coincide");
        }

        double[] alpha = new double[shapeModes];
        double[] beta = new double[expressionModes];
        ScaledOrthographicCamera camera = null;
        for (int round = 0; round < config.iterations(); round++) {
            camera = estimateCamera(landmarks68, finite, correspondence, alpha, beta, camera);
            if (config.useContours()) {
                reselectContours(landmarks68, finite, slides, correspondence, camera, alpha, beta);
            }
            if (shapeModes + expressionModes == 0) {
                continue;
            }
            // continuation: a strong prior in the first rounds, while the contour correspondences are still
            // coarse, relaxed tenfold per round down to the configured weights
            double annealed = INITIAL_REGULARISATION * Math.pow(0.1, round);
            double shapeRidge = Math.max(config.shapeRegularisation(), annealed) * spread * spread;
            double expressionRidge = Math.max(config.expressionRegularisation(), annealed) * spread * spread;
            // warm-up: the sliding jaw landmarks do not shape the face until the fixed ones have set it, so that a
            // contour correspondence chosen on a poor early shape cannot pull the fit into a wrong minimum
            boolean[] active = finite;
            if (round < CONTOUR_WARMUP_ROUNDS && round < config.iterations() - 1) {
                active = finite.clone();
                for (int k = 0; k < total; k++) {
                    active[k] &= !slides[k];
                }
            }
            JointUpdate joint = jointStep(landmarks68, active, correspondence, camera, alpha, beta, shapeRidge,
                    expressionRidge);
            double before = objective(landmarks68, active, correspondence, camera, alpha, beta, shapeRidge, expressionRidge);
            if (joint != null && objective(landmarks68, active, correspondence, joint.camera, joint.alpha, joint.beta,
                    shapeRidge, expressionRidge) < before) {
                camera = joint.camera;
                alpha = joint.alpha;
                beta = joint.beta;
            } else {
                // plain alternation: each block is the exact minimiser with the rest fixed, so this never worsens
                if (shapeModes > 0) {
                    alpha = solveCoefficients(landmarks68, active, correspondence, camera, alpha, beta, true, shapeRidge);
                }
                if (expressionModes > 0) {
                    beta = solveCoefficients(landmarks68, active, correspondence, camera, alpha, beta, false,
                            expressionRidge);
                }
            }
        }
        if (config.useContours()) {
            reselectContours(landmarks68, finite, slides, correspondence, camera, alpha, beta);
        }
        camera = estimateCamera(landmarks68, finite, correspondence, alpha, beta, camera);

        float[] vertices = model.shape(alpha, beta);
        float[] projected = camera.project(vertices);
        double nme = reprojectionNme(landmarks68, finite, correspondence, projected);
        return new FitResult(camera, alpha, beta, vertices, projected, correspondence, nme);
    }

    private int[] contourOf(int landmark) {
        if (landmark < CHIN) {
            return model.rightContour();
        }
        if (landmark > CHIN && landmark <= 16) {
            return model.leftContour();
        }
        return new int[0];
    }

    /** RMS distance of the usable annotated landmarks from their centroid. */
    private static double spread(Landmarks lm, boolean[] finite, int[] mapped, boolean[] slides) {
        double cx = 0;
        double cy = 0;
        int n = 0;
        for (int k = 0; k < finite.length; k++) {
            if (finite[k] && (mapped[k] >= 0 || slides[k])) {
                cx += lm.x(k);
                cy += lm.y(k);
                n++;
            }
        }
        cx /= n;
        cy /= n;
        double sum = 0;
        for (int k = 0; k < finite.length; k++) {
            if (finite[k] && (mapped[k] >= 0 || slides[k])) {
                double dx = lm.x(k) - cx;
                double dy = lm.y(k) - cy;
                sum += dx * dx + dy * dy;
            }
        }
        return Math.sqrt(sum / n);
    }

    /** Position coordinate c of vertex v under the coefficients (only the fitted modes). */
    private double position(int v, int c, double[] alpha, double[] beta) {
        int row = 3 * v + c;
        double value = model.mean()[row];
        int m = model.shapeModes();
        float[] shapeBasis = model.shapeBasis();
        int base = row * m;
        for (int i = 0; i < alpha.length; i++) {
            value += shapeBasis[base + i] * shapeStd[i] * alpha[i];
        }
        int e = model.expressionModes();
        float[] expressionBasis = model.expressionBasis();
        base = row * e;
        for (int i = 0; i < beta.length; i++) {
            value += expressionBasis[base + i] * expressionStd[i] * beta[i];
        }
        return value;
    }

    private ScaledOrthographicCamera estimateCamera(Landmarks lm, boolean[] finite, int[] correspondence,
            double[] alpha, double[] beta, ScaledOrthographicCamera previous) {
        int total = correspondence.length;
        double[] points3d = new double[3 * total];
        double[] points2d = new double[2 * total];
        int count = 0;
        for (int k = 0; k < total; k++) {
            int v = correspondence[k];
            if (!finite[k] || v < 0) {
                continue;
            }
            for (int c = 0; c < 3; c++) {
                points3d[3 * count + c] = position(v, c, alpha, beta);
            }
            points2d[2 * count] = lm.x(k);
            points2d[2 * count + 1] = lm.y(k);
            count++;
        }
        return CameraEstimator.estimate(points3d, points2d, count, previous);
    }

    private void reselectContours(Landmarks lm, boolean[] finite, boolean[] slides, int[] correspondence,
            ScaledOrthographicCamera camera, double[] alpha, double[] beta) {
        double[][] right = projectList(model.rightContour(), camera, alpha, beta);
        double[][] left = projectList(model.leftContour(), camera, alpha, beta);
        for (int k = 0; k < correspondence.length; k++) {
            if (!finite[k] || !slides[k]) {
                continue;
            }
            int[] list = contourOf(k);
            double[][] projectedList = k < CHIN ? right : left;
            int best = -1;
            double bestDistance = Double.POSITIVE_INFINITY;
            for (int i = 0; i < list.length; i++) {
                double dx = projectedList[i][0] - lm.x(k);
                double dy = projectedList[i][1] - lm.y(k);
                double d = dx * dx + dy * dy;
                if (d < bestDistance) {
                    bestDistance = d;
                    best = list[i];
                }
            }
            correspondence[k] = best;
        }
    }

    private double[][] projectList(int[] vertices, ScaledOrthographicCamera camera, double[] alpha, double[] beta) {
        double[][] out = new double[vertices.length][];
        for (int i = 0; i < vertices.length; i++) {
            int v = vertices[i];
            out[i] = camera.project(position(v, 0, alpha, beta), position(v, 1, alpha, beta), position(v, 2, alpha, beta));
        }
        return out;
    }

    /**
     * Solves for the shape (or expression) coefficients with everything else fixed:
     * {@code (AᵀA + λ' I) c = Aᵀ b}, A = ∂ projection / ∂ c, b = annotation − projection without this term,
     * λ' = λ · d².
     */
    private double[] solveCoefficients(Landmarks lm, boolean[] finite, int[] correspondence,
            ScaledOrthographicCamera camera, double[] alpha, double[] beta, boolean shape, double ridge) {
        int modes = shape ? shapeModes : expressionModes;
        int stride = shape ? model.shapeModes() : model.expressionModes();
        float[] basis = shape ? model.shapeBasis() : model.expressionBasis();
        double[] std = shape ? shapeStd : expressionStd;
        double[] zeroAlpha = shape ? new double[0] : alpha;
        double[] zeroBeta = shape ? beta : new double[0];
        double[] r = camera.rotation();
        double s = camera.scale();
        double[] normal = new double[modes * modes];
        double[] rhs = new double[modes];
        double[] rowX = new double[modes];
        double[] rowY = new double[modes];
        for (int k = 0; k < correspondence.length; k++) {
            int v = correspondence[k];
            if (!finite[k] || v < 0) {
                continue;
            }
            double[] base = camera.project(position(v, 0, zeroAlpha, zeroBeta), position(v, 1, zeroAlpha, zeroBeta),
                    position(v, 2, zeroAlpha, zeroBeta));
            double bx = lm.x(k) - base[0];
            double by = lm.y(k) - base[1];
            int o0 = 3 * v * stride;
            int o1 = o0 + stride;
            int o2 = o1 + stride;
            for (int i = 0; i < modes; i++) {
                double gx = basis[o0 + i];
                double gy = basis[o1 + i];
                double gz = basis[o2 + i];
                double scale = s * std[i];
                rowX[i] = scale * (r[0] * gx + r[1] * gy + r[2] * gz);
                rowY[i] = -scale * (r[3] * gx + r[4] * gy + r[5] * gz);
            }
            for (int i = 0; i < modes; i++) {
                double ax = rowX[i];
                double ay = rowY[i];
                rhs[i] += ax * bx + ay * by;
                int off = i * modes;
                for (int j = 0; j <= i; j++) {
                    normal[off + j] += ax * rowX[j] + ay * rowY[j];
                }
            }
        }
        for (int i = 0; i < modes; i++) {
            normal[i * modes + i] += ridge;
        }
        return SmallLinearAlgebra.solveSymmetric(normal, rhs, modes);
    }

    private record JointUpdate(ScaledOrthographicCamera camera, double[] alpha, double[] beta) {
    }

    /**
     * One Gauss–Newton step on camera and coefficients together: the projection is linearised in a left
     * rotation increment ω, the scale and the translation, and is exactly linear in α and β; the step solves
     * {@code min ||J_cam δ + A α + C β − b||² + λ'_shape ||α||² + λ'_expr ||β||²} (camera unregularised, b chosen so
     * that α, β are absolute). Coupled directions (smooth modes that mimic a translation, scale or rotation) then
     * converge in a few rounds instead of creeping under plain alternation.
     *
     * @return the updated parameters, or null when the step is unusable (e.g. non-positive scale)
     */
    private JointUpdate jointStep(Landmarks lm, boolean[] finite, int[] correspondence, ScaledOrthographicCamera camera,
            double[] alpha, double[] beta, double shapeRidge, double expressionRidge) {
        int ms = shapeModes;
        int me = expressionModes;
        int n = 6 + ms + me;
        int strideS = model.shapeModes();
        int strideE = model.expressionModes();
        float[] bs = model.shapeBasis();
        float[] be = model.expressionBasis();
        double[] r = camera.rotation();
        double s = camera.scale();
        double[] normal = new double[n * n];
        double[] rhs = new double[n];
        double[] rowX = new double[n];
        double[] rowY = new double[n];
        for (int k = 0; k < correspondence.length; k++) {
            int v = correspondence[k];
            if (!finite[k] || v < 0) {
                continue;
            }
            double px = position(v, 0, alpha, beta);
            double py = position(v, 1, alpha, beta);
            double pz = position(v, 2, alpha, beta);
            double yx = r[0] * px + r[1] * py + r[2] * pz;
            double yy = r[3] * px + r[4] * py + r[5] * pz;
            double yz = r[6] * px + r[7] * py + r[8] * pz;
            double bx = lm.x(k) - (s * yx + camera.tx());
            double by = lm.y(k) - (-s * yy + camera.ty());
            rowX[0] = 0;
            rowX[1] = s * yz;
            rowX[2] = -s * yy;
            rowX[3] = yx;
            rowX[4] = 1;
            rowX[5] = 0;
            rowY[0] = s * yz;
            rowY[1] = 0;
            rowY[2] = -s * yx;
            rowY[3] = -yy;
            rowY[4] = 0;
            rowY[5] = 1;
            int o0 = 3 * v * strideS;
            for (int i = 0; i < ms; i++) {
                double g = s * shapeStd[i];
                double gx = bs[o0 + i];
                double gy = bs[o0 + strideS + i];
                double gz = bs[o0 + 2 * strideS + i];
                rowX[6 + i] = g * (r[0] * gx + r[1] * gy + r[2] * gz);
                rowY[6 + i] = -g * (r[3] * gx + r[4] * gy + r[5] * gz);
                bx += rowX[6 + i] * alpha[i];
                by += rowY[6 + i] * alpha[i];
            }
            int e0 = 3 * v * strideE;
            for (int i = 0; i < me; i++) {
                double g = s * expressionStd[i];
                double gx = be[e0 + i];
                double gy = be[e0 + strideE + i];
                double gz = be[e0 + 2 * strideE + i];
                rowX[6 + ms + i] = g * (r[0] * gx + r[1] * gy + r[2] * gz);
                rowY[6 + ms + i] = -g * (r[3] * gx + r[4] * gy + r[5] * gz);
                bx += rowX[6 + ms + i] * beta[i];
                by += rowY[6 + ms + i] * beta[i];
            }
            for (int i = 0; i < n; i++) {
                double ax = rowX[i];
                double ay = rowY[i];
                rhs[i] += ax * bx + ay * by;
                int off = i * n;
                for (int j = 0; j <= i; j++) {
                    normal[off + j] += ax * rowX[j] + ay * rowY[j];
                }
            }
        }
        for (int i = 0; i < 6; i++) {
            normal[i * n + i] *= 1 + 1e-9;
        }
        for (int i = 0; i < ms; i++) {
            normal[(6 + i) * n + 6 + i] += shapeRidge;
        }
        for (int i = 0; i < me; i++) {
            normal[(6 + ms + i) * n + 6 + ms + i] += expressionRidge;
        }
        double[] z = SmallLinearAlgebra.solveSymmetric(normal, rhs, n);
        double ns = s + z[3];
        if (!(ns > 0) || !Double.isFinite(ns)) {
            return null;
        }
        double[] nr = SmallLinearAlgebra.multiply3(SmallLinearAlgebra.rodrigues(z[0], z[1], z[2]), r);
        SmallLinearAlgebra.orthonormalise(nr);
        ScaledOrthographicCamera next = new ScaledOrthographicCamera(nr, ns, camera.tx() + z[4], camera.ty() + z[5]);
        return new JointUpdate(next, java.util.Arrays.copyOfRange(z, 6, 6 + ms), java.util.Arrays.copyOfRange(z, 6 + ms, n));
    }

    /** {@code Σ_k ||P(S)_k − x_k||² + λ'_shape ||α||² + λ'_expr ||β||²} (pixels², λ' = λ·d²). */
    private double objective(Landmarks lm, boolean[] finite, int[] correspondence, ScaledOrthographicCamera camera,
            double[] alpha, double[] beta, double shapeRidge, double expressionRidge) {
        double sum = 0;
        for (int k = 0; k < correspondence.length; k++) {
            int v = correspondence[k];
            if (!finite[k] || v < 0) {
                continue;
            }
            double[] p = camera.project(position(v, 0, alpha, beta), position(v, 1, alpha, beta), position(v, 2, alpha, beta));
            double dx = p[0] - lm.x(k);
            double dy = p[1] - lm.y(k);
            sum += dx * dx + dy * dy;
        }
        for (double a : alpha) {
            sum += shapeRidge * a * a;
        }
        for (double b : beta) {
            sum += expressionRidge * b * b;
        }
        return sum;
    }

    private static double reprojectionNme(Landmarks lm, boolean[] finite, int[] correspondence, float[] projected) {
        if (!finite[EYE_OUTER_RIGHT] || !finite[EYE_OUTER_LEFT]) {
            return Double.NaN;
        }
        double norm = Math.hypot(lm.x(EYE_OUTER_RIGHT) - lm.x(EYE_OUTER_LEFT), lm.y(EYE_OUTER_RIGHT) - lm.y(EYE_OUTER_LEFT));
        if (!(norm > 0)) {
            return Double.NaN;
        }
        double sum = 0;
        int n = 0;
        for (int k = 0; k < correspondence.length; k++) {
            int v = correspondence[k];
            if (!finite[k] || v < 0) {
                continue;
            }
            sum += Math.hypot(projected[3 * v] - lm.x(k), projected[3 * v + 1] - lm.y(k));
            n++;
        }
        return sum / n / norm;
    }

    @Override
    public String toString() {
        return "LandmarkFitter[model=" + model.name() + ", shapeModes=" + shapeModes + ", expressionModes="
                + expressionModes + ", " + config + "]";
    }

    /** Visible for tests: the number of shape modes actually fitted. */
    int fittedShapeModes() {
        return shapeModes;
    }
}
