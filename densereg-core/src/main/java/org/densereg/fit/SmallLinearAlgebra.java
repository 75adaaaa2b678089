package org.densereg.fit;

/** Dense linear algebra for the small systems of the fitter (n ≤ a few hundred): plain double arrays. */
final class SmallLinearAlgebra {

    private SmallLinearAlgebra() {
    }

    /**
     * Solves {@code A x = b} for symmetric positive (semi-)definite A by Cholesky factorisation. When A is
     * numerically singular, a ridge of relative size 1e-12, growing ×100 per attempt, is added to its
     * diagonal, so the answer is the minimum-norm-like regularised solution instead of a failure.
     *
     * @param a [n × n] row-major, only the lower triangle is read; not modified
     * @param b [n] right-hand side; not modified
     * @param n system size
     * @return [n] solution
     */
    static double[] solveSymmetric(double[] a, double[] b, int n) {
        double maxDiag = 0;
        for (int i = 0; i < n; i++) {
            maxDiag = Math.max(maxDiag, Math.abs(a[i * n + i]));
        }
        if (maxDiag == 0) {
            maxDiag = 1;
        }
        double[] l = new double[n * n];
        double ridge = 0;
        for (int attempt = 0; attempt < 8; attempt++) {
            if (choleskyFactor(a, n, ridge, l)) {
                return choleskySolve(l, b, n);
            }
            ridge = ridge == 0 ? 1e-12 * maxDiag : ridge * 100;
        }
        throw new IllegalArgumentException("linear system is not positive definite (non-finite input?)");
    }

    private static boolean choleskyFactor(double[] a, int n, double ridge, double[] l) {
        for (int i = 0; i < n; i++) {
            int rowI = i * n;
            for (int j = 0; j <= i; j++) {
                int rowJ = j * n;
                double sum = a[rowI + j];
                if (i == j) {
                    sum += ridge;
                }
                for (int k = 0; k < j; k++) {
                    sum -= l[rowI + k] * l[rowJ + k];
                }
                if (i == j) {
                    if (!(sum > 0)) {
                        return false;
                    }
                    l[rowI + i] = Math.sqrt(sum);
                } else {
                    l[rowI + j] = sum / l[rowJ + j];
                }
            }
        }
        return true;
    }

    private static double[] choleskySolve(double[] l, double[] b, int n) {
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double sum = b[i];
            for (int k = 0; k < i; k++) {
                sum -= l[i * n + k] * y[k];
            }
            y[i] = sum / l[i * n + i];
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double sum = y[i];
            for (int k = i + 1; k < n; k++) {
                sum -= l[k * n + i] * x[k];
            }
            x[i] = sum / l[i * n + i];
        }
        return x;
    }

    /**
     * The rotation {@code exp([w]×)} (Rodrigues' formula).
     *
     * @param wx rotation vector x (radians)
     * @param wy rotation vector y
     * @param wz rotation vector z
     * @return [9] row-major rotation
     */
    static double[] rodrigues(double wx, double wy, double wz) {
        double theta = Math.sqrt(wx * wx + wy * wy + wz * wz);
        if (theta < 1e-300) {
            return new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1};
        }
        double kx = wx / theta;
        double ky = wy / theta;
        double kz = wz / theta;
        double c = Math.cos(theta);
        double s = Math.sin(theta);
        double v = 1 - c;
        return new double[] {
            c + kx * kx * v, kx * ky * v - kz * s, kx * kz * v + ky * s,
            ky * kx * v + kz * s, c + ky * ky * v, ky * kz * v - kx * s,
            kz * kx * v - ky * s, kz * ky * v + kx * s, c + kz * kz * v,
        };
    }

    /** {@code a · b} for [9] row-major 3×3 matrices. */
    static double[] multiply3(double[] a, double[] b) {
        double[] c = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                c[3 * i + j] = a[3 * i] * b[j] + a[3 * i + 1] * b[3 + j] + a[3 * i + 2] * b[6 + j];
            }
        }
        return c;
    }

    /**
     * Re-orthonormalises a nearly orthonormal rotation (Gram–Schmidt on the first two rows, third row = their
     * cross product, so the determinant is +1).
     *
     * @param r [9] row-major, modified in place
     */
    static void orthonormalise(double[] r) {
        double n0 = Math.sqrt(r[0] * r[0] + r[1] * r[1] + r[2] * r[2]);
        r[0] /= n0;
        r[1] /= n0;
        r[2] /= n0;
        double d = r[0] * r[3] + r[1] * r[4] + r[2] * r[5];
        r[3] -= d * r[0];
        r[4] -= d * r[1];
        r[5] -= d * r[2];
        double n1 = Math.sqrt(r[3] * r[3] + r[4] * r[4] + r[5] * r[5]);
        r[3] /= n1;
        r[4] /= n1;
        r[5] /= n1;
        r[6] = r[1] * r[5] - r[2] * r[4];
        r[7] = r[2] * r[3] - r[0] * r[5];
        r[8] = r[0] * r[4] - r[1] * r[3];
    }
}
