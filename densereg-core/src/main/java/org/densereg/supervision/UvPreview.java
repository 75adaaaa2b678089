package org.densereg.supervision;

import java.awt.Color;
import java.awt.image.BufferedImage;
import org.densereg.data.Landmarks;

/**
 * Draws a supervision sample for a human check: the crop, iso-lines of u and of v every {@value #STEP}, and the
 * landmarks. A pixel lies on a u-line when it and its right or lower neighbour are both face pixels and
 * {@code floor(u / STEP)} differs between them (likewise v). u-lines are red → yellow as u grows, v-lines cyan →
 * blue as v grows; landmarks are green 3 × 3 dots at their nearest pixel. Background pixels keep the crop's colour.
 */
public final class UvPreview {

    /** Spacing of the iso-lines in UV units. */
    public static final double STEP = 0.05;

    private static final int LANDMARK_RGB = 0x00ff00;

    private UvPreview() {
    }

    /** The preview image, same size as the sample, {@link BufferedImage#TYPE_INT_RGB}. */
    public static BufferedImage render(FaceSupervisionSample sample) {
        int w = sample.width();
        int h = sample.height();
        int[] rgb = sample.image().getRGB(0, 0, w, h, null, 0, w);
        float[] u = sample.u();
        float[] v = sample.v();
        int[] out = rgb.clone();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if (!sample.isForeground(i)) {
                    out[i] &= 0xffffff;
                    continue;
                }
                boolean uLine = false;
                boolean vLine = false;
                if (x + 1 < w && sample.isForeground(i + 1)) {
                    uLine |= cell(u[i]) != cell(u[i + 1]);
                    vLine |= cell(v[i]) != cell(v[i + 1]);
                }
                if (y + 1 < h && sample.isForeground(i + w)) {
                    uLine |= cell(u[i]) != cell(u[i + w]);
                    vLine |= cell(v[i]) != cell(v[i + w]);
                }
                if (vLine) {
                    out[i] = Color.HSBtoRGB(0.5f + 0.17f * clamp(v[i]), 1f, 1f) & 0xffffff;
                } else if (uLine) {
                    out[i] = Color.HSBtoRGB(0.17f * clamp(u[i]), 1f, 1f) & 0xffffff;
                } else {
                    out[i] &= 0xffffff;
                }
            }
        }
        Landmarks lm = sample.landmarks();
        for (int k = 0; k < lm.count(); k++) {
            if (!Double.isFinite(lm.x(k)) || !Double.isFinite(lm.y(k))) {
                continue;
            }
            int cx = (int) Math.round(lm.x(k));
            int cy = (int) Math.round(lm.y(k));
            for (int dy = -1; dy <= 1; dy++) {
                for (int dx = -1; dx <= 1; dx++) {
                    int px = cx + dx;
                    int py = cy + dy;
                    if (px >= 0 && py >= 0 && px < w && py < h) {
                        out[py * w + px] = LANDMARK_RGB;
                    }
                }
            }
        }
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, w, h, out, 0, w);
        return img;
    }

    private static int cell(float value) {
        return (int) Math.floor(value / STEP);
    }

    private static float clamp(float value) {
        return Math.max(0f, Math.min(1f, value));
    }
}
