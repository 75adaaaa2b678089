package org.densereg.model3d;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SymmetricEigenTest {

    /** A = Bᵀ B + diagonal jitter: symmetric positive definite with a spread spectrum. */
    private static double[] randomSpd(int n, long seed) {
        Random r = new Random(seed);
        double[] b = new double[n * n];
        for (int i = 0; i < b.length; i++) {
            b[i] = r.nextGaussian();
        }
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < n; k++) {
                    s += b[k * n + i] * b[k * n + j];
                }
                a[i * n + j] = s;
            }
        }
        return a;
    }

    private static void assertEigenpairs(double[] a, int n, SymmetricEigen.Result e, double tolerance) {
        int k = e.values().length;
        for (int m = 0; m < k; m++) {
            double residual = 0;
            for (int i = 0; i < n; i++) {
                double av = 0;
                for (int j = 0; j < n; j++) {
                    av += a[i * n + j] * e.vectors()[m * n + j];
                }
                residual = Math.max(residual, Math.abs(av - e.values()[m] * e.vectors()[m * n + i]));
            }
            assertTrue(residual < tolerance * Math.abs(e.values()[0]), "residual of pair " + m + ": " + residual);
            for (int l = 0; l <= m; l++) {
                double dot = 0;
                for (int i = 0; i < n; i++) {
                    dot += e.vectors()[m * n + i] * e.vectors()[l * n + i];
                }
                assertEquals(l == m ? 1 : 0, dot, 1e-9, "vectors " + l + ", " + m);
            }
            if (m > 0) {
                assertTrue(e.values()[m] <= e.values()[m - 1], "sorted descending");
            }
        }
    }

    @Test
    void jacobiDiagonalisesADenseMatrix() {
        int n = 30;
        double[] a = randomSpd(n, 7);
        SymmetricEigen.Result e = SymmetricEigen.jacobi(a, n);
        assertEigenpairs(a, n, e, 1e-10);
        double trace = 0;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            trace += a[i * n + i];
            sum += e.values()[i];
        }
        assertEquals(trace, sum, 1e-9 * trace);
    }

    @Test
    void jacobiOnAKnownTwoByTwo() {
        SymmetricEigen.Result e = SymmetricEigen.jacobi(new double[] {2, 1, 1, 2}, 2);
        assertArrayEquals(new double[] {3, 1}, e.values(), 1e-12);
        double h = Math.sqrt(0.5);
        assertArrayEquals(new double[] {h, h}, new double[] {e.vectors()[0], e.vectors()[1]}, 1e-12);
    }

    @Test
    void tridiagonalQlAgreesWithJacobi() {
        int n = 25;
        Random r = new Random(4);
        double[] d = new double[n];
        double[] e = new double[n];
        double[] dense = new double[n * n];
        for (int i = 0; i < n; i++) {
            d[i] = r.nextGaussian();
            dense[i * n + i] = d[i];
            if (i + 1 < n) {
                e[i] = i == 7 ? 0 : r.nextGaussian(); // one split point
                dense[i * n + i + 1] = e[i];
                dense[(i + 1) * n + i] = e[i];
            }
        }
        SymmetricEigen.Result ql = SymmetricEigen.tridiagonal(d, e, n);
        assertEigenpairs(dense, n, ql, 1e-12);
        assertArrayEquals(SymmetricEigen.jacobi(dense, n).values(), ql.values(), 1e-12);
    }

    @Test
    void lanczosFindsTheLeadingEigenpairsOfAKernelMatrix() {
        int n = 150;
        Random r = new Random(3);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextDouble() * 10;
        }
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a[i * n + j] = Math.exp(-(x[i] - x[j]) * (x[i] - x[j]) / 2);
            }
        }
        SymmetricEigen.Result dense = SymmetricEigen.jacobi(a, n);
        SymmetricEigen.Result lanczos = SymmetricEigen.leading(a, n, 12, 11);
        assertEigenpairs(a, n, lanczos, 1e-8);
        for (int m = 0; m < 12; m++) {
            assertEquals(dense.values()[m], lanczos.values()[m], 1e-9 * dense.values()[0], "eigenvalue " + m);
        }
    }

    @Test
    void lanczosSurvivesAnInvariantStartSubspace() {
        // block-diagonal identity-like matrix: Krylov spaces break down after one step
        int n = 6;
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            a[i * n + i] = i < 3 ? 5 : 1;
        }
        SymmetricEigen.Result e = SymmetricEigen.leading(a, n, 4, 1);
        assertArrayEquals(new double[] {5, 5, 5, 1}, e.values(), 1e-12);
    }

    @Test
    void lanczosIsDeterministic() {
        double[] a = randomSpd(40, 5);
        SymmetricEigen.Result e1 = SymmetricEigen.leading(a, 40, 8, 99);
        SymmetricEigen.Result e2 = SymmetricEigen.leading(a, 40, 8, 99);
        assertArrayEquals(e1.values(), e2.values(), 0);
        assertArrayEquals(e1.vectors(), e2.vectors(), 0);
    }
}
