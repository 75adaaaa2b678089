package org.densereg.infer;

import org.densereg.data.Landmarks;

/**
 * Finds landmarks in a dense (u, v) map: landmark k is the pixel whose (u, v) is nearest to the template's
 * (u, v) of landmark k (the DenseReg by-product), optionally refined to sub-pixel precision.
 *
 * <p>Refinement: around the nearest pixel, the map (x, y) ↦ (u, v) is fitted by least squares with an
 * affine function over the foreground pixels of a {@code (2r+1)²} window (r = {@link #REFINE_RADIUS}); the
 * point where that affine function equals the template (u, v) is taken when it lies inside the window,
 * otherwise the nearest pixel is kept. {@link Mode#ARGMIN} is the original code's plain nearest pixel.
 *
 * <p>Thread-safe (stateless apart from its immutable template).
 */
public final class UvLandmarkExtractor {

    /** How the landmark position is chosen. */
    public enum Mode {
        /** The nearest pixel's centre (the original DenseReg test code). */
        ARGMIN,
        /** The nearest pixel refined by a local affine fit (default). */
        SUBPIXEL
    }

    /** Half-size of the refinement window in pixels. */
    public static final int REFINE_RADIUS = 2;

    private final double[] templateUv;
    private final Mode mode;

    /**
     * @param templateLandmarkUv [2L] template (u, v) of each landmark, v up; NaN for landmarks the template
     *                           does not define (their output is NaN)
     * @param mode               argmin or sub-pixel
     */
    public UvLandmarkExtractor(double[] templateLandmarkUv, Mode mode) {
        if (templateLandmarkUv.length % 2 != 0) {
            throw new IllegalArgumentException("template landmark UV length " + templateLandmarkUv.length + " is odd");
        }
        this.templateUv = templateLandmarkUv.clone();
        this.mode = mode;
    }

    /**
     * Extracts the landmarks of one image.
     *
     * @param u      [H·W] row-major u per pixel, negative on background
     * @param v      [H·W] row-major v per pixel, negative on background
     * @param width  W
     * @param height H
     * @return landmarks in 0-based pixel coordinates (NaN where the template has no (u, v) or the map has no
     *         foreground) and, per landmark, the (u, v) distance of the nearest pixel
     */
    public ExtractedLandmarks extract(float[] u, float[] v, int width, int height) {
        if (u.length != width * height || v.length != width * height) {
            throw new IllegalArgumentException("maps have " + u.length + "/" + v.length + " values, expected "
                    + width + "×" + height);
        }
        int count = templateUv.length / 2;
        double[] xy = new double[2 * count];
        double[] distance = new double[count];
        for (int k = 0; k < count; k++) {
            double tu = templateUv[2 * k];
            double tv = templateUv[2 * k + 1];
            xy[2 * k] = Double.NaN;
            xy[2 * k + 1] = Double.NaN;
            distance[k] = Double.NaN;
            if (!Double.isFinite(tu) || !Double.isFinite(tv)) {
                continue;
            }
            int best = -1;
            double bestD = Double.POSITIVE_INFINITY;
            for (int p = 0; p < u.length; p++) {
                if (u[p] < 0 || v[p] < 0) {
                    continue;
                }
                double du = u[p] - tu;
                double dv = v[p] - tv;
                double d = du * du + dv * dv;
                if (d < bestD) {
                    bestD = d;
                    best = p;
                }
            }
            if (best < 0) {
                continue;
            }
            int bx = best % width;
            int by = best / width;
            double[] point = mode == Mode.SUBPIXEL ? refine(u, v, width, height, bx, by, tu, tv) : null;
            xy[2 * k] = point == null ? bx : point[0];
            xy[2 * k + 1] = point == null ? by : point[1];
            distance[k] = Math.sqrt(bestD);
        }
        return new ExtractedLandmarks(new Landmarks(xy), distance);
    }

    /** Local affine fit (u, v) ≈ A·(x − bx, y − by) + c; returns the solution of A·d + c = target, or null. */
    private static double[] refine(float[] u, float[] v, int width, int height, int bx, int by, double tu, double tv) {
        // Normal equations for [dx, dy, 1] → u and → v over the window's foreground pixels.
        double sxx = 0, sxy = 0, sx = 0, syy = 0, sy = 0, n = 0;
        double sxu = 0, syu = 0, su = 0, sxv = 0, syv = 0, sv = 0;
        for (int dy = -REFINE_RADIUS; dy <= REFINE_RADIUS; dy++) {
            int y = by + dy;
            if (y < 0 || y >= height) {
                continue;
            }
            for (int dx = -REFINE_RADIUS; dx <= REFINE_RADIUS; dx++) {
                int x = bx + dx;
                if (x < 0 || x >= width) {
                    continue;
                }
                int p = y * width + x;
                if (u[p] < 0 || v[p] < 0) {
                    continue;
                }
                sxx += dx * dx;
                sxy += dx * dy;
                sx += dx;
                syy += dy * dy;
                sy += dy;
                n += 1;
                sxu += dx * u[p];
                syu += dy * u[p];
                su += u[p];
                sxv += dx * v[p];
                syv += dy * v[p];
                sv += v[p];
            }
        }
        if (n < 4) {
            return null;
        }
        double[][] m = {{sxx, sxy, sx}, {sxy, syy, sy}, {sx, sy, n}};
        double[] cu = solve3(m, new double[] {sxu, syu, su});
        double[] cv = solve3(m, new double[] {sxv, syv, sv});
        if (cu == null || cv == null) {
            return null;
        }
        // Solve [cu0 cu1; cv0 cv1]·d = [tu − cu2, tv − cv2].
        double det = cu[0] * cv[1] - cu[1] * cv[0];
        if (Math.abs(det) < 1e-12) {
            return null;
        }
        double ru = tu - cu[2];
        double rv = tv - cv[2];
        double ddx = (ru * cv[1] - cu[1] * rv) / det;
        double ddy = (cu[0] * rv - cv[0] * ru) / det;
        if (!(Math.abs(ddx) <= REFINE_RADIUS) || !(Math.abs(ddy) <= REFINE_RADIUS)) {
            return null;
        }
        return new double[] {bx + ddx, by + ddy};
    }

    /** Solves a 3×3 system by Cramer's rule; null when singular. */
    private static double[] solve3(double[][] a, double[] b) {
        double det = det3(a[0][0], a[0][1], a[0][2], a[1][0], a[1][1], a[1][2], a[2][0], a[2][1], a[2][2]);
        if (Math.abs(det) < 1e-12) {
            return null;
        }
        double d0 = det3(b[0], a[0][1], a[0][2], b[1], a[1][1], a[1][2], b[2], a[2][1], a[2][2]);
        double d1 = det3(a[0][0], b[0], a[0][2], a[1][0], b[1], a[1][2], a[2][0], b[2], a[2][2]);
        double d2 = det3(a[0][0], a[0][1], b[0], a[1][0], a[1][1], b[1], a[2][0], a[2][1], b[2]);
        return new double[] {d0 / det, d1 / det, d2 / det};
    }

    private static double det3(double a, double b, double c, double d, double e, double f, double g, double h, double i) {
        return a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
    }
}
