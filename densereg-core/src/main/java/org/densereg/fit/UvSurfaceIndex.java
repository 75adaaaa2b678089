package org.densereg.fit;

import java.util.Objects;
import org.densereg.model3d.MorphableModel;

/**
 * Finds the point of a model's surface that has a given template (u, v): the triangle whose (u, v) triangle contains
 * the point and the point's barycentric coordinates in it. Built once per model: a uniform grid over UV space
 * ({@code side × side} cells covering [0, 1]²) lists the triangles whose UV bounding box touches each cell, so a
 * query tests only the few triangles of one cell.
 *
 * <p>A query outside every UV triangle (a (u, v) in a gap of the parameterisation or beyond the mesh's UV extent)
 * finds nothing. Triangles whose UV area is (numerically) zero are never returned. Where UV triangles overlap (a
 * fold of the parameterisation), the lowest-numbered containing triangle wins. Immutable and thread-safe.
 */
public final class UvSurfaceIndex {

    /** Default grid side: 128 × 128 cells (each about 4 triangles of the 898-triangle default model). */
    public static final int DEFAULT_SIDE = 128;

    /** Barycentric tolerance: points this far outside a triangle (in barycentric units) still count as inside. */
    private static final double INSIDE_TOLERANCE = 1e-7;

    private final MorphableModel model;
    private final int side;
    /** [side² + 1] start of each cell's triangle list in {@link #cellTriangles}. */
    private final int[] cellStart;
    private final int[] cellTriangles;
    /** [T] per triangle 1 / (twice the signed UV area), 0 for degenerate triangles. */
    private final double[] inverseArea;

    /**
     * Indexes a model's UV triangles on a {@value #DEFAULT_SIDE}² grid.
     *
     * @param model a model; its {@link MorphableModel#uv()} and triangles are indexed
     */
    public UvSurfaceIndex(MorphableModel model) {
        this(model, DEFAULT_SIDE);
    }

    /**
     * Indexes a model's UV triangles.
     *
     * @param model a model; its {@link MorphableModel#uv()} and triangles are indexed
     * @param side  grid cells per UV axis, at least 1
     */
    public UvSurfaceIndex(MorphableModel model, int side) {
        this.model = Objects.requireNonNull(model, "model");
        if (side < 1) {
            throw new IllegalArgumentException("grid side must be at least 1, got " + side);
        }
        this.side = side;
        int[] tri = model.triangles();
        float[] uv = model.uv();
        int t = tri.length / 3;
        inverseArea = new double[t];
        // per triangle its cell range [c0, c1] × [r0, r1], or c0 = -1 when degenerate
        int[] range = new int[4 * t];
        int[] count = new int[side * side + 1];
        for (int k = 0; k < t; k++) {
            double u0 = uv[2 * tri[3 * k]];
            double v0 = uv[2 * tri[3 * k] + 1];
            double u1 = uv[2 * tri[3 * k + 1]];
            double v1 = uv[2 * tri[3 * k + 1] + 1];
            double u2 = uv[2 * tri[3 * k + 2]];
            double v2 = uv[2 * tri[3 * k + 2] + 1];
            double area2 = (u1 - u0) * (v2 - v0) - (u2 - u0) * (v1 - v0);
            if (!(Math.abs(area2) > 1e-14)) {
                range[4 * k] = -1;
                continue;
            }
            inverseArea[k] = 1 / area2;
            range[4 * k] = cell(Math.min(u0, Math.min(u1, u2)));
            range[4 * k + 1] = cell(Math.max(u0, Math.max(u1, u2)));
            range[4 * k + 2] = cell(Math.min(v0, Math.min(v1, v2)));
            range[4 * k + 3] = cell(Math.max(v0, Math.max(v1, v2)));
            for (int r = range[4 * k + 2]; r <= range[4 * k + 3]; r++) {
                for (int c = range[4 * k]; c <= range[4 * k + 1]; c++) {
                    count[r * side + c + 1]++;
                }
            }
        }
        for (int i = 0; i < side * side; i++) {
            count[i + 1] += count[i];
        }
        int[] fill = count.clone();
        int[] lists = new int[count[side * side]];
        for (int k = 0; k < t; k++) {
            if (range[4 * k] < 0) {
                continue;
            }
            for (int r = range[4 * k + 2]; r <= range[4 * k + 3]; r++) {
                for (int c = range[4 * k]; c <= range[4 * k + 1]; c++) {
                    lists[fill[r * side + c]++] = k;
                }
            }
        }
        this.cellStart = count;
        this.cellTriangles = lists;
    }

    private int cell(double value) {
        int c = (int) Math.floor(value * side);
        return c < 0 ? 0 : Math.min(side - 1, c);
    }

    /** The indexed model. */
    public MorphableModel model() {
        return model;
    }

    /**
     * Locates a (u, v) on the surface.
     *
     * @param u           template u
     * @param v           template v (up)
     * @param barycentric [3] receives the weights of the triangle's three vertices (in the order of
     *                    {@link MorphableModel#triangles()}), summing to 1; untouched when nothing is found
     * @return the triangle index t (vertices {@code triangles[3t..3t+2]}), or -1 when no UV triangle contains (u, v)
     */
    public int locate(double u, double v, double[] barycentric) {
        if (!(u >= 0 && u <= 1 && v >= 0 && v <= 1)) {
            return -1;
        }
        int cellIndex = cell(v) * side + cell(u);
        int[] tri = model.triangles();
        float[] uv = model.uv();
        for (int i = cellStart[cellIndex]; i < cellStart[cellIndex + 1]; i++) {
            int k = cellTriangles[i];
            double inv = inverseArea[k];
            double u0 = uv[2 * tri[3 * k]];
            double v0 = uv[2 * tri[3 * k] + 1];
            double u1 = uv[2 * tri[3 * k + 1]];
            double v1 = uv[2 * tri[3 * k + 1] + 1];
            double u2 = uv[2 * tri[3 * k + 2]];
            double v2 = uv[2 * tri[3 * k + 2] + 1];
            double b1 = ((u - u0) * (v2 - v0) - (u2 - u0) * (v - v0)) * inv;
            double b2 = ((u1 - u0) * (v - v0) - (u - u0) * (v1 - v0)) * inv;
            double b0 = 1 - b1 - b2;
            if (b0 >= -INSIDE_TOLERANCE && b1 >= -INSIDE_TOLERANCE && b2 >= -INSIDE_TOLERANCE) {
                barycentric[0] = b0;
                barycentric[1] = b1;
                barycentric[2] = b2;
                return k;
            }
        }
        return -1;
    }
}
