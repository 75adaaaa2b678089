package org.densereg.supervision;

/**
 * Dense ground truth of one image: template (u, v) and part label per pixel. Arrays are shared, not copied.
 *
 * @param width  W
 * @param height H
 * @param u      [H·W] row-major u in [0, 1], −1 on background
 * @param v      [H·W] row-major v in [0, 1] (up), −1 on background
 * @param parts  [H·W] {@link FacePart} label per pixel, 0 on background
 */
public record UvMaps(int width, int height, float[] u, float[] v, byte[] parts) {

    /** @return the number of foreground pixels */
    public int foregroundPixels() {
        int count = 0;
        for (float value : u) {
            if (value >= 0) {
                count++;
            }
        }
        return count;
    }
}
