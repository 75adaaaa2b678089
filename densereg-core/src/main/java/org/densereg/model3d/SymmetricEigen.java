package org.densereg.model3d;

import java.util.Arrays;
import java.util.Random;

/**
 * Eigen-decomposition of real symmetric matrices, small and deterministic: cyclic Jacobi rotations for small
 * dense matrices, and Lanczos with full re-orthogonalisation (implicit QL on the tridiagonal matrix) for the
 * leading eigenpairs of larger ones. Plain double arithmetic with a seeded start vector, so the
 * same input gives bit-identical output on every JVM.
 */
final class SymmetricEigen {

    /**
     * Eigenpairs sorted by decreasing eigenvalue.
     *
     * @param values  [K] eigenvalues, largest first
     * @param vectors [K × n] row-major: row k is the unit eigenvector of {@code values[k]}, its largest-magnitude
     *                entry positive
     */
    record Result(double[] values, double[] vectors) {
    }

    private static final int MAX_SWEEPS = 100;

    private SymmetricEigen() {
    }

    /**
     * All eigenpairs of a dense symmetric matrix by cyclic Jacobi rotations (O(n³) per sweep: keep n small).
     *
     * @param matrix [n × n] row-major symmetric matrix (not modified)
     * @param n      order of the matrix
     * @return all n eigenpairs, largest eigenvalue first
     */
    static Result jacobi(double[] matrix, int n) {
        if (matrix.length != n * n) {
            throw new IllegalArgumentException("matrix length " + matrix.length + " != " + n + "²");
        }
        double[] a = matrix.clone();
        double[] v = new double[n * n];
        for (int i = 0; i < n; i++) {
            v[i * n + i] = 1;
        }
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            double off = 0;
            double total = 0;
            for (int p = 0; p < n; p++) {
                for (int q = 0; q < n; q++) {
                    double x = a[p * n + q] * a[p * n + q];
                    total += x;
                    if (p != q) {
                        off += x;
                    }
                }
            }
            if (off <= 1e-30 * total || off == 0) {
                break;
            }
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    rotate(a, v, n, p, q);
                }
            }
        }
        double[] values = new double[n];
        double[] vectors = new double[n * n];
        for (int k = 0; k < n; k++) {
            values[k] = a[k * n + k];
            for (int i = 0; i < n; i++) {
                vectors[k * n + i] = v[i * n + k];
            }
        }
        return sorted(values, vectors, n, n);
    }

    /** One Jacobi rotation A ← Pᵀ A P that zeroes a[p][q]; accumulates V ← V P. */
    private static void rotate(double[] a, double[] v, int n, int p, int q) {
        double apq = a[p * n + q];
        if (apq == 0) {
            return;
        }
        double theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
        double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        if (theta == 0) {
            t = 1;
        }
        double c = 1 / Math.sqrt(t * t + 1);
        double s = t * c;
        for (int r = 0; r < n; r++) {
            double arp = a[r * n + p];
            double arq = a[r * n + q];
            a[r * n + p] = c * arp - s * arq;
            a[r * n + q] = s * arp + c * arq;
        }
        for (int r = 0; r < n; r++) {
            double apr = a[p * n + r];
            double aqr = a[q * n + r];
            a[p * n + r] = c * apr - s * aqr;
            a[q * n + r] = s * apr + c * aqr;
        }
        a[p * n + q] = 0;
        a[q * n + p] = 0;
        for (int r = 0; r < n; r++) {
            double vrp = v[r * n + p];
            double vrq = v[r * n + q];
            v[r * n + p] = c * vrp - s * vrq;
            v[r * n + q] = s * vrp + c * vrq;
        }
    }

    /**
     * The {@code k} largest eigenpairs of a symmetric matrix by Lanczos iteration with full re-orthogonalisation
     * ({@code min(n, 2k + 40)} steps from a seeded Gaussian start vector; on breakdown a fresh seeded vector
     * orthogonal to the Krylov space is used, so invariant subspaces do not hide eigenvalues).
     *
     * @param matrix [n × n] row-major symmetric matrix (not modified)
     * @param n      order of the matrix
     * @param k      number of leading eigenpairs wanted, 1 ≤ k ≤ n
     * @param seed   seed of the start vectors
     * @return the k largest eigenpairs, largest first
     */
    static Result leading(double[] matrix, int n, int k, long seed) {
        if (matrix.length != n * n) {
            throw new IllegalArgumentException("matrix length " + matrix.length + " != " + n + "²");
        }
        if (k < 1 || k > n) {
            throw new IllegalArgumentException("k = " + k + " outside [1, " + n + "]");
        }
        int steps = Math.min(n, 2 * k + 40);
        Random random = new Random(seed);
        double[][] q = new double[steps][];
        double[] alpha = new double[steps];
        double[] beta = new double[steps];
        double scale = 0;
        for (double x : matrix) {
            scale = Math.max(scale, Math.abs(x));
        }
        q[0] = freshVector(random, q, 0, n);
        double[] w = new double[n];
        for (int j = 0; j < steps; j++) {
            multiply(matrix, n, q[j], w);
            alpha[j] = dot(q[j], w);
            for (int i = 0; i < n; i++) {
                w[i] -= alpha[j] * q[j][i] + (j > 0 ? beta[j - 1] * q[j - 1][i] : 0);
            }
            orthogonalise(w, q, j + 1);
            orthogonalise(w, q, j + 1);
            if (j + 1 == steps) {
                break;
            }
            double norm = Math.sqrt(dot(w, w));
            if (norm <= 1e-12 * Math.max(scale, Double.MIN_NORMAL) * n) {
                beta[j] = 0;
                q[j + 1] = freshVector(random, q, j + 1, n);
            } else {
                beta[j] = norm;
                q[j + 1] = new double[n];
                for (int i = 0; i < n; i++) {
                    q[j + 1][i] = w[i] / norm;
                }
            }
        }
        double[] subdiagonal = new double[steps];
        System.arraycopy(beta, 0, subdiagonal, 0, steps - 1);
        Result ritz = tridiagonal(alpha.clone(), subdiagonal, steps);
        double[] values = Arrays.copyOf(ritz.values(), k);
        double[] vectors = new double[k * n];
        for (int m = 0; m < k; m++) {
            for (int j = 0; j < steps; j++) {
                double s = ritz.vectors()[m * steps + j];
                if (s != 0) {
                    for (int i = 0; i < n; i++) {
                        vectors[m * n + i] += s * q[j][i];
                    }
                }
            }
            normaliseAndOrient(vectors, m, n);
        }
        return new Result(values, vectors);
    }

    /**
     * All eigenpairs of a symmetric tridiagonal matrix by the implicit QL algorithm with Wilkinson-type shifts.
     *
     * @param d [n] diagonal (overwritten)
     * @param e [n] e[i] = T[i][i+1] for i &lt; n − 1, e[n − 1] ignored (overwritten)
     * @param n order
     * @return all eigenpairs, largest first
     */
    static Result tridiagonal(double[] d, double[] e, int n) {
        double[] z = new double[n * n];
        for (int i = 0; i < n; i++) {
            z[i * n + i] = 1;
        }
        e[n - 1] = 0;
        for (int l = 0; l < n; l++) {
            int iterations = 0;
            int m;
            do {
                for (m = l; m < n - 1; m++) {
                    double dd = Math.abs(d[m]) + Math.abs(d[m + 1]);
                    if (Math.abs(e[m]) <= 1e-16 * dd) {
                        break;
                    }
                }
                if (m != l) {
                    if (iterations++ == 100) {
                        throw new IllegalStateException("tridiagonal QL did not converge");
                    }
                    double g = (d[l + 1] - d[l]) / (2 * e[l]);
                    double r = Math.hypot(g, 1);
                    g = d[m] - d[l] + e[l] / (g + Math.copySign(r, g));
                    double s = 1;
                    double c = 1;
                    double p = 0;
                    int i;
                    boolean underflow = false;
                    for (i = m - 1; i >= l; i--) {
                        double f = s * e[i];
                        double b = c * e[i];
                        r = Math.hypot(f, g);
                        e[i + 1] = r;
                        if (r == 0) {
                            d[i + 1] -= p;
                            e[m] = 0;
                            underflow = true;
                            break;
                        }
                        s = f / r;
                        c = g / r;
                        g = d[i + 1] - p;
                        r = (d[i] - g) * s + 2 * c * b;
                        p = s * r;
                        d[i + 1] = g + p;
                        g = c * r - b;
                        for (int k = 0; k < n; k++) {
                            double zk1 = z[k * n + i + 1];
                            z[k * n + i + 1] = s * z[k * n + i] + c * zk1;
                            z[k * n + i] = c * z[k * n + i] - s * zk1;
                        }
                    }
                    if (underflow) {
                        continue;
                    }
                    d[l] -= p;
                    e[l] = g;
                    e[m] = 0;
                }
            } while (m != l);
        }
        double[] vectors = new double[n * n];
        for (int k = 0; k < n; k++) {
            for (int i = 0; i < n; i++) {
                vectors[k * n + i] = z[i * n + k];
            }
        }
        return sorted(d, vectors, n, n);
    }

    /** A seeded Gaussian unit vector orthogonal to q[0..count). */
    private static double[] freshVector(Random random, double[][] q, int count, int n) {
        for (int attempt = 0; attempt < 10; attempt++) {
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = random.nextGaussian();
            }
            orthogonalise(x, q, count);
            orthogonalise(x, q, count);
            double norm = Math.sqrt(dot(x, x));
            if (norm > 1e-6) {
                for (int i = 0; i < n; i++) {
                    x[i] /= norm;
                }
                return x;
            }
        }
        throw new IllegalStateException("could not find a vector orthogonal to " + count + " Lanczos vectors in R^" + n);
    }

    private static void orthogonalise(double[] x, double[][] q, int count) {
        for (int j = 0; j < count; j++) {
            double d = dot(q[j], x);
            for (int i = 0; i < x.length; i++) {
                x[i] -= d * q[j][i];
            }
        }
    }

    private static void multiply(double[] a, int n, double[] x, double[] out) {
        for (int r = 0; r < n; r++) {
            double sum = 0;
            int base = r * n;
            for (int c = 0; c < n; c++) {
                sum += a[base + c] * x[c];
            }
            out[r] = sum;
        }
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static Result sorted(double[] values, double[] vectors, int count, int n) {
        Integer[] order = new Integer[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> {
            int c = Double.compare(values[y], values[x]);
            return c != 0 ? c : Integer.compare(x, y);
        });
        double[] sv = new double[count];
        double[] svec = new double[count * n];
        for (int k = 0; k < count; k++) {
            sv[k] = values[order[k]];
            System.arraycopy(vectors, order[k] * n, svec, k * n, n);
            normaliseAndOrient(svec, k, n);
        }
        return new Result(sv, svec);
    }

    /** Scales row k to unit length and flips it so that its largest-magnitude entry (first on ties) is positive. */
    private static void normaliseAndOrient(double[] vectors, int k, int n) {
        double norm = 0;
        int argmax = 0;
        double max = -1;
        for (int i = 0; i < n; i++) {
            double x = vectors[k * n + i];
            norm += x * x;
            if (Math.abs(x) > max + 1e-12 * Math.abs(max)) {
                max = Math.abs(x);
                argmax = i;
            }
        }
        double f = (vectors[k * n + argmax] < 0 ? -1 : 1) / Math.sqrt(norm);
        for (int i = 0; i < n; i++) {
            vectors[k * n + i] *= f;
        }
    }
}
