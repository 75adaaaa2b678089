package org.densereg.model3d;

/**
 * Cylindrical unwrapping of a face mesh into (u, v), the default UV parameterisation of every model (DESIGN §2),
 * so that different 3D models give comparable UV spaces.
 *
 * <p>Model space is y up with the face looking along +z. The cylinder axis is vertical (parallel to y) through
 * the centroid c of the mean shape, set back along −z by half the mesh's x extent w/2 (about the radius of a
 * head): {@code a = (c_x, c_z − w/2)}. Setting it back keeps the whole face in front of the axis, so vertices
 * near the centroid (the chin of a face mask often is) do not get arbitrary azimuths. For vertex i the azimuth
 * is {@code θ_i = atan2(x_i − a_x, z_i − a_z)} (0 straight ahead along +z, growing towards +x, i.e. towards
 * image right on a frontal face), re-centred on the anchors' bisector so that the seam lies behind the head; {@code u} is an affine function of θ and
 * {@code v} an affine function of the height y. Both are pinned by anchors taken from the 68-landmark map, the
 * first usable choice of:
 * <ul>
 *   <li>u: the jaw ends 0 and 16 at {@code u = 0.5 ∓ 0.46}; else the outer eye corners 36 and 45 at
 *       {@code u = 0.5 ∓ 0.1954} (the same positions on the default model); else the vertex extents of θ
 *       mapped to [0, 1]. The forward direction is the bisector of the anchor azimuths (+z for the extents).</li>
 *   <li>v: the chin 8 at {@code v = 0.03} and the brows (mean height of the mapped ones of 19, 24) at
 *       {@code v = 0.80}; else the chin and the eyes (mean height of the mapped ones of 36, 45) at
 *       {@code v = 0.67}; else eyes and brows; else the vertex extents of y mapped to [0, 1].</li>
 * </ul>
 * The anchor values were chosen so that the default model (MediaPipe canonical mesh) spans about
 * [0.02, 0.98] in u and [0.03, 0.97] in v. Values outside [0, 1] (parts of a model beyond the default face's extent,
 * such as a neck or ears) are clamped to the border.
 */
public final class CylindricalUv {

    /** Half the u distance between the jaw-end anchors (landmarks 0 and 16). */
    static final double U_HALF_JAW = 0.46;
    /** Half the u distance between the outer eye corners (36, 45): their position on the default model. */
    static final double U_HALF_EYES = 0.1954;
    /** v of the chin (landmark 8). */
    static final double V_CHIN = 0.03;
    /** v of the mean brow height (landmarks 19, 24). */
    static final double V_BROW = 0.80;
    /** v of the mean outer-eye-corner height (landmarks 36, 45). */
    static final double V_EYES = 0.67;

    private CylindricalUv() {
    }

    /**
     * Computes the cylindrical (u, v) of every vertex.
     *
     * @param mean             [3N] mean shape, interleaved x, y, z; y up, face along +z; N ≥ 1
     * @param landmarkVertices [68] vertex of each iBUG landmark, -1 when unmapped (may be null: no anchors)
     * @return [2N] per-vertex (u, v) in [0, 1], v up
     */
    public static float[] compute(float[] mean, int[] landmarkVertices) {
        if (mean.length == 0 || mean.length % 3 != 0) {
            throw new IllegalArgumentException("mean length " + mean.length + " is not a positive multiple of 3");
        }
        int n = mean.length / 3;
        int[] lm = landmarkVertices == null ? new int[0] : landmarkVertices;
        for (int v : lm) {
            if (v < -1 || v >= n) {
                throw new IllegalArgumentException("landmark vertex " + v + " outside [0, " + n + ") and not -1");
            }
        }
        double cx = 0;
        double cz = 0;
        for (int i = 0; i < n; i++) {
            cx += mean[3 * i];
            cz += mean[3 * i + 2];
        }
        cx /= n;
        cz /= n;
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            minX = Math.min(minX, mean[3 * i]);
            maxX = Math.max(maxX, mean[3 * i]);
        }
        double axisZ = cz - (maxX - minX) / 2;

        double[] azimuth = new double[n];
        double[] uMap = horizontalMap(mean, lm, cx, axisZ, azimuth);
        double[] vMap = verticalMap(mean, lm);
        float[] uv = new float[2 * n];
        for (int i = 0; i < n; i++) {
            uv[2 * i] = (float) clamp01(uMap[0] + uMap[1] * azimuth[i]);
            uv[2 * i + 1] = (float) clamp01(vMap[0] + vMap[1] * mean[3 * i + 1]);
        }
        return uv;
    }

    /** Fills {@code azimuth} (relative to the forward direction) and returns {offset, slope} of u(θ). */
    private static double[] horizontalMap(float[] mean, int[] lm, double axisX, double axisZ, double[] azimuth) {
        int n = azimuth.length;
        int[][] pairs = {{0, 16}, {36, 45}};
        double[] halves = {U_HALF_JAW, U_HALF_EYES};
        for (int p = 0; p < pairs.length; p++) {
            int a = vertex(lm, pairs[p][0]);
            int b = vertex(lm, pairs[p][1]);
            if (a < 0 || b < 0) {
                continue;
            }
            double ta = StrictMath.atan2(mean[3 * a] - axisX, mean[3 * a + 2] - axisZ);
            double tb = StrictMath.atan2(mean[3 * b] - axisX, mean[3 * b + 2] - axisZ);
            double span = tb - ta; // both measured from +z, the face's forward direction by convention
            if (!(span > 1e-6)) {
                continue; // coincident or mirrored anchors: try the next choice
            }
            double forward = ta + span / 2;
            fillAzimuth(mean, axisX, axisZ, forward, azimuth);
            double slope = 2 * halves[p] / span;
            return new double[] {0.5, slope};
        }
        fillAzimuth(mean, axisX, axisZ, 0, azimuth);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            min = Math.min(min, azimuth[i]);
            max = Math.max(max, azimuth[i]);
        }
        return extentMap(min, max);
    }

    /** Returns {offset, slope} of v(y). */
    private static double[] verticalMap(float[] mean, int[] lm) {
        double chin = meanHeight(mean, lm, 8);
        double brow = meanHeight(mean, lm, 19, 24);
        double eyes = meanHeight(mean, lm, 36, 45);
        double[][] choices = {{chin, V_CHIN, brow, V_BROW}, {chin, V_CHIN, eyes, V_EYES}, {eyes, V_EYES, brow, V_BROW}};
        for (double[] c : choices) {
            if (Double.isFinite(c[0]) && Double.isFinite(c[2]) && c[2] - c[0] > 1e-9 * (1 + Math.abs(c[0]))) {
                double slope = (c[3] - c[1]) / (c[2] - c[0]);
                return new double[] {c[1] - slope * c[0], slope};
            }
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 1; i < mean.length; i += 3) {
            min = Math.min(min, mean[i]);
            max = Math.max(max, mean[i]);
        }
        return extentMap(min, max);
    }

    private static double[] extentMap(double min, double max) {
        if (!(max - min > 0)) {
            return new double[] {0.5, 0}; // a single point or a flat extent: the centre of UV space
        }
        return new double[] {-min / (max - min), 1 / (max - min)};
    }

    private static void fillAzimuth(float[] mean, double axisX, double axisZ, double forward, double[] azimuth) {
        for (int i = 0; i < azimuth.length; i++) {
            azimuth[i] = wrap(StrictMath.atan2(mean[3 * i] - axisX, mean[3 * i + 2] - axisZ) - forward);
        }
    }

    /** Mean y of the mapped vertices among the given landmarks, NaN when none is mapped. */
    private static double meanHeight(float[] mean, int[] lm, int... landmarks) {
        double sum = 0;
        int count = 0;
        for (int l : landmarks) {
            int v = vertex(lm, l);
            if (v >= 0) {
                sum += mean[3 * v + 1];
                count++;
            }
        }
        return count == 0 ? Double.NaN : sum / count;
    }

    private static int vertex(int[] lm, int landmark) {
        return landmark < lm.length ? lm[landmark] : -1;
    }

    /** Angle wrapped into (−π, π]. */
    private static double wrap(double angle) {
        double a = angle;
        while (a > Math.PI) {
            a -= 2 * Math.PI;
        }
        while (a <= -Math.PI) {
            a += 2 * Math.PI;
        }
        return a;
    }

    private static double clamp01(double x) {
        return x < 0 ? 0 : x > 1 ? 1 : x;
    }
}
