package org.densereg.infer;

import java.util.Arrays;

/**
 * Resamples dense (u, v) maps from a square map frame (the network's crop or output grid) into a source image's
 * frame without blending across chart borders; used by {@link FacePrediction#inImage} and
 * {@link BodyPrediction#inImage}.
 *
 * <p>Each image pixel centre (x, y) is mapped into the map frame by {@code x_map = scale · x + offsetX},
 * {@code y_map = scale · y + offsetY}. Outside the maps ({@code x_map, y_map ∉ [−0.5, size − 0.5)}), or where the
 * nearest map pixel is background (chart 0), the pixel is background: u = v = −1, label 0. Otherwise its label is
 * the nearest map pixel's, and u and v are bilinear over those of the 4 surrounding map pixels (coordinates clamped
 * to the map) that lie on the nearest pixel's chart, with the weights renormalised; when those weights sum to
 * ≤ 1e−9 the nearest pixel's u and v are taken. Faces have one chart (the foreground), bodies one per part.
 */
public final class MaskedUvResampler {

    private MaskedUvResampler() {
    }

    /**
     * Resampled maps in the image frame.
     *
     * @param width  W
     * @param height H
     * @param u      [H·W] row-major u, −1 on background
     * @param v      [H·W] row-major v, −1 on background
     * @param labels [H·W] row-major labels (the nearest map pixel's), 0 on background
     */
    public record Resampled(int width, int height, float[] u, float[] v, byte[] labels) {
    }

    /**
     * Resamples maps into an image.
     *
     * @param size    side of the square maps, ≥ 2
     * @param scale   image → map scale
     * @param offsetX image → map x offset
     * @param offsetY image → map y offset
     * @param u       [size·size] row-major u of the map pixels
     * @param v       [size·size] row-major v of the map pixels
     * @param charts  [size·size] row-major chart of each map pixel, 0 on background; u and v blend only within one
     *                chart
     * @param labels  [size·size] row-major labels carried over from the nearest map pixel (e.g. part labels)
     * @param width   image width W
     * @param height  image height H
     * @return the maps, {@code width × height}
     */
    public static Resampled toImage(int size, double scale, double offsetX, double offsetY, float[] u, float[] v,
            byte[] charts, byte[] labels, int width, int height) {
        int n = width * height;
        float[] iu = new float[n];
        float[] iv = new float[n];
        byte[] il = new byte[n];
        Arrays.fill(iu, -1f);
        Arrays.fill(iv, -1f);
        for (int y = 0; y < height; y++) {
            double cy = scale * y + offsetY;
            for (int x = 0; x < width; x++) {
                double cx = scale * x + offsetX;
                if (cx < -0.5 || cy < -0.5 || cx >= size - 0.5 || cy >= size - 0.5) {
                    continue;
                }
                int nx = Math.min(size - 1, Math.max(0, (int) Math.round(cx)));
                int ny = Math.min(size - 1, Math.max(0, (int) Math.round(cy)));
                int nearest = ny * size + nx;
                byte chart = charts[nearest];
                if (chart == 0) {
                    continue;
                }
                double fx = Math.min(size - 1, Math.max(0, cx));
                double fy = Math.min(size - 1, Math.max(0, cy));
                int x0 = Math.max(0, Math.min(size - 2, (int) Math.floor(fx)));
                int y0 = Math.max(0, Math.min(size - 2, (int) Math.floor(fy)));
                double ax = fx - x0;
                double ay = fy - y0;
                double wSum = 0;
                double uSum = 0;
                double vSum = 0;
                for (int k = 0; k < 4; k++) {
                    int p = (y0 + (k >> 1)) * size + x0 + (k & 1);
                    if (charts[p] != chart) {
                        continue;
                    }
                    double w = ((k & 1) == 1 ? ax : 1 - ax) * ((k >> 1) == 1 ? ay : 1 - ay);
                    wSum += w;
                    uSum += w * u[p];
                    vSum += w * v[p];
                }
                int i = y * width + x;
                if (wSum > 1e-9) {
                    iu[i] = (float) (uSum / wSum);
                    iv[i] = (float) (vSum / wSum);
                } else {
                    iu[i] = u[nearest];
                    iv[i] = v[nearest];
                }
                il[i] = labels[nearest];
            }
        }
        return new Resampled(width, height, iu, iv, il);
    }
}
