package org.densereg.model3d;

/**
 * The leading eigenpairs of a Gaussian-process deformation prior over a template's vertices: a low-rank
 * "Gaussian process morphable model" basis.
 *
 * <p>Kernel. Displacements of the three coordinates are independent processes. Coordinate c of vertex i and
 * coordinate c of vertex j covary as
 * {@code k_c(p_i, p_j) = Σ_s a_s² [exp(−|p_i − p_j|² / 2ℓ_s²) + ρ σ_c exp(−|p_i − R p_j|² / 2ℓ_s²)]},
 * a sum of Gaussian (squared-exponential) kernels with length scales ℓ_s and amplitudes a_s, where R mirrors a
 * point across the plane {@code x = 0} and σ_c = −1 for x, +1 for y and z. The mirror term (0 ≤ ρ ≤ 1) makes
 * left/right mirror-symmetric deformations more likely than asymmetric ones; the kernel stays positive
 * semi-definite because k + σ k∘R is a Gram matrix of φ(p) + σ φ(Rp) for a mirror-invariant k.
 *
 * <p>The kernel matrix of each coordinate ([N × N]) is decomposed with {@link SymmetricEigen#leading}; the M
 * largest eigenvalues over all three coordinates are kept (ties: x before y before z, then by rank). Column m of
 * the basis is the unit eigenvector placed in its coordinate's rows, and its variance is the eigenvalue, so
 * {@code Σ_m basis[:, m]² · variance[m]} approaches the kernel's diagonal as M grows.
 */
final class GaussianProcessBasis {

    /**
     * The basis.
     *
     * @param basis     [3N × M] row-major, entry {@code (3i + c) * M + m}; orthonormal columns
     * @param variances [M] eigenvalues (squared model units), largest first
     */
    record Result(float[] basis, float[] variances) {
    }

    private GaussianProcessBasis() {
    }

    /**
     * Computes the basis.
     *
     * @param points         [3N] template vertices, interleaved x, y, z, mirror plane x = 0
     * @param lengthScales   [S] length scale ℓ_s of each kernel term, in the units of {@code points}
     * @param amplitudes     [S] amplitude a_s of each kernel term (standard deviation of one coordinate)
     * @param mirrorCoupling ρ in [0, 1]
     * @param modes          M, the number of modes kept, 1 ≤ M ≤ 3N
     * @param seed           seed of the Lanczos start vectors
     * @return basis and variances
     */
    static Result compute(float[] points, double[] lengthScales, double[] amplitudes, double mirrorCoupling,
            int modes, long seed) {
        int n = points.length / 3;
        if (lengthScales.length != amplitudes.length || lengthScales.length == 0) {
            throw new IllegalArgumentException("need as many amplitudes as length scales (and at least one)");
        }
        if (!(mirrorCoupling >= 0 && mirrorCoupling <= 1)) {
            throw new IllegalArgumentException("mirror coupling " + mirrorCoupling + " outside [0, 1]");
        }
        if (modes < 1 || modes > 3 * n) {
            throw new IllegalArgumentException("modes " + modes + " outside [1, " + 3 * n + "]");
        }
        double[] direct = kernelMatrix(points, lengthScales, amplitudes, false);
        double[] mirrored = mirrorCoupling == 0 ? null : kernelMatrix(points, lengthScales, amplitudes, true);
        int perCoordinate = Math.min(modes, n);
        SymmetricEigen.Result[] eig = new SymmetricEigen.Result[3];
        for (int c = 0; c < 2; c++) {
            double sign = c == 0 ? -1 : 1;
            double[] k = direct.clone();
            if (mirrored != null) {
                for (int e = 0; e < k.length; e++) {
                    k[e] += mirrorCoupling * sign * mirrored[e];
                }
            }
            eig[c] = SymmetricEigen.leading(k, n, perCoordinate, seed + c);
        }
        eig[2] = eig[1]; // y and z have the same kernel matrix
        // merge: the M largest eigenvalues over the three coordinates
        int[] next = new int[3];
        int[] coordinate = new int[modes];
        int[] rank = new int[modes];
        for (int m = 0; m < modes; m++) {
            int best = -1;
            for (int c = 0; c < 3; c++) {
                if (next[c] < perCoordinate
                        && (best < 0 || eig[c].values()[next[c]] > eig[best].values()[next[best]])) {
                    best = c;
                }
            }
            coordinate[m] = best;
            rank[m] = next[best]++;
        }
        float[] basis = new float[3 * n * modes];
        float[] variances = new float[modes];
        for (int m = 0; m < modes; m++) {
            SymmetricEigen.Result e = eig[coordinate[m]];
            variances[m] = (float) Math.max(0, e.values()[rank[m]]);
            for (int i = 0; i < n; i++) {
                basis[(3 * i + coordinate[m]) * modes + m] = (float) e.vectors()[rank[m] * n + i];
            }
        }
        return new Result(basis, variances);
    }

    /** [N × N] Σ_s a_s² exp(−|p_i − q_j|² / 2ℓ_s²) with q = p, or q = R p (mirrored) when {@code mirror}. */
    private static double[] kernelMatrix(float[] p, double[] lengthScales, double[] amplitudes, boolean mirror) {
        int n = p.length / 3;
        double[] k = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double dx = mirror ? (double) p[3 * i] + p[3 * j] : (double) p[3 * i] - p[3 * j];
                double dy = (double) p[3 * i + 1] - p[3 * j + 1];
                double dz = (double) p[3 * i + 2] - p[3 * j + 2];
                double d2 = dx * dx + dy * dy + dz * dz;
                double sum = 0;
                for (int s = 0; s < lengthScales.length; s++) {
                    sum += amplitudes[s] * amplitudes[s] * StrictMath.exp(-d2 / (2 * lengthScales[s] * lengthScales[s]));
                }
                k[i * n + j] = sum;
            }
        }
        return k;
    }
}
