package org.densereg.fit;

import java.util.Arrays;
import java.util.Objects;
import org.densereg.data.Landmarks;
import org.densereg.model3d.MorphableModel;

/**
 * The DenseReg cascade: fits a {@link MorphableModel} (scaled-orthographic camera, shape and expression
 * coefficients) to a dense (u, v) map, every foreground pixel being a 2D–3D correspondence, robustly.
 *
 * <p>Method (deterministic):
 * <ol>
 *   <li><b>Correspondences.</b> The foreground pixels (u ≥ 0 and v ≥ 0) are subsampled on a regular grid of the
 *       smallest stride that leaves at most {@link DenseFitConfig#maxCorrespondences()} of them. Each pixel's (u, v)
 *       is located on the template ({@link UvSurfaceIndex}: the UV triangle containing it, barycentric weights b);
 *       its 3D point is then linear in the coefficients, {@code X(α, β) = Σ_j b_j S_j(α, β)} over the triangle's
 *       vertices. Pixels whose (u, v) falls outside every UV triangle are dropped.</li>
 *   <li><b>Initial camera.</b> From the mean shape by the landmark fitter's camera estimator (affine least squares,
 *       nearest rotation, Gauss–Newton polish), then twice re-estimated from the 70 % of pixels with the smallest
 *       residuals (trimmed least squares), so that gross outliers do not set the starting pose.</li>
 *   <li><b>Reweighting rounds</b> ({@link DenseFitConfig#rounds()}): residuals r_i of the current fit; robust scale
 *       σ̂ = median_i |r_i| / 1.1774 (the median length of a 2D Gaussian error is 1.1774 σ), at least 0.5 % of the
 *       pixels' spread d; weights w_i from the {@link DenseFitConfig.RobustLoss} (Tukey's rounds start with one Huber
 *       round); then one Gauss–Newton step on camera (left rotation increment, scale, translation), α and β together
 *       minimising {@link DenseFitConfig}'s E for these weights (the projection is exactly linear in α, β); the step
 *       is halved up to 4 times until E decreases. The prior's weight is relative to σ̂², so it is strong while the
 *       pose is rough and fades as the fit explains the map (a built-in continuation).</li>
 *   <li><b>Read-out.</b> The full shape, its projection, and the 68 landmarks as projections of the model's landmark
 *       vertices.</li>
 * </ol>
 *
 * <p>Immutable; {@link #fit} is thread-safe. The UV index is built once in the constructor.
 */
public final class DenseCorrespondenceFitter {

    /** The fewest located correspondences a fit accepts. */
    public static final int MIN_CORRESPONDENCES = 20;

    /** Share of pixels kept by the trimmed camera re-estimates. */
    private static final double TRIM_KEEP = 0.7;
    /** Huber's constant of the first round of a Tukey fit. */
    private static final double HUBER_K = 1.345;
    /** Median length of a 2D standard Gaussian vector: sqrt(2 ln 2). */
    private static final double RAYLEIGH_MEDIAN = Math.sqrt(2 * Math.log(2));
    /** Lower bound of the robust scale relative to the pixels' spread (exact data would otherwise give σ̂ = 0). */
    private static final double MIN_SCALE_FRACTION = 0.005;
    private static final int STEP_HALVINGS = 4;

    private final MorphableModel model;
    private final DenseFitConfig config;
    private final UvSurfaceIndex index;
    private final int shapeModes;
    private final int expressionModes;
    private final double[] shapeStd;
    private final double[] expressionStd;

    /**
     * A fitter for one model; builds its UV index.
     *
     * @param model  the morphable model whose {@link MorphableModel#uv()} the maps refer to
     * @param config settings
     */
    public DenseCorrespondenceFitter(MorphableModel model, DenseFitConfig config) {
        this.model = Objects.requireNonNull(model, "model");
        this.config = Objects.requireNonNull(config, "config");
        this.index = new UvSurfaceIndex(model);
        int m = model.shapeModes();
        this.shapeModes = config.shapeModes() < 0 ? m : Math.min(config.shapeModes(), m);
        this.expressionModes = config.fitExpression() ? model.expressionModes() : 0;
        this.shapeStd = LandmarkFitter.sqrt(model.shapeVariances(), shapeModes);
        this.expressionStd = LandmarkFitter.sqrt(model.expressionVariances(), expressionModes);
    }

    /** The model being fitted. */
    public MorphableModel model() {
        return model;
    }

    /** The settings. */
    public DenseFitConfig config() {
        return config;
    }

    /** The UV index of the model. */
    public UvSurfaceIndex index() {
        return index;
    }

    /** The 2D–3D correspondences of one map, with their model-space rows. */
    private static final class Correspondences {
        int n;
        /** [2n] pixel x, y. */
        double[] image;
        /** [3n] mean-shape point. */
        double[] mean;
        /** [3n × ms] shape basis rows, scaled by the modes' standard deviations. */
        double[] shape;
        /** [3n × me] expression basis rows, likewise. */
        double[] expression;
    }

    /**
     * Fits the model to one dense map.
     *
     * @param u      [height·width] row-major template u per pixel; background is any negative or non-finite value
     * @param v      [height·width] row-major template v (up) per pixel; background likewise
     * @param width  W
     * @param height H
     * @return the fit, in the maps' pixel frame
     * @throws IllegalArgumentException when the arrays do not match the size, fewer than
     *                                  {@value #MIN_CORRESPONDENCES} foreground pixels lie on the template, or they
     *                                  are degenerate (all on one line)
     */
    public DenseFitResult fit(float[] u, float[] v, int width, int height) {
        long start = System.nanoTime();
        if (width < 1 || height < 1 || u.length != (long) width * height || v.length != u.length) {
            throw new IllegalArgumentException("maps have " + u.length + "/" + v.length + " values, expected "
                    + width + "×" + height);
        }
        int foreground = 0;
        for (int p = 0; p < u.length; p++) {
            if (isForeground(u[p], v[p])) {
                foreground++;
            }
        }
        int stride = 1;
        while (gridCount(u, v, width, height, stride) > config.maxCorrespondences()) {
            stride++;
        }
        Correspondences c = correspondences(u, v, width, height, stride);
        if (c.n < MIN_CORRESPONDENCES) {
            throw new IllegalArgumentException("only " + c.n + " foreground pixels (of " + foreground
                    + ") lie on the template: at least " + MIN_CORRESPONDENCES + " are needed");
        }
        double spread = spread(c);
        if (!(spread > 0)) {
            throw new IllegalArgumentException("foreground pixels are degenerate: all coincide");
        }

        double[] alpha = new double[shapeModes];
        double[] beta = new double[expressionModes];
        double[] points = new double[3 * c.n];
        positions(c, alpha, beta, points);
        ScaledOrthographicCamera camera = initialCamera(c, points);
        double[] residual = new double[c.n];
        double[] weights = new double[c.n];
        double minScale = MIN_SCALE_FRACTION * spread;
        for (int round = 0; round < config.rounds(); round++) {
            positions(c, alpha, beta, points);
            residuals(c, camera, points, residual);
            DenseFitConfig.RobustLoss loss = config.loss();
            double tuning = config.tuning();
            if (loss == DenseFitConfig.RobustLoss.TUKEY && round == 0) {
                loss = DenseFitConfig.RobustLoss.HUBER;
                tuning = HUBER_K;
            }
            double sigma = Math.max(minScale, median(residual) / RAYLEIGH_MEDIAN);
            weigh(residual, loss, tuning, sigma, weights);
            double sumW = sum(weights);
            if (!(sumW > 0)) {
                break;
            }
            // the prior's weight follows the noise: λ (σ̂/d)² relative to the weighted mean squared residual / d²,
            // i.e. ridge = λ σ̂² W in pixels²
            double noise = sigma * sigma * sumW;
            double shapeRidge = config.shapeRegularisation() * noise;
            double expressionRidge = config.expressionRegularisation() * noise;
            Step step = step(c, camera, points, alpha, beta, weights, shapeRidge, expressionRidge);
            if (step == null) {
                break;
            }
            camera = step.camera;
            alpha = step.alpha;
            beta = step.beta;
        }
        positions(c, alpha, beta, points);
        residuals(c, camera, points, residual);
        double median = median(residual);
        weigh(residual, config.loss(), config.tuning(), Math.max(minScale, median / RAYLEIGH_MEDIAN), weights);
        double sw = 0;
        double swr = 0;
        int inliers = 0;
        for (int i = 0; i < c.n; i++) {
            sw += weights[i];
            swr += weights[i] * residual[i] * residual[i];
            if (weights[i] >= 0.5) {
                inliers++;
            }
        }
        float[] vertices = model.shape(alpha, beta);
        float[] projected = camera.project(vertices);
        int[] map = model.landmarkVertices();
        double[] xy = new double[2 * map.length];
        for (int k = 0; k < map.length; k++) {
            xy[2 * k] = map[k] < 0 ? Double.NaN : projected[3 * map[k]];
            xy[2 * k + 1] = map[k] < 0 ? Double.NaN : projected[3 * map[k] + 1];
        }
        return new DenseFitResult(camera, alpha, beta, vertices, projected, new Landmarks(xy),
                sw > 0 ? Math.sqrt(swr / sw) : Double.NaN, median, inliers / (double) c.n, c.n, foreground, stride,
                System.nanoTime() - start);
    }

    private static boolean isForeground(float u, float v) {
        return u >= 0 && v >= 0 && Float.isFinite(u) && Float.isFinite(v);
    }

    private static int gridCount(float[] u, float[] v, int width, int height, int stride) {
        int n = 0;
        for (int y = 0; y < height; y += stride) {
            for (int x = 0; x < width; x += stride) {
                int p = y * width + x;
                if (isForeground(u[p], v[p])) {
                    n++;
                }
            }
        }
        return n;
    }

    private Correspondences correspondences(float[] u, float[] v, int width, int height, int stride) {
        int capacity = gridCount(u, v, width, height, stride);
        int ms = shapeModes;
        int me = expressionModes;
        int strideS = model.shapeModes();
        int strideE = model.expressionModes();
        float[] mean = model.mean();
        float[] bs = model.shapeBasis();
        float[] be = model.expressionBasis();
        int[] tri = model.triangles();
        Correspondences c = new Correspondences();
        c.image = new double[2 * capacity];
        c.mean = new double[3 * capacity];
        c.shape = new double[3 * capacity * ms];
        c.expression = new double[3 * capacity * me];
        double[] bary = new double[3];
        int n = 0;
        for (int y = 0; y < height; y += stride) {
            for (int x = 0; x < width; x += stride) {
                int p = y * width + x;
                if (!isForeground(u[p], v[p])) {
                    continue;
                }
                int t = index.locate(u[p], v[p], bary);
                if (t < 0) {
                    continue;
                }
                c.image[2 * n] = x;
                c.image[2 * n + 1] = y;
                for (int j = 0; j < 3; j++) {
                    int vertex = tri[3 * t + j];
                    double b = bary[j];
                    for (int axis = 0; axis < 3; axis++) {
                        int row = 3 * vertex + axis;
                        int out = 3 * n + axis;
                        c.mean[out] += b * mean[row];
                        int so = out * ms;
                        int si = row * strideS;
                        for (int i = 0; i < ms; i++) {
                            c.shape[so + i] += b * bs[si + i] * shapeStd[i];
                        }
                        int eo = out * me;
                        int ei = row * strideE;
                        for (int i = 0; i < me; i++) {
                            c.expression[eo + i] += b * be[ei + i] * expressionStd[i];
                        }
                    }
                }
                n++;
            }
        }
        c.n = n;
        return c;
    }

    /** RMS distance of the pixels from their centroid. */
    private static double spread(Correspondences c) {
        double cx = 0;
        double cy = 0;
        for (int i = 0; i < c.n; i++) {
            cx += c.image[2 * i];
            cy += c.image[2 * i + 1];
        }
        cx /= c.n;
        cy /= c.n;
        double s = 0;
        for (int i = 0; i < c.n; i++) {
            double dx = c.image[2 * i] - cx;
            double dy = c.image[2 * i + 1] - cy;
            s += dx * dx + dy * dy;
        }
        return Math.sqrt(s / c.n);
    }

    /** points[3i..] = the model-space point of correspondence i under (α, β). */
    private void positions(Correspondences c, double[] alpha, double[] beta, double[] points) {
        int ms = shapeModes;
        int me = expressionModes;
        for (int r = 0; r < 3 * c.n; r++) {
            double value = c.mean[r];
            int so = r * ms;
            for (int i = 0; i < ms; i++) {
                value += c.shape[so + i] * alpha[i];
            }
            int eo = r * me;
            for (int i = 0; i < me; i++) {
                value += c.expression[eo + i] * beta[i];
            }
            points[r] = value;
        }
    }

    private static void residuals(Correspondences c, ScaledOrthographicCamera camera, double[] points, double[] out) {
        double[] r = camera.rotation();
        double s = camera.scale();
        for (int i = 0; i < c.n; i++) {
            double x = points[3 * i];
            double y = points[3 * i + 1];
            double z = points[3 * i + 2];
            double dx = s * (r[0] * x + r[1] * y + r[2] * z) + camera.tx() - c.image[2 * i];
            double dy = -s * (r[3] * x + r[4] * y + r[5] * z) + camera.ty() - c.image[2 * i + 1];
            out[i] = Math.hypot(dx, dy);
        }
    }

    private ScaledOrthographicCamera initialCamera(Correspondences c, double[] points) {
        ScaledOrthographicCamera camera = CameraEstimator.estimate(points, c.image, c.n, null);
        double[] residual = new double[c.n];
        int keep = Math.max(4, (int) Math.ceil(TRIM_KEEP * c.n));
        double[] subset3d = new double[3 * keep];
        double[] subset2d = new double[2 * keep];
        for (int pass = 0; pass < 2; pass++) {
            residuals(c, camera, points, residual);
            double threshold = kthSmallest(residual, keep - 1);
            int k = 0;
            for (int i = 0; i < c.n && k < keep; i++) {
                if (residual[i] <= threshold) {
                    System.arraycopy(points, 3 * i, subset3d, 3 * k, 3);
                    System.arraycopy(c.image, 2 * i, subset2d, 2 * k, 2);
                    k++;
                }
            }
            try {
                camera = CameraEstimator.estimate(subset3d, subset2d, k, camera);
            } catch (IllegalArgumentException degenerate) {
                break;
            }
        }
        return camera;
    }

    private static void weigh(double[] residual, DenseFitConfig.RobustLoss loss, double tuning, double sigma,
            double[] weights) {
        if (loss == DenseFitConfig.RobustLoss.NONE) {
            Arrays.fill(weights, 1);
            return;
        }
        double limit = tuning * sigma;
        for (int i = 0; i < residual.length; i++) {
            double r = residual[i];
            if (loss == DenseFitConfig.RobustLoss.HUBER) {
                weights[i] = r <= limit ? 1 : limit / r;
            } else {
                double q = r / limit;
                weights[i] = q < 1 ? (1 - q * q) * (1 - q * q) : 0;
            }
        }
    }

    private record Step(ScaledOrthographicCamera camera, double[] alpha, double[] beta) {
    }

    /**
     * One damped Gauss–Newton step on camera, α and β for fixed weights: solves
     * {@code (Jᵀ W J + Λ) δ = Jᵀ W b − Λ θ} (θ = current coefficients, Λ the ridges on the coefficient block only) and
     * takes the largest of δ, δ/2, ... δ/16 that lowers the weighted objective.
     *
     * @return the new parameters, or null when no step lowers the objective
     */
    private Step step(Correspondences c, ScaledOrthographicCamera camera, double[] points, double[] alpha,
            double[] beta, double[] weights, double shapeRidge, double expressionRidge) {
        int ms = shapeModes;
        int me = expressionModes;
        int n = 6 + ms + me;
        double[] r = camera.rotation();
        double s = camera.scale();
        double[] normal = new double[n * n];
        double[] rhs = new double[n];
        double[] rowX = new double[n];
        double[] rowY = new double[n];
        for (int k = 0; k < c.n; k++) {
            double w = weights[k];
            if (w == 0) {
                continue;
            }
            double px = points[3 * k];
            double py = points[3 * k + 1];
            double pz = points[3 * k + 2];
            double yx = r[0] * px + r[1] * py + r[2] * pz;
            double yy = r[3] * px + r[4] * py + r[5] * pz;
            double yz = r[6] * px + r[7] * py + r[8] * pz;
            double bx = c.image[2 * k] - (s * yx + camera.tx());
            double by = c.image[2 * k + 1] - (-s * yy + camera.ty());
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
            int o0 = 3 * k * ms;
            for (int i = 0; i < ms; i++) {
                double gx = c.shape[o0 + i];
                double gy = c.shape[o0 + ms + i];
                double gz = c.shape[o0 + 2 * ms + i];
                rowX[6 + i] = s * (r[0] * gx + r[1] * gy + r[2] * gz);
                rowY[6 + i] = -s * (r[3] * gx + r[4] * gy + r[5] * gz);
            }
            int e0 = 3 * k * me;
            for (int i = 0; i < me; i++) {
                double gx = c.expression[e0 + i];
                double gy = c.expression[e0 + me + i];
                double gz = c.expression[e0 + 2 * me + i];
                rowX[6 + ms + i] = s * (r[0] * gx + r[1] * gy + r[2] * gz);
                rowY[6 + ms + i] = -s * (r[3] * gx + r[4] * gy + r[5] * gz);
            }
            for (int i = 0; i < n; i++) {
                double ax = w * rowX[i];
                double ay = w * rowY[i];
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
            rhs[6 + i] -= shapeRidge * alpha[i];
        }
        for (int i = 0; i < me; i++) {
            normal[(6 + ms + i) * n + 6 + ms + i] += expressionRidge;
            rhs[6 + ms + i] -= expressionRidge * beta[i];
        }
        double[] delta = SmallLinearAlgebra.solveSymmetric(normal, rhs, n);
        double before = objective(c, camera, points, alpha, beta, weights, shapeRidge, expressionRidge);
        double[] trial = new double[3 * c.n];
        double t = 1;
        for (int attempt = 0; attempt <= STEP_HALVINGS; attempt++, t /= 2) {
            double ns = s + t * delta[3];
            if (!(ns > 0) || !Double.isFinite(ns)) {
                continue;
            }
            double[] nr = SmallLinearAlgebra.multiply3(
                    SmallLinearAlgebra.rodrigues(t * delta[0], t * delta[1], t * delta[2]), r);
            SmallLinearAlgebra.orthonormalise(nr);
            ScaledOrthographicCamera next = new ScaledOrthographicCamera(nr, ns, camera.tx() + t * delta[4],
                    camera.ty() + t * delta[5]);
            double[] na = new double[ms];
            for (int i = 0; i < ms; i++) {
                na[i] = alpha[i] + t * delta[6 + i];
            }
            double[] nb = new double[me];
            for (int i = 0; i < me; i++) {
                nb[i] = beta[i] + t * delta[6 + ms + i];
            }
            positions(c, na, nb, trial);
            if (objective(c, next, trial, na, nb, weights, shapeRidge, expressionRidge) < before) {
                return new Step(next, na, nb);
            }
        }
        return null;
    }

    /** {@code Σ w_i r_i² + ridge_s ||α||² + ridge_e ||β||²} (pixels²). */
    private static double objective(Correspondences c, ScaledOrthographicCamera camera, double[] points,
            double[] alpha, double[] beta, double[] weights, double shapeRidge, double expressionRidge) {
        double[] r = camera.rotation();
        double s = camera.scale();
        double sum = 0;
        for (int i = 0; i < c.n; i++) {
            if (weights[i] == 0) {
                continue;
            }
            double x = points[3 * i];
            double y = points[3 * i + 1];
            double z = points[3 * i + 2];
            double dx = s * (r[0] * x + r[1] * y + r[2] * z) + camera.tx() - c.image[2 * i];
            double dy = -s * (r[3] * x + r[4] * y + r[5] * z) + camera.ty() - c.image[2 * i + 1];
            sum += weights[i] * (dx * dx + dy * dy);
        }
        for (double a : alpha) {
            sum += shapeRidge * a * a;
        }
        for (double b : beta) {
            sum += expressionRidge * b * b;
        }
        return sum;
    }

    private static double sum(double[] values) {
        double s = 0;
        for (double value : values) {
            s += value;
        }
        return s;
    }

    private static double median(double[] values) {
        return kthSmallest(values, (values.length - 1) / 2);
    }

    private static double kthSmallest(double[] values, int k) {
        double[] copy = values.clone();
        Arrays.sort(copy);
        return copy[Math.max(0, Math.min(copy.length - 1, k))];
    }

    @Override
    public String toString() {
        return "DenseCorrespondenceFitter[model=" + model.name() + ", shapeModes=" + shapeModes + ", expressionModes="
                + expressionModes + ", " + config + "]";
    }
}
