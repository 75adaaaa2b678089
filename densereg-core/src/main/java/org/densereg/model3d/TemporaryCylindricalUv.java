package org.densereg.model3d;

/**
 * Stand-in for {@code CylindricalUv.compute} until that class (owned by the built-in model work) is on main:
 * u = azimuth atan2(x − cx, z − cz) about the vertical axis through the centroid, v = height, both scaled to
 * [0, 1] over the vertices' extents. To be replaced by {@code CylindricalUv}.
 */
final class TemporaryCylindricalUv {

    private TemporaryCylindricalUv() {
    }

    /**
     * @param mean [3N] vertex positions, y up, face looking along +z
     * @return [2N] (u, v) in [0, 1], v up
     */
    static float[] compute(float[] mean, int[] landmarkVertices) {
        int n = mean.length / 3;
        double cx = 0;
        double cz = 0;
        for (int i = 0; i < n; i++) {
            cx += mean[3 * i];
            cz += mean[3 * i + 2];
        }
        cx /= Math.max(n, 1);
        cz /= Math.max(n, 1);
        double[] a = new double[n];
        double aMin = Double.POSITIVE_INFINITY;
        double aMax = Double.NEGATIVE_INFINITY;
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            a[i] = Math.atan2(mean[3 * i] - cx, mean[3 * i + 2] - cz);
            aMin = Math.min(aMin, a[i]);
            aMax = Math.max(aMax, a[i]);
            yMin = Math.min(yMin, mean[3 * i + 1]);
            yMax = Math.max(yMax, mean[3 * i + 1]);
        }
        double aSpan = aMax > aMin ? aMax - aMin : 1;
        double ySpan = yMax > yMin ? yMax - yMin : 1;
        float[] uv = new float[2 * n];
        for (int i = 0; i < n; i++) {
            uv[2 * i] = (float) ((a[i] - aMin) / aSpan);
            uv[2 * i + 1] = (float) ((mean[3 * i + 1] - yMin) / ySpan);
        }
        return uv;
    }
}
