package org.densereg.supervision.body;

import java.awt.Color;
import java.awt.image.BufferedImage;
import org.densereg.data.body.BodyJoints;
import org.densereg.data.lsp.LspJoint;

/**
 * Draws a body supervision sample for a human check: the crop blended half-and-half with the part colours
 * ({@link BodyPart#rgb()}), iso-lines of u and v every {@value #STEP} inside each part (a pixel is on a u-line when
 * its right or lower neighbour has the same part and another {@code floor(u / STEP)}; u-lines black, v-lines
 * white), the skeleton (1-pixel lines between connected joints, grey) and the joints as 3 × 3 dots at their
 * nearest pixel (green visible, red occluded). Missing joints and their bones are not drawn.
 */
public final class BodyPreview {

    /** Spacing of the iso-lines in chart units. */
    public static final double STEP = 0.25;

    /** Bones of the skeleton as pairs of joints. */
    static final LspJoint[][] BONES = {
        {LspJoint.RIGHT_ANKLE, LspJoint.RIGHT_KNEE}, {LspJoint.RIGHT_KNEE, LspJoint.RIGHT_HIP},
        {LspJoint.LEFT_ANKLE, LspJoint.LEFT_KNEE}, {LspJoint.LEFT_KNEE, LspJoint.LEFT_HIP},
        {LspJoint.RIGHT_HIP, LspJoint.LEFT_HIP}, {LspJoint.RIGHT_SHOULDER, LspJoint.LEFT_SHOULDER},
        {LspJoint.RIGHT_HIP, LspJoint.RIGHT_SHOULDER}, {LspJoint.LEFT_HIP, LspJoint.LEFT_SHOULDER},
        {LspJoint.RIGHT_WRIST, LspJoint.RIGHT_ELBOW}, {LspJoint.RIGHT_ELBOW, LspJoint.RIGHT_SHOULDER},
        {LspJoint.LEFT_WRIST, LspJoint.LEFT_ELBOW}, {LspJoint.LEFT_ELBOW, LspJoint.LEFT_SHOULDER},
        {LspJoint.NECK, LspJoint.HEAD_TOP},
    };

    private BodyPreview() {
    }

    /** The preview, same size as the sample, {@link BufferedImage#TYPE_INT_RGB}. */
    public static BufferedImage render(BodySupervisionSample sample) {
        return render(sample.image(), sample.maps(), sample.joints());
    }

    /**
     * The preview of maps over an image.
     *
     * @param image  the background, same size as the maps
     * @param maps   the body maps
     * @param joints the joints in the image's pixels (0-based)
     */
    public static BufferedImage render(BufferedImage image, BodyMaps maps, BodyJoints joints) {
        int w = maps.width();
        int h = maps.height();
        int[] out = image.getRGB(0, 0, w, h, null, 0, w);
        byte[] parts = maps.parts();
        float[] u = maps.u();
        float[] v = maps.v();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                int p = parts[i] & 0xff;
                if (p == 0) {
                    out[i] &= 0xffffff;
                    continue;
                }
                boolean uLine = false;
                boolean vLine = false;
                if (x + 1 < w && parts[i + 1] == parts[i]) {
                    uLine |= cell(u[i]) != cell(u[i + 1]);
                    vLine |= cell(v[i]) != cell(v[i + 1]);
                }
                if (y + 1 < h && parts[i + w] == parts[i]) {
                    uLine |= cell(u[i]) != cell(u[i + w]);
                    vLine |= cell(v[i]) != cell(v[i + w]);
                }
                if (uLine) {
                    out[i] = 0x000000;
                } else if (vLine) {
                    out[i] = 0xffffff;
                } else {
                    out[i] = blend(out[i], BodyPart.ofLabel(p).rgb());
                }
            }
        }
        for (LspJoint[] bone : BONES) {
            if (joints.present(bone[0]) && joints.present(bone[1])) {
                line(out, w, h, joints.x(bone[0]), joints.y(bone[0]), joints.x(bone[1]), joints.y(bone[1]),
                        Color.GRAY.getRGB() & 0xffffff);
            }
        }
        for (LspJoint j : LspJoint.values()) {
            if (!joints.present(j)) {
                continue;
            }
            int rgb = joints.occluded(j) ? 0xff0000 : 0x00ff00;
            int cx = (int) Math.round(joints.x(j));
            int cy = (int) Math.round(joints.y(j));
            for (int dy = -1; dy <= 1; dy++) {
                for (int dx = -1; dx <= 1; dx++) {
                    set(out, w, h, cx + dx, cy + dy, rgb);
                }
            }
        }
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, w, h, out, 0, w);
        return img;
    }

    private static void line(int[] out, int w, int h, double x0, double y0, double x1, double y1, int rgb) {
        double len = Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0));
        int steps = (int) Math.min(Math.ceil(len), 4L * (w + h));
        for (int k = 0; k <= steps; k++) {
            double t = steps == 0 ? 0 : (double) k / steps;
            set(out, w, h, (int) Math.round(x0 + t * (x1 - x0)), (int) Math.round(y0 + t * (y1 - y0)), rgb);
        }
    }

    private static void set(int[] out, int w, int h, int x, int y, int rgb) {
        if (x >= 0 && y >= 0 && x < w && y < h) {
            out[y * w + x] = rgb;
        }
    }

    private static int blend(int a, int b) {
        int r = (((a >> 16) & 0xff) + ((b >> 16) & 0xff)) / 2;
        int g = (((a >> 8) & 0xff) + ((b >> 8) & 0xff)) / 2;
        int bl = ((a & 0xff) + (b & 0xff)) / 2;
        return (r << 16) | (g << 8) | bl;
    }

    private static int cell(float value) {
        return (int) Math.floor(value / STEP);
    }
}
