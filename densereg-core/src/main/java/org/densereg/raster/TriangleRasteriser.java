package org.densereg.raster;

import java.util.Arrays;

/**
 * Z-buffer rasteriser for triangle meshes already projected to image coordinates.
 *
 * <p>Conventions (see {@code docs/rasteriser.md}):
 * <ul>
 *   <li>Pixel {@code (x, y)} is sampled at its centre, which has the integer coordinates {@code (x, y)}
 *       (0-based, y down; DESIGN §2). A pixel belongs to a triangle when its centre does.</li>
 *   <li>Vertex positions are snapped to a fixed-point grid of {@code 1/256} pixel ({@link #SUBPIXEL_BITS}) and
 *       coverage is decided with exact 64-bit integer edge functions, so the result does not depend on
 *       floating-point rounding.</li>
 *   <li>Top-left fill rule: a centre exactly on an edge belongs to the triangle only when that edge is a top
 *       edge (horizontal, interior below) or a left edge (interior to its right). Two triangles sharing an
 *       edge therefore cover every centre along it exactly once: the mesh is watertight, without cracks or
 *       double coverage.</li>
 *   <li>Depth test: the larger depth (nearer the camera) wins; on equal depth the triangle drawn first
 *       (lower index) stays.</li>
 *   <li>Attributes and depth are interpolated linearly in screen space (barycentric weights of the snapped
 *       triangle, no perspective correction: the fitted cameras are orthographic), so every interpolated
 *       value is a convex combination of the three vertex values.</li>
 *   <li>Both windings are rendered unless {@link Culling#BACK} is requested. Degenerate triangles (zero area
 *       after snapping), triangles with a non-finite coordinate or depth and triangles with a coordinate
 *       beyond {@link #MAX_COORDINATE} pixels are skipped; triangles partly or wholly off-screen are
 *       clipped to the image by their pixel range.</li>
 * </ul>
 *
 * <p>Stateless and thread-safe; every call allocates its own buffers.
 */
public final class TriangleRasteriser {

    /** Which triangles are skipped by winding. */
    public enum Culling {
        /** Render both windings. */
        NONE,
        /**
         * Skip back faces. A front face is counter-clockwise when the mesh is seen with y up (the OBJ/OpenGL
         * convention), i.e. it has negative signed area {@code (x1−x0)(y2−y0) − (x2−x0)(y1−y0)} in image
         * coordinates (y down); triangles with positive signed area are skipped.
         */
        BACK
    }

    /** Sub-pixel precision of the snapped vertex positions: {@code 2^-8 = 1/256} pixel. */
    public static final int SUBPIXEL_BITS = 8;

    /**
     * Largest absolute vertex coordinate in pixels that is rasterised; triangles with a vertex beyond it are
     * skipped (it keeps the integer edge functions within 64 bits).
     */
    public static final double MAX_COORDINATE = 1 << 20;

    /** Largest image side accepted. */
    public static final int MAX_SIDE = 1 << 16;

    private static final long ONE = 1L << SUBPIXEL_BITS;

    private TriangleRasteriser() {
    }

    /**
     * Rasterises a mesh with both windings rendered ({@link Culling#NONE}).
     *
     * @param screen         {@code [3N]} per-vertex (x, y, depth): image coordinates in pixels (0-based pixel
     *                       centres, y down) and depth (larger = nearer the camera)
     * @param triangles      {@code [3T]} vertex indices, three per triangle
     * @param attributes     {@code [A·N]} planar per-vertex attributes: attribute a of vertex i at
     *                       {@code a·N + i}; may be {@code null} when {@code attributeCount == 0}
     * @param attributeCount A, the number of attributes per vertex (0 or more)
     * @param width          image width W in pixels
     * @param height         image height H in pixels
     * @return visible triangle, depth and attributes per pixel
     * @throws IllegalArgumentException when the array lengths are inconsistent or an index is out of range
     */
    public static RasterResult rasterise(float[] screen, int[] triangles, float[] attributes, int attributeCount,
            int width, int height) {
        return rasterise(screen, triangles, attributes, attributeCount, width, height, Culling.NONE);
    }

    /**
     * Rasterises a mesh.
     *
     * @param screen         {@code [3N]} per-vertex (x, y, depth), as in
     *                       {@link #rasterise(float[], int[], float[], int, int, int)}
     * @param triangles      {@code [3T]} vertex indices, three per triangle
     * @param attributes     {@code [A·N]} planar per-vertex attributes (attribute a of vertex i at
     *                       {@code a·N + i}); may be {@code null} when {@code attributeCount == 0}
     * @param attributeCount A, the number of attributes per vertex
     * @param width          image width W in pixels
     * @param height         image height H in pixels
     * @param culling        which windings to skip
     * @return visible triangle, depth and attributes per pixel
     * @throws IllegalArgumentException when the array lengths are inconsistent or an index is out of range
     */
    public static RasterResult rasterise(float[] screen, int[] triangles, float[] attributes, int attributeCount,
            int width, int height, Culling culling) {
        int n = validate(screen, triangles, width, height);
        if (attributeCount < 0 || (attributeCount > 0 && (attributes == null
                || attributes.length != (long) attributeCount * n))) {
            throw new IllegalArgumentException("attributes: expected " + attributeCount + "·" + n + " values, found "
                    + (attributes == null ? "null" : attributes.length));
        }
        int pixels = width * height;
        int[] triangleMap = new int[pixels];
        Arrays.fill(triangleMap, -1);
        float[] depth = new float[pixels];
        Arrays.fill(depth, Float.NEGATIVE_INFINITY);
        float[] out = new float[attributeCount * pixels];

        Setup s = new Setup();
        int triangleCount = triangles.length / 3;
        for (int t = 0; t < triangleCount; t++) {
            if (!s.prepare(screen, triangles, t, width, height, culling)) {
                continue;
            }
            double z0 = screen[3 * s.i0 + 2];
            double z1 = screen[3 * s.i1 + 2];
            double z2 = screen[3 * s.i2 + 2];
            for (int y = s.minY; y <= s.maxY; y++) {
                s.row(y);
                // biased edge values at (minX, y): a pixel is covered when all three are ≥ 0
                long e0 = s.row0 + s.bias0 + s.minX * s.step0;
                long e1 = s.row1 + s.bias1 + s.minX * s.step1;
                long e2 = s.row2 + s.bias2 + s.minX * s.step2;
                boolean entered = false;
                int row = y * width;
                for (int x = s.minX; x <= s.maxX; x++, e0 += s.step0, e1 += s.step1, e2 += s.step2) {
                    if ((e0 | e1 | e2) < 0) {
                        if (entered) {
                            break; // convex: the row's span is over
                        }
                        continue;
                    }
                    entered = true;
                    double b0 = (e0 - s.bias0) * s.inverseArea;
                    double b1 = (e1 - s.bias1) * s.inverseArea;
                    double b2 = (e2 - s.bias2) * s.inverseArea;
                    float z = (float) (b0 * z0 + b1 * z1 + b2 * z2);
                    int p = row + x;
                    if (z > depth[p]) {
                        depth[p] = z;
                        triangleMap[p] = t;
                        for (int a = 0, base = 0; a < attributeCount; a++, base += n) {
                            out[a * pixels + p] = (float) (b0 * attributes[base + s.i0]
                                    + b1 * attributes[base + s.i1] + b2 * attributes[base + s.i2]);
                        }
                    }
                }
            }
        }
        for (int p = 0; p < pixels; p++) {
            if (triangleMap[p] < 0) {
                depth[p] = Float.NaN;
                for (int a = 0; a < attributeCount; a++) {
                    out[a * pixels + p] = Float.NaN;
                }
            }
        }
        return new RasterResult(width, height, triangleMap, depth, out);
    }

    /**
     * Counts, per pixel, how many triangles cover its centre, without depth test and without culling; the
     * coverage rule is exactly the one {@link #rasterise} uses. A watertight, non-overlapping mesh gives counts
     * of 0 and 1 only. Meant for tests and diagnostics.
     *
     * @param screen    {@code [3N]} per-vertex (x, y, depth), as for {@link #rasterise}
     * @param triangles {@code [3T]} vertex indices
     * @param width     image width W
     * @param height    image height H
     * @return {@code [H·W]} row-major number of triangles covering each pixel centre
     */
    public static int[] coverageCounts(float[] screen, int[] triangles, int width, int height) {
        validate(screen, triangles, width, height);
        int[] counts = new int[width * height];
        Setup s = new Setup();
        for (int t = 0; t < triangles.length / 3; t++) {
            if (!s.prepare(screen, triangles, t, width, height, Culling.NONE)) {
                continue;
            }
            for (int y = s.minY; y <= s.maxY; y++) {
                s.row(y);
                long e0 = s.row0 + s.bias0 + s.minX * s.step0;
                long e1 = s.row1 + s.bias1 + s.minX * s.step1;
                long e2 = s.row2 + s.bias2 + s.minX * s.step2;
                for (int x = s.minX; x <= s.maxX; x++, e0 += s.step0, e1 += s.step1, e2 += s.step2) {
                    if ((e0 | e1 | e2) >= 0) {
                        counts[y * width + x]++;
                    }
                }
            }
        }
        return counts;
    }

    private static int validate(float[] screen, int[] triangles, int width, int height) {
        if (width <= 0 || height <= 0 || width > MAX_SIDE || height > MAX_SIDE) {
            throw new IllegalArgumentException("image size must be in 1.." + MAX_SIDE + ", found " + width + "x"
                    + height);
        }
        if (screen.length % 3 != 0) {
            throw new IllegalArgumentException("screen: expected 3 values (x, y, depth) per vertex, found length "
                    + screen.length);
        }
        if (triangles.length % 3 != 0) {
            throw new IllegalArgumentException("triangles: expected 3 indices per triangle, found length "
                    + triangles.length);
        }
        int n = screen.length / 3;
        for (int k = 0; k < triangles.length; k++) {
            if (triangles[k] < 0 || triangles[k] >= n) {
                throw new IllegalArgumentException("triangles[" + k + "] = " + triangles[k] + ": expected a vertex"
                        + " index in 0.." + (n - 1));
            }
        }
        return n;
    }

    /**
     * Per-triangle set-up: snapped vertices, edge functions, biases and pixel bounds.
     * Edge i is opposite vertex i; its function E_i(p) = (b−a) × (p−a) is positive inside after the triangle
     * is oriented to positive area, and E_0 + E_1 + E_2 = 2·area everywhere.
     */
    private static final class Setup {
        int i0;
        int i1;
        int i2;
        int minX;
        int maxX;
        int minY;
        int maxY;
        /** Edge function value at pixel (0, y) for the current row, unbiased. */
        long row0;
        long row1;
        long row2;
        /** Change of the edge function per pixel step in x. */
        long step0;
        long step1;
        long step2;
        double inverseArea;
        private long ax0;
        private long ay0;
        private long dx0;
        private long dy0;
        private long ax1;
        private long ay1;
        private long dx1;
        private long dy1;
        private long ax2;
        private long ay2;
        private long dx2;
        private long dy2;
        /** 0 for top-left edges, -1 otherwise: a centre on the edge (E = 0) passes only with bias 0. */
        long bias0;
        long bias1;
        long bias2;

        boolean prepare(float[] screen, int[] triangles, int t, int w, int h, Culling culling) {
            int a = triangles[3 * t];
            int b = triangles[3 * t + 1];
            int c = triangles[3 * t + 2];
            if (!usable(screen, a) || !usable(screen, b) || !usable(screen, c)) {
                return false;
            }
            long xa = snap(screen[3 * a]);
            long ya = snap(screen[3 * a + 1]);
            long xb = snap(screen[3 * b]);
            long yb = snap(screen[3 * b + 1]);
            long xc = snap(screen[3 * c]);
            long yc = snap(screen[3 * c + 1]);
            long area2 = (xb - xa) * (yc - ya) - (xc - xa) * (yb - ya);
            if (area2 == 0 || (culling == Culling.BACK && area2 > 0)) {
                return false;
            }
            if (area2 < 0) { // orient to positive area: swap b and c
                int ti = b;
                b = c;
                c = ti;
                long tx = xb;
                xb = xc;
                xc = tx;
                long ty = yb;
                yb = yc;
                yc = ty;
                area2 = -area2;
            }
            minX = Math.max(0, ceilDiv(Math.min(xa, Math.min(xb, xc))));
            maxX = Math.min(w - 1, floorDiv(Math.max(xa, Math.max(xb, xc))));
            minY = Math.max(0, ceilDiv(Math.min(ya, Math.min(yb, yc))));
            maxY = Math.min(h - 1, floorDiv(Math.max(ya, Math.max(yb, yc))));
            if (minX > maxX || minY > maxY) {
                return false;
            }
            i0 = a;
            i1 = b;
            i2 = c;
            // edge 0: b -> c, edge 1: c -> a, edge 2: a -> b
            ax0 = xb;
            ay0 = yb;
            dx0 = xc - xb;
            dy0 = yc - yb;
            ax1 = xc;
            ay1 = yc;
            dx1 = xa - xc;
            dy1 = ya - yc;
            ax2 = xa;
            ay2 = ya;
            dx2 = xb - xa;
            dy2 = yb - ya;
            bias0 = isTopLeft(dx0, dy0) ? 0 : -1;
            bias1 = isTopLeft(dx1, dy1) ? 0 : -1;
            bias2 = isTopLeft(dx2, dy2) ? 0 : -1;
            step0 = -dy0 * ONE;
            step1 = -dy1 * ONE;
            step2 = -dy2 * ONE;
            inverseArea = 1.0 / area2;
            return true;
        }

        /** Sets row0..row2 to the unbiased edge values at pixel (0, y). */
        void row(int y) {
            long py = y * ONE;
            // E(x, y) = dx·(py − ay) − dy·(x·ONE − ax) = row + x·step
            row0 = dx0 * (py - ay0) + dy0 * ax0;
            row1 = dx1 * (py - ay1) + dy1 * ax1;
            row2 = dx2 * (py - ay2) + dy2 * ax2;
        }

        private static boolean usable(float[] screen, int i) {
            float x = screen[3 * i];
            float y = screen[3 * i + 1];
            return Math.abs(x) <= MAX_COORDINATE && Math.abs(y) <= MAX_COORDINATE && Float.isFinite(screen[3 * i + 2]);
        }

        private static long snap(float v) {
            return Math.round(v * (double) ONE);
        }

        private static int ceilDiv(long fixed) {
            return (int) -Math.floorDiv(-fixed, ONE);
        }

        private static int floorDiv(long fixed) {
            return (int) Math.floorDiv(fixed, ONE);
        }

        /** Top edge: horizontal with the interior below (dx > 0); left edge: going up (dy < 0). */
        private static boolean isTopLeft(long dx, long dy) {
            return dy < 0 || (dy == 0 && dx > 0);
        }
    }
}
