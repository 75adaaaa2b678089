package org.densereg.model3d;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GaussianProcessBasisTest {

    @Test
    void variancesAreTheLeadingEigenvaluesOfTheCoordinateKernels() {
        int n = 40;
        Random r = new Random(21);
        float[] p = new float[3 * n];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) (r.nextDouble() * 100 - 50);
        }
        double[] ell = {40, 15};
        double[] amp = {5, 2};
        double rho = 0.6;
        int modes = 25;
        GaussianProcessBasis.Result gp = GaussianProcessBasis.compute(p, ell, amp, rho, modes, 1);
        DefaultFaceModelTest.assertOrthonormal(gp.basis(), 3 * n, modes, 1e-5);

        // reference: dense Jacobi of the x kernel (mirror sign −1) and the y/z kernel (+1), merged
        double[] all = new double[3 * n];
        for (int c = 0; c < 3; c++) {
            double sign = c == 0 ? -1 : 1;
            double[] k = new double[n * n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double d2 = sq(p[3 * i] - p[3 * j]) + sq(p[3 * i + 1] - p[3 * j + 1]) + sq(p[3 * i + 2] - p[3 * j + 2]);
                    double m2 = sq(p[3 * i] + p[3 * j]) + sq(p[3 * i + 1] - p[3 * j + 1]) + sq(p[3 * i + 2] - p[3 * j + 2]);
                    for (int s = 0; s < 2; s++) {
                        k[i * n + j] += amp[s] * amp[s] * (Math.exp(-d2 / (2 * ell[s] * ell[s]))
                                + rho * sign * Math.exp(-m2 / (2 * ell[s] * ell[s])));
                    }
                }
            }
            System.arraycopy(SymmetricEigen.jacobi(k, n).values(), 0, all, c * n, n);
        }
        Arrays.sort(all);
        for (int m = 0; m < modes; m++) {
            assertEquals(all[3 * n - 1 - m], gp.variances()[m], 1e-5 * all[3 * n - 1], "variance " + m);
        }
        // each column moves a single coordinate
        for (int m = 0; m < modes; m++) {
            int used = 0;
            for (int c = 0; c < 3; c++) {
                for (int i = 0; i < n; i++) {
                    if (gp.basis()[(3 * i + c) * modes + m] != 0) {
                        used |= 1 << c;
                        break;
                    }
                }
            }
            assertEquals(1, Integer.bitCount(used), "column " + m + " uses one coordinate");
        }
    }

    @Test
    void defaultModelBasisHoldsTheLeadingEigenvectorsOfItsKernel() {
        MorphableModel model = DefaultFaceModel.load();
        float[] p = model.mean();
        int n = model.vertexCount();
        int modes = model.shapeModes();
        double rho = DefaultFaceModel.MIRROR_COUPLING;
        double[] ell = {DefaultFaceModel.COARSE_LENGTH_SCALE_MM, DefaultFaceModel.FINE_LENGTH_SCALE_MM};
        double[] amp = {DefaultFaceModel.COARSE_AMPLITUDE_MM, DefaultFaceModel.FINE_AMPLITUDE_MM};
        double[][] kernels = new double[2][n * n]; // x, then y = z
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double d2 = sq(p[3 * i] - p[3 * j]) + sq(p[3 * i + 1] - p[3 * j + 1]) + sq(p[3 * i + 2] - p[3 * j + 2]);
                double m2 = sq(p[3 * i] + p[3 * j]) + sq(p[3 * i + 1] - p[3 * j + 1]) + sq(p[3 * i + 2] - p[3 * j + 2]);
                for (int s = 0; s < 2; s++) {
                    double direct = amp[s] * amp[s] * Math.exp(-d2 / (2 * ell[s] * ell[s]));
                    double mirror = amp[s] * amp[s] * Math.exp(-m2 / (2 * ell[s] * ell[s]));
                    kernels[0][i * n + j] += direct - rho * mirror;
                    kernels[1][i * n + j] += direct + rho * mirror;
                }
            }
        }
        double lambdaMax = model.shapeVariances()[0];
        double lambdaMin = model.shapeVariances()[modes - 1];
        int[] used = new int[3];
        for (int m = 0; m < modes; m++) {
            int c = -1;
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                for (int cc = 0; cc < 3; cc++) {
                    float b = model.shapeBasis()[(3 * i + cc) * modes + m];
                    if (b != 0) {
                        c = cc;
                        v[i] = b;
                    }
                }
            }
            used[c]++;
            double[] kv = multiply(kernels[c == 0 ? 0 : 1], v, n);
            double residual = 0;
            for (int i = 0; i < n; i++) {
                residual += sq(kv[i] - model.shapeVariances()[m] * v[i]);
            }
            assertTrue(Math.sqrt(residual) < 1e-4 * lambdaMax, "eigen-residual of mode " + m + ": " + Math.sqrt(residual));
        }
        // nothing larger was missed: power iteration on each kernel deflated by the kept modes of its coordinate
        for (int c = 0; c < 2; c++) {
            double[][] kept = new double[modes][];
            int count = 0;
            for (int m = 0; m < modes; m++) {
                double[] v = new double[n];
                boolean mine = false;
                for (int i = 0; i < n; i++) {
                    v[i] = model.shapeBasis()[(3 * i + c) * modes + m];
                    mine |= v[i] != 0;
                }
                if (mine) {
                    kept[count++] = v;
                }
            }
            Random r = new Random(5);
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = r.nextGaussian();
            }
            double rayleigh = 0;
            for (int it = 0; it < 60; it++) {
                for (int k = 0; k < count; k++) {
                    double d = 0;
                    for (int i = 0; i < n; i++) {
                        d += kept[k][i] * x[i];
                    }
                    for (int i = 0; i < n; i++) {
                        x[i] -= d * kept[k][i];
                    }
                }
                double norm = Math.sqrt(dot(x, x));
                for (int i = 0; i < n; i++) {
                    x[i] /= norm;
                }
                double[] kx = multiply(kernels[c], x, n);
                rayleigh = dot(x, kx);
                x = kx;
            }
            assertTrue(rayleigh <= lambdaMin * 1.001, "coordinate " + c + ": a missed eigenvalue " + rayleigh
                    + " above the smallest kept " + lambdaMin);
        }
        assertEquals(used[1], used[2], "y and z share a kernel, so they get equally many modes");
    }

    private static double[] multiply(double[] a, double[] x, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < n; j++) {
                s += a[i * n + j] * x[j];
            }
            out[i] = s;
        }
        return out;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @Test
    void rejectsBadParameters() {
        float[] p = new float[9];
        assertThrows(IllegalArgumentException.class,
                () -> GaussianProcessBasis.compute(p, new double[] {1}, new double[] {1}, 1.5, 2, 0));
        assertThrows(IllegalArgumentException.class,
                () -> GaussianProcessBasis.compute(p, new double[] {1}, new double[] {1}, 0.5, 10, 0));
        assertThrows(IllegalArgumentException.class,
                () -> GaussianProcessBasis.compute(p, new double[] {1, 2}, new double[] {1}, 0.5, 2, 0));
    }

    private static double sq(double x) {
        return x * x;
    }
}
