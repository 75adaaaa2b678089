package org.densereg.infer;

/**
 * Joints from heatmaps by sub-pixel argmax: the pixel of the largest value, refined per axis by the vertex of the
 * parabola through it and its two neighbours (offset (l − r) / (2(l − 2c + r)), clamped to ±0.5 pixel; no
 * refinement at the border or where the three values are not a maximum). Stateless.
 */
public final class HeatmapJointExtractor {

    private HeatmapJointExtractor() {
    }

    /**
     * @param heatmaps [J·H·W] the J heatmaps of one image, planar (channel j at {@code j·H·W}), row-major
     * @param joints   J
     * @param width    W
     * @param height   H
     * @return [2J] (x, y) of each joint in heatmap pixels (0-based centres); NaN when a heatmap has no finite value
     */
    public static double[] extract(float[] heatmaps, int joints, int width, int height) {
        int plane = width * height;
        if (heatmaps.length != joints * plane) {
            throw new IllegalArgumentException("expected " + joints + "×" + height + "×" + width + " values, got "
                    + heatmaps.length);
        }
        double[] xy = new double[2 * joints];
        for (int j = 0; j < joints; j++) {
            int base = j * plane;
            int best = -1;
            float bestValue = Float.NEGATIVE_INFINITY;
            for (int p = 0; p < plane; p++) {
                float value = heatmaps[base + p];
                if (value > bestValue) {
                    bestValue = value;
                    best = p;
                }
            }
            if (best < 0) {
                xy[2 * j] = Double.NaN;
                xy[2 * j + 1] = Double.NaN;
                continue;
            }
            int bx = best % width;
            int by = best / width;
            double dx = bx > 0 && bx < width - 1
                    ? offset(heatmaps[base + best - 1], bestValue, heatmaps[base + best + 1]) : 0;
            double dy = by > 0 && by < height - 1
                    ? offset(heatmaps[base + best - width], bestValue, heatmaps[base + best + width]) : 0;
            xy[2 * j] = bx + dx;
            xy[2 * j + 1] = by + dy;
        }
        return xy;
    }

    private static double offset(double l, double c, double r) {
        double den = l - 2 * c + r;
        if (!(den < 0)) {
            return 0;
        }
        return Math.max(-0.5, Math.min(0.5, 0.5 * (l - r) / den));
    }
}
