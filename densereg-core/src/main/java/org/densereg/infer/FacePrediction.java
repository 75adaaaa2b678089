package org.densereg.infer;

import org.densereg.data.Landmarks;
import org.densereg.data.face.FaceCrop;

/**
 * The prediction of a face network for one face.
 *
 * <p>The dense maps are in the frame of the network input (the crop): pixel (x, y) of the maps is crop pixel
 * (x, y), 0-based pixel centres, {@code size × size}. {@code crop} maps source-image pixels into that frame
 * ({@code x_crop = scale · x + offsetX}); {@link #inImage} resamples the maps into the source image's frame.
 *
 * @param crop               source image → map frame (its {@code size} is the map side)
 * @param u                  [size·size] row-major template u per pixel in [0, 1], −1 on background
 * @param v                  [size·size] row-major template v per pixel in [0, 1] (v up), −1 on background
 * @param parts              [size·size] row-major {@link org.densereg.supervision.FacePart#label()} per pixel,
 *                           0 on background
 * @param cropLandmarks      68 landmarks in the map frame (0-based pixels), NaN where none was found
 * @param landmarks          the same landmarks in the source image (0-based pixel centres), NaN where none was found
 * @param landmarkUvDistance [68] (u, v) distance between each landmark's template (u, v) and the nearest predicted
 *                           pixel's (u, v) (NaN where none was found); large values suggest an invisible landmark
 */
public record FacePrediction(FaceCrop crop, float[] u, float[] v, byte[] parts, Landmarks cropLandmarks,
        Landmarks landmarks, double[] landmarkUvDistance) {

    /** The side of the square maps in pixels. */
    public int size() {
        return crop.size();
    }

    /** The number of foreground pixels in the maps. */
    public int foregroundPixels() {
        int n = 0;
        for (float value : u) {
            if (value >= 0) {
                n++;
            }
        }
        return n;
    }

    /** True when every landmark was found (the maps have foreground). */
    public boolean hasLandmarks() {
        return landmarks.allFinite();
    }

    /**
     * The maps resampled into the source image's frame. Each image pixel centre (x, y) is mapped into the crop
     * frame; outside the crop, or where the nearest crop pixel is background, it is background. Otherwise u and v
     * are bilinear over the foreground ones among the 4 surrounding crop pixels (weights renormalised; background
     * neighbours never blend in) and the part is the nearest crop pixel's.
     *
     * @param width  source image width
     * @param height source image height
     * @return the maps, {@code width × height}
     */
    public ImageMaps inImage(int width, int height) {
        int n = width * height;
        int size = crop.size();
        float[] iu = new float[n];
        float[] iv = new float[n];
        byte[] ip = new byte[n];
        java.util.Arrays.fill(iu, -1f);
        java.util.Arrays.fill(iv, -1f);
        double s = crop.scale();
        for (int y = 0; y < height; y++) {
            double cy = s * y + crop.offsetY();
            for (int x = 0; x < width; x++) {
                double cx = s * x + crop.offsetX();
                if (cx < -0.5 || cy < -0.5 || cx >= size - 0.5 || cy >= size - 0.5) {
                    continue;
                }
                int nx = Math.min(size - 1, Math.max(0, (int) Math.round(cx)));
                int ny = Math.min(size - 1, Math.max(0, (int) Math.round(cy)));
                int nearest = ny * size + nx;
                if (!(u[nearest] >= 0)) {
                    continue;
                }
                double fx = Math.min(size - 1, Math.max(0, cx));
                double fy = Math.min(size - 1, Math.max(0, cy));
                int x0 = Math.min(size - 2, (int) Math.floor(fx));
                int y0 = Math.min(size - 2, (int) Math.floor(fy));
                double ax = fx - x0;
                double ay = fy - y0;
                double wSum = 0;
                double uSum = 0;
                double vSum = 0;
                for (int k = 0; k < 4; k++) {
                    int px = x0 + (k & 1);
                    int py = y0 + (k >> 1);
                    int p = py * size + px;
                    if (!(u[p] >= 0)) {
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
                ip[i] = parts[nearest];
            }
        }
        return new ImageMaps(width, height, iu, iv, ip);
    }

    /**
     * Dense maps in some image frame.
     *
     * @param width  W
     * @param height H
     * @param u      [H·W] row-major u in [0, 1], −1 on background
     * @param v      [H·W] row-major v in [0, 1] (v up), −1 on background
     * @param parts  [H·W] row-major part labels, 0 on background
     */
    public record ImageMaps(int width, int height, float[] u, float[] v, byte[] parts) {

        /** True when pixel {@code i} (row-major) is on the face. */
        public boolean isForeground(int i) {
            return u[i] >= 0 && v[i] >= 0;
        }
    }
}
