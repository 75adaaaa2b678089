package org.densereg.raster;

/**
 * The output of {@link TriangleRasteriser#rasterise}: per-pixel visible triangle, depth and interpolated
 * attributes. Pixel {@code (x, y)} (0-based, pixel centre at integer coordinates) has the row-major index
 * {@code y * width + x}. The arrays are the rasteriser's own buffers, handed over without copying.
 *
 * @param width      image width in pixels
 * @param height     image height in pixels
 * @param triangle   {@code [H·W]} index of the visible triangle (into the triangle list, i.e. triangle t is
 *                   {@code triangles[3t..3t+2]}), {@code -1} where no triangle covers the pixel centre
 * @param depth      {@code [H·W]} interpolated depth of the visible surface (larger = nearer the camera),
 *                   {@code NaN} on background
 * @param attributes {@code [A·H·W]} planar interpolated attributes: attribute {@code a} of pixel {@code p} at
 *                   {@code a·H·W + p}; {@code NaN} on background; empty when {@code A = 0}
 */
public record RasterResult(int width, int height, int[] triangle, float[] depth, float[] attributes) {

    public RasterResult {
        int pixels = width * height;
        if (width <= 0 || height <= 0 || triangle.length != pixels || depth.length != pixels
                || attributes.length % pixels != 0) {
            throw new IllegalArgumentException("inconsistent raster buffers for " + width + "x" + height);
        }
    }

    /** Number of interpolated attributes A. */
    public int attributeCount() {
        return attributes.length / (width * height);
    }

    /** True when a triangle covers the centre of pixel (x, y). */
    public boolean covered(int x, int y) {
        return triangle[y * width + x] >= 0;
    }

    /** Attribute {@code a} at pixel (x, y); {@code NaN} on background. */
    public float attribute(int a, int x, int y) {
        return attributes[a * width * height + y * width + x];
    }

    /** Number of covered (foreground) pixels. */
    public int coveredPixels() {
        int n = 0;
        for (int t : triangle) {
            if (t >= 0) {
                n++;
            }
        }
        return n;
    }
}
