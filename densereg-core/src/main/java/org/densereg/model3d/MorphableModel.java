package org.densereg.model3d;

import java.util.Objects;

/**
 * A linear 3D morphable face model: a mean mesh, a shape basis (and an optional expression basis) with
 * prior variances, triangles, per-vertex (u, v) and the vertices of the 68 iBUG landmarks.
 *
 * <p>Model space: right-handed, y up, the face looking along +z (DESIGN §2). A shape is
 * {@code S = mean + Σ_m shapeBasis[:, m] · sqrt(shapeVariances[m]) · α_m + Σ_e expressionBasis[:, e] · sqrt(expressionVariances[e]) · β_e},
 * so the coefficients α, β have a standard normal prior. Bases are stored row-major as {@code [3N][M]}:
 * the entry for vertex i, coordinate c (0 = x, 1 = y, 2 = z) and mode m is {@code basis[(3 * i + c) * M + m]}.
 *
 * @param name                identifier of the model, e.g. {@code default-gpmm}, {@code sfm_shape_3448}
 * @param mean                [3N] mean shape, interleaved x, y, z per vertex
 * @param shapeBasis          [3N × M] shape basis, row-major; columns are unit directions (orthonormal for PCA models)
 * @param shapeVariances      [M] prior variance of each shape mode (PCA eigenvalues)
 * @param expressionBasis     [3N × E] expression basis, row-major; {@code E = 0} (empty array) when absent
 * @param expressionVariances [E] prior variance of each expression mode (1 for blendshapes)
 * @param triangles           [3T] vertex indices, three per triangle
 * @param uv                  [2N] per-vertex (u, v) in [0, 1], v growing upwards (DESIGN §2)
 * @param landmarkVertices    [68] vertex of each iBUG landmark (0-based landmark index), -1 when unmapped
 * @param rightContour        vertices along the jaw outline on the subject's right side (image left on a
 *                            frontal face), along which landmarks 0–7 slide; empty when absent
 * @param leftContour         vertices along the jaw outline on the subject's left side, for landmarks 9–16;
 *                            empty when absent
 */
public record MorphableModel(
        String name,
        float[] mean,
        float[] shapeBasis,
        float[] shapeVariances,
        float[] expressionBasis,
        float[] expressionVariances,
        int[] triangles,
        float[] uv,
        int[] landmarkVertices,
        int[] rightContour,
        int[] leftContour) {

    /** Number of iBUG landmarks every model maps (some entries may be -1). */
    public static final int LANDMARK_COUNT = 68;

    public MorphableModel {
        Objects.requireNonNull(name, "name");
        int n3 = mean.length;
        if (n3 % 3 != 0) {
            throw new IllegalArgumentException("mean length " + n3 + " is not a multiple of 3");
        }
        int n = n3 / 3;
        checkBasis("shape", shapeBasis, shapeVariances, n3);
        checkBasis("expression", expressionBasis, expressionVariances, n3);
        if (triangles.length % 3 != 0) {
            throw new IllegalArgumentException("triangle index count " + triangles.length + " is not a multiple of 3");
        }
        for (int t : triangles) {
            if (t < 0 || t >= n) {
                throw new IllegalArgumentException("triangle index " + t + " outside [0, " + n + ")");
            }
        }
        if (uv.length != 2 * n) {
            throw new IllegalArgumentException("uv length " + uv.length + " != 2 × " + n + " vertices");
        }
        if (landmarkVertices.length != LANDMARK_COUNT) {
            throw new IllegalArgumentException("landmark map has " + landmarkVertices.length + " entries, expected 68");
        }
        for (int[] list : new int[][] {landmarkVertices, rightContour, leftContour}) {
            for (int v : list) {
                if (v < -1 || v >= n) {
                    throw new IllegalArgumentException("vertex index " + v + " outside [0, " + n + ")");
                }
            }
        }
    }

    private static void checkBasis(String what, float[] basis, float[] variances, int n3) {
        int m = variances.length;
        if ((long) n3 * m != basis.length) {
            throw new IllegalArgumentException(what + " basis length " + basis.length + " != 3N (" + n3 + ") × " + m + " modes");
        }
        for (float v : variances) {
            if (!(v >= 0) || !Float.isFinite(v)) {
                throw new IllegalArgumentException(what + " variance " + v + " is not a finite non-negative number");
            }
        }
    }

    /** Number of vertices N. */
    public int vertexCount() {
        return mean.length / 3;
    }

    /** Number of triangles T. */
    public int triangleCount() {
        return triangles.length / 3;
    }

    /** Number of shape modes M. */
    public int shapeModes() {
        return shapeVariances.length;
    }

    /** Number of expression modes E (0 when the model has none). */
    public int expressionModes() {
        return expressionVariances.length;
    }

    /**
     * This model with other per-vertex texture coordinates (e.g. a cylindrical unwrapping instead of the
     * model file's own UVs).
     *
     * @param newUv [2N] per-vertex (u, v) in [0, 1], v up
     * @return a copy sharing every other array
     */
    public MorphableModel withUv(float[] newUv) {
        return new MorphableModel(name, mean, shapeBasis, shapeVariances, expressionBasis, expressionVariances,
                triangles, newUv, landmarkVertices, rightContour, leftContour);
    }

    /**
     * The template (u, v) of each iBUG landmark: the UV of its vertex.
     *
     * @return [136] (u, v) per landmark, v up; NaN for landmarks the model does not map
     */
    public double[] landmarkUv() {
        double[] out = new double[2 * LANDMARK_COUNT];
        for (int k = 0; k < LANDMARK_COUNT; k++) {
            int vertex = landmarkVertices[k];
            out[2 * k] = vertex < 0 ? Double.NaN : uv[2 * vertex];
            out[2 * k + 1] = vertex < 0 ? Double.NaN : uv[2 * vertex + 1];
        }
        return out;
    }

    /**
     * The shape for given coefficients.
     *
     * @param alpha [M'] shape coefficients in standard deviations, M' ≤ M (missing ones are 0); may be null
     * @param beta  [E'] expression coefficients, E' ≤ E; may be null
     * @return [3N] vertex positions, interleaved x, y, z
     */
    public float[] shape(double[] alpha, double[] beta) {
        float[] out = mean.clone();
        addModes(out, shapeBasis, shapeVariances, alpha);
        addModes(out, expressionBasis, expressionVariances, beta);
        return out;
    }

    private static void addModes(float[] out, float[] basis, float[] variances, double[] coefficients) {
        if (coefficients == null || variances.length == 0) {
            return;
        }
        int m = variances.length;
        int used = Math.min(m, coefficients.length);
        double[] scaled = new double[used];
        for (int k = 0; k < used; k++) {
            scaled[k] = coefficients[k] * Math.sqrt(variances[k]);
        }
        for (int row = 0; row < out.length; row++) {
            double sum = 0;
            int base = row * m;
            for (int k = 0; k < used; k++) {
                sum += basis[base + k] * scaled[k];
            }
            out[row] += (float) sum;
        }
    }
}
