package org.densereg.raster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class TriangleRasteriserTest {

    private static final int SIZE = 40;

    /** Random convex quads (quarter-pixel vertices, so the diagonal often passes through pixel centres). */
    @Test
    void quadSplitInTwoCoversEveryInsidePixelExactlyOnce() {
        Random random = new Random(12345);
        int checkedOnDiagonal = 0;
        int trials = 0;
        while (trials < 1000) {
            double[] q = randomConvexQuad(random, 4.0);
            if (q == null) {
                continue;
            }
            trials++;
            boolean flipSecond = random.nextBoolean();
            float[] screen = toScreen(q);
            int[] tris = flipSecond ? new int[] {0, 1, 2, 0, 3, 2} : new int[] {0, 1, 2, 0, 2, 3};
            int[] counts = TriangleRasteriser.coverageCounts(screen, tris, SIZE, SIZE);
            int[] box = box(q);
            assertEquals(sum(counts), sumIn(counts, box), "coverage outside the quad's bounding box");
            for (int y = box[1]; y <= box[3]; y++) {
                for (int x = box[0]; x <= box[2]; x++) {
                    int c = counts[y * SIZE + x];
                    int side = insideConvex(q, x, y);
                    if (side > 0) {
                        assertEquals(1, c, "trial " + trials + " pixel (" + x + "," + y + ") strictly inside");
                        if (cross(q[0], q[1], q[4], q[5], x, y) == 0) {
                            checkedOnDiagonal++;
                        }
                    } else if (side < 0) {
                        assertEquals(0, c, "trial " + trials + " pixel (" + x + "," + y + ") outside");
                    } else {
                        assertTrue(c <= 1, "double coverage on the quad boundary at (" + x + "," + y + ")");
                    }
                }
            }
        }
        assertTrue(checkedOnDiagonal > 50, "diagonal hit pixel centres only " + checkedOnDiagonal + " times");
    }

    /** Arbitrary float vertices: no double coverage anywhere, full coverage away from the boundary. */
    @Test
    void quadWithArbitraryVerticesHasNoCracksOrOverlap() {
        Random random = new Random(777);
        int trials = 0;
        while (trials < 600) {
            double[] q = randomConvexQuad(random, 0);
            if (q == null) {
                continue;
            }
            trials++;
            int[] counts = TriangleRasteriser.coverageCounts(toScreen(q), new int[] {0, 1, 2, 2, 3, 0}, SIZE, SIZE);
            int[] box = box(q);
            assertEquals(sum(counts), sumIn(counts, box), "coverage outside the quad's bounding box");
            for (int y = box[1]; y <= box[3]; y++) {
                for (int x = box[0]; x <= box[2]; x++) {
                    int c = counts[y * SIZE + x];
                    assertTrue(c <= 1, "double coverage at (" + x + "," + y + ")");
                    double d = signedDistanceInside(q, x, y);
                    if (d > 0.01) {
                        assertEquals(1, c, "crack at (" + x + "," + y + ")");
                    } else if (d < -0.01) {
                        assertEquals(0, c, "spill at (" + x + "," + y + ")");
                    }
                }
            }
        }
    }

    @Test
    void fanAroundAVertexIsWatertight() {
        Random random = new Random(99);
        int trial = 0;
        while (trial < 300) {
            int k = 4 + random.nextInt(13);
            // centre on a pixel centre in half the trials: the hardest case for the fill rule
            double cx = 20 + (trial % 2 == 0 ? 0 : random.nextInt(8) / 8.0);
            double cy = 20 + (trial % 2 == 0 ? 0 : random.nextInt(8) / 8.0);
            double r = 5 + random.nextDouble() * 12;
            double[] angles = new double[k];
            for (int i = 0; i < k; i++) {
                angles[i] = 2 * Math.PI * (i + 0.8 * random.nextDouble()) / k;
            }
            float[] screen = new float[3 * (k + 1)];
            screen[0] = (float) cx;
            screen[1] = (float) cy;
            double[] ring = new double[2 * k];
            for (int i = 0; i < k; i++) {
                ring[2 * i] = Math.round((cx + r * Math.cos(angles[i])) * 4) / 4.0;
                ring[2 * i + 1] = Math.round((cy + r * Math.sin(angles[i])) * 4) / 4.0;
                screen[3 * (i + 1)] = (float) ring[2 * i];
                screen[3 * (i + 1) + 1] = (float) ring[2 * i + 1];
            }
            if (!properFan(cx, cy, ring) || insideConvex(ring, cx, cy) <= 0) {
                continue; // a fold or a non-convex ring after snapping: not a simple fan
            }
            trial++;
            int[] tris = new int[3 * k];
            for (int i = 0; i < k; i++) {
                boolean flip = random.nextBoolean();
                tris[3 * i] = 0;
                tris[3 * i + 1] = 1 + (flip ? (i + 1) % k : i);
                tris[3 * i + 2] = 1 + (flip ? i : (i + 1) % k);
            }
            int[] counts = TriangleRasteriser.coverageCounts(screen, tris, SIZE, SIZE);
            int[] box = box(ring);
            assertEquals(sum(counts), sumIn(counts, box), "coverage outside the fan's bounding box");
            for (int y = box[1]; y <= box[3]; y++) {
                for (int x = box[0]; x <= box[2]; x++) {
                    int c = counts[y * SIZE + x];
                    assertTrue(c <= 1, "trial " + trial + ": double coverage at (" + x + "," + y + ")");
                    int side = insideConvex(ring, x, y);
                    if (side > 0) {
                        assertEquals(1, c, "trial " + trial + ": crack at (" + x + "," + y + ")");
                    } else if (side < 0) {
                        assertEquals(0, c, "trial " + trial + ": spill at (" + x + "," + y + ")");
                    }
                }
            }
            if (cx == 20 && cy == 20) {
                assertEquals(1, counts[20 * SIZE + 20], "fan centre on a pixel centre covered once");
            }
        }
    }

    @Test
    void linearAttributeIsExactAtPixelCentres() {
        // vertices on the 1/256 grid, so snapping does not move them
        float[] screen = {1.5f, 2.25f, 0.2f, 30.75f, 5.125f, 0.9f, 12.0078125f, 35.5f, 0.5f};
        int n = 3;
        float[] attributes = new float[2 * n];
        for (int i = 0; i < n; i++) {
            double x = screen[3 * i];
            double y = screen[3 * i + 1];
            attributes[i] = (float) (0.3 * x - 0.7 * y + 2);
            attributes[n + i] = (float) (-0.01 * x + 0.02 * y);
        }
        RasterResult r = TriangleRasteriser.rasterise(screen, new int[] {0, 1, 2}, attributes, 2, SIZE, SIZE);
        assertEquals(2, r.attributeCount());
        int covered = 0;
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                if (!r.covered(x, y)) {
                    assertTrue(Float.isNaN(r.attribute(0, x, y)) && Float.isNaN(r.depth()[y * SIZE + x]));
                    continue;
                }
                covered++;
                assertEquals(0.3 * x - 0.7 * y + 2, r.attribute(0, x, y), 2e-5, "a0 at " + x + "," + y);
                assertEquals(-0.01 * x + 0.02 * y, r.attribute(1, x, y), 1e-6, "a1 at " + x + "," + y);
            }
        }
        assertTrue(covered > 200, "covered " + covered);
        // depth is linear too: check it at one pixel via the plane through the three vertices
        double[] plane = plane(screen);
        assertEquals(plane[0] * 10 + plane[1] * 20 + plane[2], r.depth()[20 * SIZE + 10], 1e-5);
    }

    @Test
    void depthTestKeepsTheNearerTriangleInEitherOrder() {
        float[] screen = {
            0, 0, 1f, 30, 0, 1f, 0, 30, 1f, // far square half
            2, 2, 5f, 35, 3, 5f, 3, 35, 5f, // near, overlapping
        };
        float[] attr = {0, 0, 0, 1, 1, 1};
        for (int[] tris : new int[][] {{0, 1, 2, 3, 4, 5}, {3, 4, 5, 0, 1, 2}}) {
            RasterResult r = TriangleRasteriser.rasterise(screen, tris, attr, 1, SIZE, SIZE);
            int nearIndex = tris[0] == 3 ? 0 : 1;
            assertEquals(nearIndex, r.triangle()[10 * SIZE + 10]);
            assertEquals(5f, r.depth()[10 * SIZE + 10], 1e-6);
            assertEquals(1f, r.attribute(0, 10, 10), 1e-6);
            assertEquals(1 - nearIndex, r.triangle()[1 * SIZE + 1], "only the far triangle covers (1,1)");
            assertEquals(0f, r.attribute(0, 1, 1));
        }
    }

    @Test
    void pixelCentresAreAtIntegerCoordinates() {
        float[] screen = {0, 0, 0, 2, 0, 0, 0, 2, 0};
        for (int[] tris : new int[][] {{0, 1, 2}, {0, 2, 1}}) {
            RasterResult r = TriangleRasteriser.rasterise(screen, tris, null, 0, 4, 4);
            int[] expected = {
                0, 0, -1, -1,
                0, -1, -1, -1,
                -1, -1, -1, -1,
                -1, -1, -1, -1,
            };
            assertArrayEquals(expected, r.triangle());
            assertEquals(3, r.coveredPixels());
        }
        // the complementary triangle of the square [0,2]²: of the centres on its boundary only (1,1) is kept, as
        // the hypotenuse is a left edge here; its right edge x = 2 and bottom edge y = 2 are not top-left.
        // Together the two triangles cover the 2×2 pixels (0..1, 0..1) once each.
        float[] other = {2, 0, 0, 2, 2, 0, 0, 2, 0};
        int[] counts = TriangleRasteriser.coverageCounts(other, new int[] {0, 1, 2}, 4, 4);
        int[] expectedCounts = {
            0, 0, 0, 0,
            0, 1, 0, 0,
            0, 0, 0, 0,
            0, 0, 0, 0,
        };
        assertArrayEquals(expectedCounts, counts);
    }

    @Test
    void degenerateOffScreenAndNonFiniteTrianglesAreSkipped() {
        float[] screen = {
            1, 1, 0, 5, 5, 0, 9, 9, 0, // collinear
            -50, -50, 0, -40, -50, 0, -50, -40, 0, // off-screen
            Float.NaN, 3, 0, 10, 3, 0, 3, 10, 0, // NaN coordinate
            2, 2, Float.POSITIVE_INFINITY, 10, 2, 0, 2, 10, 0, // infinite depth
            -1e7f, -1e7f, 0, 1e7f, 0, 0, 0, 1e7f, 0, // beyond MAX_COORDINATE
        };
        int[] tris = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14};
        RasterResult r = TriangleRasteriser.rasterise(screen, tris, null, 0, 16, 16);
        assertEquals(0, r.coveredPixels());
        assertTrue(Float.isNaN(r.depth()[0]));
        // a huge triangle within the limit covers the whole image
        float[] big = {-1e5f, -1e5f, 0, 1e5f, -1e5f, 0, 0, 1e5f, 0};
        assertEquals(256, TriangleRasteriser.rasterise(big, new int[] {0, 1, 2}, null, 0, 16, 16).coveredPixels());
    }

    @Test
    void backFaceCullingUsesTheYUpCounterClockwiseConvention() {
        // counter-clockwise with y up = negative signed area in image coordinates (y down)
        float[] screen = {0, 10, 0, 10, 10, 0, 0, 0, 0};
        int[] front = {0, 1, 2};
        int[] back = {0, 2, 1};
        assertTrue(TriangleRasteriser.rasterise(screen, front, null, 0, 16, 16,
                TriangleRasteriser.Culling.BACK).coveredPixels() > 0);
        assertEquals(0, TriangleRasteriser.rasterise(screen, back, null, 0, 16, 16,
                TriangleRasteriser.Culling.BACK).coveredPixels());
        assertEquals(TriangleRasteriser.rasterise(screen, front, null, 0, 16, 16).coveredPixels(),
                TriangleRasteriser.rasterise(screen, back, null, 0, 16, 16).coveredPixels());
    }

    @Test
    void inconsistentInputIsRejected() {
        float[] screen = {0, 0, 0, 1, 0, 0, 0, 1, 0};
        assertThrows(IllegalArgumentException.class,
                () -> TriangleRasteriser.rasterise(screen, new int[] {0, 1, 3}, null, 0, 4, 4));
        assertThrows(IllegalArgumentException.class,
                () -> TriangleRasteriser.rasterise(screen, new int[] {0, 1}, null, 0, 4, 4));
        assertThrows(IllegalArgumentException.class,
                () -> TriangleRasteriser.rasterise(screen, new int[] {0, 1, 2}, new float[5], 2, 4, 4));
        assertThrows(IllegalArgumentException.class,
                () -> TriangleRasteriser.rasterise(screen, new int[] {0, 1, 2}, null, 0, 0, 4));
        assertFalse(TriangleRasteriser.rasterise(screen, new int[] {0, 1, 2}, null, 0, 4, 4).covered(3, 3));
    }

    // ---- helpers ----------------------------------------------------------------------------------------

    /** Four points on a circle at sorted random angles (convex), optionally snapped to 1/grid; null if not strictly convex. */
    private static double[] randomConvexQuad(Random random, double grid) {
        double cx = 8 + random.nextDouble() * 24;
        double cy = 8 + random.nextDouble() * 24;
        double r = 1 + random.nextDouble() * 14;
        double[] angles = new double[4];
        for (int i = 0; i < 4; i++) {
            angles[i] = random.nextDouble() * 2 * Math.PI;
        }
        java.util.Arrays.sort(angles);
        double[] q = new double[8];
        for (int i = 0; i < 4; i++) {
            double x = cx + r * Math.cos(angles[i]);
            double y = cy + r * Math.sin(angles[i]);
            q[2 * i] = grid > 0 ? Math.round(x * grid) / grid : x;
            q[2 * i + 1] = grid > 0 ? Math.round(y * grid) / grid : y;
        }
        int sign = 0;
        for (int i = 0; i < 4; i++) {
            int j = (i + 1) % 4;
            int k = (i + 2) % 4;
            double c = cross(q[2 * i], q[2 * i + 1], q[2 * j], q[2 * j + 1], q[2 * k], q[2 * k + 1]);
            int s = (int) Math.signum(c);
            if (s == 0 || (sign != 0 && s != sign)) {
                return null;
            }
            sign = s;
        }
        return q;
    }

    /** Pixel bounds {minX, minY, maxX, maxY} of a polygon, grown by one pixel and clipped to the image. */
    private static int[] box(double[] poly) {
        double[] b = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (int i = 0; i < poly.length; i += 2) {
            b[0] = Math.min(b[0], poly[i]);
            b[1] = Math.min(b[1], poly[i + 1]);
            b[2] = Math.max(b[2], poly[i]);
            b[3] = Math.max(b[3], poly[i + 1]);
        }
        return new int[] {Math.max(0, (int) Math.floor(b[0]) - 1), Math.max(0, (int) Math.floor(b[1]) - 1),
            Math.min(SIZE - 1, (int) Math.ceil(b[2]) + 1), Math.min(SIZE - 1, (int) Math.ceil(b[3]) + 1)};
    }

    private static int sum(int[] counts) {
        int s = 0;
        for (int c : counts) {
            s += c;
        }
        return s;
    }

    private static int sumIn(int[] counts, int[] box) {
        int s = 0;
        for (int y = box[1]; y <= box[3]; y++) {
            for (int x = box[0]; x <= box[2]; x++) {
                s += counts[y * SIZE + x];
            }
        }
        return s;
    }

    /** True when every fan triangle (centre, ring[i], ring[i+1]) turns the same way as the first. */
    private static boolean properFan(double cx, double cy, double[] ring) {
        int n = ring.length / 2;
        for (int i = 0; i < n; i++) {
            int j = (i + 1) % n;
            if (cross(cx, cy, ring[2 * i], ring[2 * i + 1], ring[2 * j], ring[2 * j + 1]) <= 0) {
                return false;
            }
        }
        return true;
    }

    private static float[] toScreen(double[] poly) {
        float[] s = new float[poly.length / 2 * 3];
        for (int i = 0; i < poly.length / 2; i++) {
            s[3 * i] = (float) poly[2 * i];
            s[3 * i + 1] = (float) poly[2 * i + 1];
        }
        return s;
    }

    private static double cross(double ax, double ay, double bx, double by, double px, double py) {
        return (bx - ax) * (py - ay) - (by - ay) * (px - ax);
    }

    /** +1 strictly inside the convex polygon, −1 strictly outside, 0 on its boundary (exact for grid values). */
    private static int insideConvex(double[] poly, double x, double y) {
        int n = poly.length / 2;
        boolean pos = false;
        boolean neg = false;
        boolean zero = false;
        for (int i = 0; i < n; i++) {
            int j = (i + 1) % n;
            double c = cross(poly[2 * i], poly[2 * i + 1], poly[2 * j], poly[2 * j + 1], x, y);
            pos |= c > 0;
            neg |= c < 0;
            zero |= c == 0;
        }
        if (pos && neg) {
            return -1;
        }
        return zero ? 0 : 1;
    }

    /** Distance to the boundary of a convex polygon, positive inside. */
    private static double signedDistanceInside(double[] poly, double x, double y) {
        int n = poly.length / 2;
        double orientation = Math.signum(cross(poly[0], poly[1], poly[2], poly[3], poly[4], poly[5]));
        double d = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            int j = (i + 1) % n;
            double len = Math.hypot(poly[2 * j] - poly[2 * i], poly[2 * j + 1] - poly[2 * i + 1]);
            d = Math.min(d, orientation * cross(poly[2 * i], poly[2 * i + 1], poly[2 * j], poly[2 * j + 1], x, y) / len);
        }
        return d;
    }

    /** Depth plane z = a·x + b·y + c through the three vertices of a [9] screen triangle. */
    private static double[] plane(float[] s) {
        double x1 = s[3] - s[0];
        double y1 = s[4] - s[1];
        double z1 = s[5] - s[2];
        double x2 = s[6] - s[0];
        double y2 = s[7] - s[1];
        double z2 = s[8] - s[2];
        double det = x1 * y2 - x2 * y1;
        double a = (z1 * y2 - z2 * y1) / det;
        double b = (x1 * z2 - x2 * z1) / det;
        return new double[] {a, b, s[2] - a * s[0] - b * s[1]};
    }
}
