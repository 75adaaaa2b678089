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
     * The maps resampled into the source image's frame ({@link MaskedUvResampler}, the face being one chart). Each
     * image pixel centre (x, y) is mapped into the crop frame; outside the crop, or where the nearest crop pixel is
     * background, it is background. Otherwise u and v are bilinear over the foreground ones among the 4 surrounding
     * crop pixels (weights renormalised; background neighbours never blend in) and the part is the nearest crop
     * pixel's.
     *
     * @param width  source image width
     * @param height source image height
     * @return the maps, {@code width × height}
     */
    public ImageMaps inImage(int width, int height) {
        byte[] foreground = new byte[u.length];
        for (int p = 0; p < u.length; p++) {
            foreground[p] = u[p] >= 0 ? (byte) 1 : 0;
        }
        MaskedUvResampler.Resampled r = MaskedUvResampler.toImage(crop.size(), crop.scale(), crop.offsetX(),
                crop.offsetY(), u, v, foreground, parts, width, height);
        return new ImageMaps(width, height, r.u(), r.v(), r.labels());
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
