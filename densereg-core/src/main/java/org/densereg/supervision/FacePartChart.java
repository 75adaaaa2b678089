package org.densereg.supervision;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.densereg.model3d.MorphableModel;

/**
 * The face part chart: regions of the template's UV space, built from the template (u, v) of the 68 iBUG
 * landmarks. A part label is a lookup of (u, v) in the chart, so ground truth and predictions share it.
 *
 * <p>Regions (indices are 0-based iBUG landmarks; distances are measured in UV units):
 * <ul>
 *   <li>eyes: polygon 36–41 (right) / 42–47 (left), dilated by {@value #EYE_MARGIN} × the polygon's diameter;</li>
 *   <li>brows: band of half-width {@value #BROW_HALF_WIDTH} × the polyline's diameter around the polyline
 *       17–21 (right) / 22–26 (left);</li>
 *   <li>nose: polygon 27, 31, 32, 33, 34, 35 (bridge top to the nostril line) plus a band of half-width
 *       {@value #NOSE_BRIDGE_HALF_WIDTH} × the nostril-line diameter around the bridge 27–30;</li>
 *   <li>upper lip: polygon 48–54 (outer), then 64–60 (inner); lower lip: polygon 54–59, 48 (outer), then
 *       60, 67–64 (inner); inner mouth: polygon 60–67;</li>
 *   <li>skin: every other valid (u, v) (u ≥ 0 and v ≥ 0); background: u &lt; 0, v &lt; 0 or NaN.</li>
 * </ul>
 * Where regions overlap the first of inner mouth, upper lip, lower lip, right eye, left eye, nose, right brow,
 * left brow wins. Polygons are tested with the even-odd rule.
 *
 * <p>Unmapped landmarks (NaN) are tolerated: the inner mouth corners 60 and 64 (which the Surrey Face Model
 * does not map) are replaced by the outer corners 48 and 54; any other missing landmark is left out of its
 * polygon or polyline. A polygon left with fewer than three points, or a band with fewer than two, is absent
 * and its area counts as skin.
 *
 * <p>Immutable and thread-safe.
 */
public final class FacePartChart {

    /** Eye dilation as a fraction of the eye polygon's diameter (≈ corner-to-corner width). */
    public static final double EYE_MARGIN = 0.12;
    /** Brow band half-width as a fraction of the brow polyline's diameter. */
    public static final double BROW_HALF_WIDTH = 0.12;
    /** Nose bridge band half-width as a fraction of the nostril line's diameter (31–35). */
    public static final double NOSE_BRIDGE_HALF_WIDTH = 0.2;

    private static final int LANDMARKS = 68;
    private static final int GRID = 32;
    /** Inner mouth corners and their substitutes (outer corners) when unmapped. */
    private static final int[][] SUBSTITUTES = {{60, 48}, {64, 54}};

    private final double[] landmarkUv;
    /** Regions in priority order. */
    private final Region[] regions;
    /** Acceleration grid over [0,1]²: per cell, the regions (in priority order) whose bounds meet the cell. */
    private final Region[][] cells;

    private FacePartChart(double[] landmarkUv, List<Region> regions) {
        this.landmarkUv = landmarkUv;
        this.regions = regions.toArray(new Region[0]);
        this.cells = new Region[GRID * GRID][];
        for (int cv = 0; cv < GRID; cv++) {
            for (int cu = 0; cu < GRID; cu++) {
                double u0 = (double) cu / GRID;
                double v0 = (double) cv / GRID;
                double u1 = (double) (cu + 1) / GRID;
                double v1 = (double) (cv + 1) / GRID;
                List<Region> hits = new ArrayList<>();
                for (Region r : this.regions) {
                    if (r.maxU >= u0 && r.minU <= u1 && r.maxV >= v0 && r.minV <= v1) {
                        hits.add(r);
                    }
                }
                cells[cv * GRID + cu] = hits.toArray(new Region[0]);
            }
        }
    }

    /**
     * Builds the chart from the template (u, v) of the 68 iBUG landmarks.
     *
     * @param landmarkUv [136] (u, v) per iBUG landmark (0-based order), v up; NaN for unmapped landmarks
     * @return the chart
     * @throws IllegalArgumentException when the array does not hold 68 pairs
     */
    public static FacePartChart fromLandmarkUv(double[] landmarkUv) {
        if (landmarkUv.length != 2 * LANDMARKS) {
            throw new IllegalArgumentException("landmarkUv: expected " + 2 * LANDMARKS + " values (u, v per iBUG"
                    + " landmark), found " + landmarkUv.length);
        }
        double[] uv = landmarkUv.clone();
        for (int[] s : SUBSTITUTES) {
            if (!mapped(uv, s[0])) {
                uv[2 * s[0]] = uv[2 * s[1]];
                uv[2 * s[0] + 1] = uv[2 * s[1] + 1];
            }
        }
        List<Region> regions = new ArrayList<>();
        add(regions, Region.polygon(FacePart.INNER_MOUTH, points(uv, range(60, 67)), 0));
        add(regions, Region.polygon(FacePart.UPPER_LIP,
                points(uv, new int[] {48, 49, 50, 51, 52, 53, 54, 64, 63, 62, 61, 60}), 0));
        add(regions, Region.polygon(FacePart.LOWER_LIP,
                points(uv, new int[] {54, 55, 56, 57, 58, 59, 48, 60, 67, 66, 65, 64}), 0));
        add(regions, Region.polygon(FacePart.RIGHT_EYE, points(uv, range(36, 41)), EYE_MARGIN));
        add(regions, Region.polygon(FacePart.LEFT_EYE, points(uv, range(42, 47)), EYE_MARGIN));
        double[] nostrils = points(uv, range(31, 35));
        add(regions, Region.polygon(FacePart.NOSE, points(uv, new int[] {27, 31, 32, 33, 34, 35}), 0));
        if (nostrils.length >= 4) {
            add(regions, Region.band(FacePart.NOSE, points(uv, range(27, 30)),
                    NOSE_BRIDGE_HALF_WIDTH * diameter(nostrils)));
        }
        add(regions, Region.band(FacePart.RIGHT_BROW, points(uv, range(17, 21)), -BROW_HALF_WIDTH));
        add(regions, Region.band(FacePart.LEFT_BROW, points(uv, range(22, 26)), -BROW_HALF_WIDTH));
        return new FacePartChart(landmarkUv.clone(), regions);
    }

    /**
     * The chart of a morphable model: {@code fromLandmarkUv(model.landmarkUv())}.
     *
     * @param model a model whose UVs and landmark map define the chart
     * @return the chart
     */
    public static FacePartChart of(MorphableModel model) {
        return fromLandmarkUv(model.landmarkUv());
    }

    /** A copy of the landmark UVs the chart was built from: [136] (u, v) per landmark, NaN when unmapped. */
    public double[] landmarkUv() {
        return landmarkUv.clone();
    }

    /** The parts present in this chart (skin and background always are; a part may be absent, see above). */
    public List<FacePart> presentParts() {
        Map<FacePart, Boolean> present = new EnumMap<>(FacePart.class);
        present.put(FacePart.BACKGROUND, true);
        present.put(FacePart.SKIN, true);
        for (Region r : regions) {
            present.put(r.part, true);
        }
        return List.copyOf(present.keySet());
    }

    /**
     * The part at a template coordinate.
     *
     * @param u template u (any value; u &lt; 0 is background)
     * @param v template v, up (v &lt; 0 is background)
     * @return the part; {@link FacePart#BACKGROUND} for u &lt; 0, v &lt; 0 or NaN, {@link FacePart#SKIN} outside
     *         every region
     */
    public FacePart partAt(double u, double v) {
        if (!(u >= 0) || !(v >= 0)) {
            return FacePart.BACKGROUND;
        }
        Region[] candidates = regions;
        if (u <= 1 && v <= 1) { // a cell's list holds every region that can contain a point of the cell
            int cu = Math.min(GRID - 1, (int) (u * GRID));
            int cv = Math.min(GRID - 1, (int) (v * GRID));
            candidates = cells[cv * GRID + cu];
        }
        for (Region r : candidates) {
            if (r.contains(u, v)) {
                return r.part;
            }
        }
        return FacePart.SKIN;
    }

    /**
     * Part labels of a UV map.
     *
     * @param u [h·w] row-major u per pixel, negative (−1) on background
     * @param v [h·w] row-major v per pixel, negative (−1) on background
     * @param w map width
     * @param h map height
     * @return [h·w] row-major {@link FacePart#label()} per pixel, 0 where u &lt; 0 (or v &lt; 0, or NaN)
     * @throws IllegalArgumentException when an array does not hold {@code w·h} values
     */
    public byte[] labelMap(float[] u, float[] v, int w, int h) {
        int n = w * h;
        if (w <= 0 || h <= 0 || u.length != n || v.length != n) {
            throw new IllegalArgumentException("labelMap: expected u and v of " + w + "×" + h + " = " + n
                    + " values, found " + u.length + " and " + v.length);
        }
        byte[] labels = new byte[n];
        for (int p = 0; p < n; p++) {
            labels[p] = (byte) partAt(u[p], v[p]).label();
        }
        return labels;
    }

    /**
     * Draws the chart as an image of UV space for documentation: pixel (x, y) shows the part at
     * u = (x + 0.5) / W, v = 1 − (y + 0.5) / H (so x = u·W, y = (1 − v)·H), in the parts' {@link FacePart#rgb()}
     * colours, with each mapped landmark marked by a 3×3 white dot.
     *
     * @param width  image width W
     * @param height image height H
     * @return a {@link BufferedImage#TYPE_INT_RGB} image
     */
    public BufferedImage render(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            double v = 1 - (y + 0.5) / height;
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, partAt((x + 0.5) / width, v).rgb());
            }
        }
        for (int k = 0; k < LANDMARKS; k++) {
            if (!mapped(landmarkUv, k)) {
                continue;
            }
            int cx = (int) Math.floor(landmarkUv[2 * k] * width);
            int cy = (int) Math.floor((1 - landmarkUv[2 * k + 1]) * height);
            for (int dy = -1; dy <= 1; dy++) {
                for (int dx = -1; dx <= 1; dx++) {
                    int x = cx + dx;
                    int y = cy + dy;
                    if (x >= 0 && y >= 0 && x < width && y < height) {
                        image.setRGB(x, y, 0xFFFFFF);
                    }
                }
            }
        }
        return image;
    }

    private static void add(List<Region> regions, Region region) {
        if (region != null) {
            regions.add(region);
        }
    }

    private static boolean mapped(double[] uv, int k) {
        return Double.isFinite(uv[2 * k]) && Double.isFinite(uv[2 * k + 1]);
    }

    private static int[] range(int first, int last) {
        int[] r = new int[last - first + 1];
        for (int i = 0; i < r.length; i++) {
            r[i] = first + i;
        }
        return r;
    }

    /** Interleaved (u, v) of the mapped landmarks among {@code indices}, in order. */
    private static double[] points(double[] uv, int[] indices) {
        double[] out = new double[2 * indices.length];
        int n = 0;
        for (int k : indices) {
            if (mapped(uv, k)) {
                out[n++] = uv[2 * k];
                out[n++] = uv[2 * k + 1];
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /** Largest distance between two of the points. */
    private static double diameter(double[] pts) {
        double d = 0;
        for (int i = 0; i < pts.length; i += 2) {
            for (int j = i + 2; j < pts.length; j += 2) {
                d = Math.max(d, Math.hypot(pts[i] - pts[j], pts[i + 1] - pts[j + 1]));
            }
        }
        return d;
    }

    /** A closed polygon (even-odd) and/or the set of points within {@code margin} of its outline. */
    private static final class Region {
        final FacePart part;
        final double[] pts;
        final boolean closed;
        final double margin;
        final double minU;
        final double maxU;
        final double minV;
        final double maxV;

        private Region(FacePart part, double[] pts, boolean closed, double margin) {
            this.part = part;
            this.pts = pts;
            this.closed = closed;
            this.margin = margin;
            double u0 = Double.POSITIVE_INFINITY;
            double u1 = Double.NEGATIVE_INFINITY;
            double v0 = Double.POSITIVE_INFINITY;
            double v1 = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < pts.length; i += 2) {
                u0 = Math.min(u0, pts[i]);
                u1 = Math.max(u1, pts[i]);
                v0 = Math.min(v0, pts[i + 1]);
                v1 = Math.max(v1, pts[i + 1]);
            }
            minU = u0 - margin;
            maxU = u1 + margin;
            minV = v0 - margin;
            maxV = v1 + margin;
        }

        /** Polygon dilated by {@code marginFraction} × its diameter; null with fewer than 3 points. */
        static Region polygon(FacePart part, double[] pts, double marginFraction) {
            return pts.length < 6 ? null : new Region(part, pts, true, marginFraction * diameter(pts));
        }

        /**
         * Band around an open polyline: half-width {@code halfWidth} in UV units when positive, or −halfWidth ×
         * the polyline's diameter when negative; null with fewer than 2 points or a zero width.
         */
        static Region band(FacePart part, double[] pts, double halfWidth) {
            if (pts.length < 4) {
                return null;
            }
            double m = halfWidth < 0 ? -halfWidth * diameter(pts) : halfWidth;
            return m > 0 ? new Region(part, pts, false, m) : null;
        }

        boolean contains(double u, double v) {
            if (u < minU || u > maxU || v < minV || v > maxV) {
                return false;
            }
            if (closed && insidePolygon(u, v)) {
                return true;
            }
            return margin > 0 && squaredDistanceToOutline(u, v) <= margin * margin;
        }

        private boolean insidePolygon(double u, double v) {
            boolean inside = false;
            int n = pts.length / 2;
            for (int i = 0, j = n - 1; i < n; j = i++) {
                double ui = pts[2 * i];
                double vi = pts[2 * i + 1];
                double uj = pts[2 * j];
                double vj = pts[2 * j + 1];
                if ((vi > v) != (vj > v) && u < (uj - ui) * (v - vi) / (vj - vi) + ui) {
                    inside = !inside;
                }
            }
            return inside;
        }

        private double squaredDistanceToOutline(double u, double v) {
            int n = pts.length / 2;
            int segments = closed ? n : n - 1;
            double best = Double.POSITIVE_INFINITY;
            for (int s = 0; s < segments; s++) {
                int a = s;
                int b = (s + 1) % n;
                best = Math.min(best, squaredSegmentDistance(u, v, pts[2 * a], pts[2 * a + 1], pts[2 * b], pts[2 * b + 1]));
            }
            return best;
        }

        private static double squaredSegmentDistance(double u, double v, double au, double av, double bu, double bv) {
            double du = bu - au;
            double dv = bv - av;
            double len2 = du * du + dv * dv;
            double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, ((u - au) * du + (v - av) * dv) / len2));
            double eu = u - (au + t * du);
            double ev = v - (av + t * dv);
            return eu * eu + ev * ev;
        }
    }
}
