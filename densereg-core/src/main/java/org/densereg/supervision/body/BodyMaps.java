package org.densereg.supervision.body;

import java.util.Objects;

/**
 * Per-pixel body ground truth of one image (pixel centres at integer coordinates, 0-based, row-major).
 *
 * @param width  width in pixels
 * @param height height in pixels
 * @param parts  [H·W] part label ({@link BodyPart#label()}, 0 = background), read as unsigned
 * @param u      [H·W] u in [0, 1] in the chart of the pixel's part, -1 on background
 * @param v      [H·W] v in [0, 1] in the chart of the pixel's part, -1 on background
 */
public record BodyMaps(int width, int height, byte[] parts, float[] u, float[] v) {

    /** Checks the lengths. */
    public BodyMaps {
        Objects.requireNonNull(parts, "parts");
        Objects.requireNonNull(u, "u");
        Objects.requireNonNull(v, "v");
        int n = width * height;
        if (width <= 0 || height <= 0 || parts.length != n || u.length != n || v.length != n) {
            throw new IllegalArgumentException("body maps " + width + "x" + height + " need " + n + " values, got "
                    + parts.length + ", " + u.length + ", " + v.length);
        }
    }

    /** True when pixel {@code i} (row-major) is on the body (part label ≠ 0). */
    public boolean isForeground(int i) {
        return parts[i] != 0;
    }

    /** The part at pixel (x, y). */
    public BodyPart partAt(int x, int y) {
        return BodyPart.ofLabel(parts[y * width + x] & 0xff);
    }

    /** Number of body pixels. */
    public int foregroundPixels() {
        int n = 0;
        for (byte p : parts) {
            if (p != 0) {
                n++;
            }
        }
        return n;
    }

    /** [H·W] the foreground mask: 255 on the body, 0 on background. */
    public byte[] mask() {
        byte[] m = new byte[parts.length];
        for (int i = 0; i < m.length; i++) {
            m[i] = parts[i] != 0 ? (byte) 255 : 0;
        }
        return m;
    }
}
