package org.densereg.fit;

/**
 * Least-squares scaled-orthographic camera from 3D–2D point correspondences.
 *
 * <p>Method: (1) a general affine camera by linear least squares on centred points; (2) its 2×3 linear part M
 * (second row negated for the y-down image) is replaced by the nearest matrix with orthonormal rows,
 * {@code (M Mᵀ)^(-1/2) M} (the polar factor, equivalent to setting M's singular values to 1); the third rotation
 * row is the cross product of the first two, so det R = +1; (3) scale and translation are re-solved in closed
 * form for that rotation; (4) a few Gauss–Newton steps on (rotation vector, scale, translation) minimise the
 * true scaled-orthographic reprojection error, starting from the better of this estimate and the previous
 * camera, accepting a step only when it lowers the error.
 */
final class CameraEstimator {

    private static final int GAUSS_NEWTON_STEPS = 3;

    private CameraEstimator() {
    }

    /**
     * Estimates the camera.
     *
     * @param model    [3K] model-space points, interleaved x, y, z
     * @param image    [2K] image points (pixels, y down), interleaved x, y
     * @param count    K, at least 4
     * @param previous a previous estimate to refine from, or null
     * @return the camera minimising Σ ||project(model_k) − image_k||² (locally)
     * @throws IllegalArgumentException when the points are degenerate (e.g. collinear)
     */
    static ScaledOrthographicCamera estimate(double[] model, double[] image, int count, ScaledOrthographicCamera previous) {
        ScaledOrthographicCamera affine = fromAffine(model, image, count);
        ScaledOrthographicCamera best = affine;
        double bestCost = cost(affine.rotation(), affine.scale(), affine.tx(), affine.ty(), model, image, count);
        if (previous != null) {
            double previousCost = cost(previous.rotation(), previous.scale(), previous.tx(), previous.ty(), model, image, count);
            if (previousCost < bestCost) {
                best = previous;
                bestCost = previousCost;
            }
        }
        return refine(best, bestCost, model, image, count);
    }

    private static ScaledOrthographicCamera fromAffine(double[] model, double[] image, int count) {
        double mx = 0;
        double my = 0;
        double mz = 0;
        double ix = 0;
        double iy = 0;
        for (int k = 0; k < count; k++) {
            mx += model[3 * k];
            my += model[3 * k + 1];
            mz += model[3 * k + 2];
            ix += image[2 * k];
            iy += image[2 * k + 1];
        }
        mx /= count;
        my /= count;
        mz /= count;
        ix /= count;
        iy /= count;
        double[] normal = new double[9];
        double[] rhsX = new double[3];
        double[] rhsY = new double[3];
        for (int k = 0; k < count; k++) {
            double[] p = {model[3 * k] - mx, model[3 * k + 1] - my, model[3 * k + 2] - mz};
            double u = image[2 * k] - ix;
            double v = image[2 * k + 1] - iy;
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    normal[3 * i + j] += p[i] * p[j];
                }
                rhsX[i] += p[i] * u;
                rhsY[i] += p[i] * v;
            }
        }
        double[] a = SmallLinearAlgebra.solveSymmetric(normal, rhsX, 3);
        double[] b = SmallLinearAlgebra.solveSymmetric(normal, rhsY, 3);
        // rows of s·[r0; r1]: image x = s r0·X + tx, image y = −s r1·X + ty
        double[] m0 = a;
        double[] m1 = {-b[0], -b[1], -b[2]};
        double g00 = dot(m0, m0);
        double g01 = dot(m0, m1);
        double g11 = dot(m1, m1);
        // eigen-decomposition of the 2×2 Gram matrix G = M Mᵀ
        double tr = g00 + g11;
        double disc = Math.sqrt(Math.max(0, (g00 - g11) * (g00 - g11) / 4 + g01 * g01));
        double l1 = tr / 2 + disc;
        double l2 = tr / 2 - disc;
        if (!(l1 > 0) || !(l2 > 1e-12 * l1) || !Double.isFinite(l1)) {
            throw new IllegalArgumentException("landmarks are degenerate (collinear or coincident): no camera can be estimated");
        }
        double e1x;
        double e1y;
        if (Math.abs(g01) > 1e-300) {
            e1x = l1 - g11;
            e1y = g01;
        } else if (g00 >= g11) {
            e1x = 1;
            e1y = 0;
        } else {
            e1x = 0;
            e1y = 1;
        }
        double n = Math.hypot(e1x, e1y);
        e1x /= n;
        e1y /= n;
        double e2x = -e1y;
        double e2y = e1x;
        double q1 = 1 / Math.sqrt(l1);
        double q2 = 1 / Math.sqrt(l2);
        // G^(-1/2) = q1 e1 e1ᵀ + q2 e2 e2ᵀ
        double h00 = q1 * e1x * e1x + q2 * e2x * e2x;
        double h01 = q1 * e1x * e1y + q2 * e2x * e2y;
        double h11 = q1 * e1y * e1y + q2 * e2y * e2y;
        double[] r = new double[9];
        for (int j = 0; j < 3; j++) {
            r[j] = h00 * m0[j] + h01 * m1[j];
            r[3 + j] = h01 * m0[j] + h11 * m1[j];
        }
        SmallLinearAlgebra.orthonormalise(r);
        // closed-form scale and translation for this rotation
        double num = 0;
        double den = 0;
        double uMean = r[0] * mx + r[1] * my + r[2] * mz;
        double wMean = r[3] * mx + r[4] * my + r[5] * mz;
        for (int k = 0; k < count; k++) {
            double x = model[3 * k] - mx;
            double y = model[3 * k + 1] - my;
            double z = model[3 * k + 2] - mz;
            double u = r[0] * x + r[1] * y + r[2] * z;
            double w = r[3] * x + r[4] * y + r[5] * z;
            num += u * (image[2 * k] - ix) - w * (image[2 * k + 1] - iy);
            den += u * u + w * w;
        }
        double s = num / den;
        if (!(s > 0) || !Double.isFinite(s)) {
            s = (Math.sqrt(l1) + Math.sqrt(l2)) / 2;
        }
        return new ScaledOrthographicCamera(r, s, ix - s * uMean, iy + s * wMean);
    }

    private static ScaledOrthographicCamera refine(
            ScaledOrthographicCamera start, double startCost, double[] model, double[] image, int count) {
        double[] r = start.rotation();
        double s = start.scale();
        double tx = start.tx();
        double ty = start.ty();
        double current = startCost;
        for (int step = 0; step < GAUSS_NEWTON_STEPS; step++) {
            double[] jtj = new double[36];
            double[] jtr = new double[6];
            double[] jx = new double[6];
            double[] jy = new double[6];
            for (int k = 0; k < count; k++) {
                double x = model[3 * k];
                double y = model[3 * k + 1];
                double z = model[3 * k + 2];
                double yx = r[0] * x + r[1] * y + r[2] * z;
                double yy = r[3] * x + r[4] * y + r[5] * z;
                double yz = r[6] * x + r[7] * y + r[8] * z;
                double resX = s * yx + tx - image[2 * k];
                double resY = -s * yy + ty - image[2 * k + 1];
                // parameters: left rotation increment (wx, wy, wz), scale, tx, ty
                jx[0] = 0;
                jx[1] = s * yz;
                jx[2] = -s * yy;
                jx[3] = yx;
                jx[4] = 1;
                jx[5] = 0;
                jy[0] = s * yz;
                jy[1] = 0;
                jy[2] = -s * yx;
                jy[3] = -yy;
                jy[4] = 0;
                jy[5] = 1;
                for (int i = 0; i < 6; i++) {
                    jtr[i] += jx[i] * resX + jy[i] * resY;
                    for (int j = 0; j <= i; j++) {
                        jtj[6 * i + j] += jx[i] * jx[j] + jy[i] * jy[j];
                    }
                }
            }
            for (int i = 0; i < 6; i++) {
                jtr[i] = -jtr[i];
                jtj[6 * i + i] *= 1 + 1e-9;
            }
            double[] delta = SmallLinearAlgebra.solveSymmetric(jtj, jtr, 6);
            double[] nr = SmallLinearAlgebra.multiply3(SmallLinearAlgebra.rodrigues(delta[0], delta[1], delta[2]), r);
            SmallLinearAlgebra.orthonormalise(nr);
            double ns = s + delta[3];
            double ntx = tx + delta[4];
            double nty = ty + delta[5];
            if (!(ns > 0)) {
                break;
            }
            double nc = cost(nr, ns, ntx, nty, model, image, count);
            if (!(nc < current)) {
                break;
            }
            boolean converged = current - nc <= 1e-12 * current;
            r = nr;
            s = ns;
            tx = ntx;
            ty = nty;
            current = nc;
            if (converged) {
                break;
            }
        }
        return new ScaledOrthographicCamera(r, s, tx, ty);
    }

    private static double cost(double[] r, double s, double tx, double ty, double[] model, double[] image, int count) {
        double sum = 0;
        for (int k = 0; k < count; k++) {
            double x = model[3 * k];
            double y = model[3 * k + 1];
            double z = model[3 * k + 2];
            double dx = s * (r[0] * x + r[1] * y + r[2] * z) + tx - image[2 * k];
            double dy = -s * (r[3] * x + r[4] * y + r[5] * z) + ty - image[2 * k + 1];
            sum += dx * dx + dy * dy;
        }
        return sum;
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }
}
