package org.densereg.supervision;

import org.densereg.model3d.MorphableModel;
import org.densereg.raster.RasterResult;
import org.densereg.raster.TriangleRasteriser;

/**
 * Rasterises a model's per-vertex (u, v) for a projected mesh into U, V and part-label maps (DESIGN §5.1):
 * z-buffer, barycentric interpolation, parts looked up in the {@link FacePartChart} built from the model's
 * landmark (u, v). Thread-safe.
 */
public final class FaceUvRenderer {

    private final MorphableModel model;
    private final float[] uvAttributes;
    private final FacePartChart chart;
    private final byte[] partTable;

    /** Side of the UV-space part lookup table. */
    public static final int PART_TABLE_SIDE = 512;

    /** @param model the model whose UVs and triangles are rendered */
    public FaceUvRenderer(MorphableModel model) {
        this.model = model;
        this.uvAttributes = planarUv(model);
        this.chart = FacePartChart.fromLandmarkUv(model.landmarkUv());
        this.partTable = new byte[PART_TABLE_SIDE * PART_TABLE_SIDE];
        for (int row = 0; row < PART_TABLE_SIDE; row++) {
            double v = (row + 0.5) / PART_TABLE_SIDE;
            for (int col = 0; col < PART_TABLE_SIDE; col++) {
                FacePart part = chart.partAt((col + 0.5) / PART_TABLE_SIDE, v);
                partTable[row * PART_TABLE_SIDE + col] = (byte) (part == FacePart.BACKGROUND ? FacePart.SKIN : part).label();
            }
        }
    }

    /**
     * The model's per-vertex (u, v) in the rasteriser's planar attribute layout.
     *
     * @param model a model
     * @return [2N]: u of vertex i at i, v of vertex i at N + i
     */
    public static float[] planarUv(MorphableModel model) {
        int n = model.vertexCount();
        float[] uv = model.uv();
        float[] planar = new float[2 * n];
        for (int i = 0; i < n; i++) {
            planar[i] = uv[2 * i];
            planar[n + i] = uv[2 * i + 1];
        }
        return planar;
    }

    /** @return the part chart used for labels */
    public FacePartChart chart() {
        return chart;
    }

    /**
     * @param projected [3N] projected vertices: x, y (0-based pixels, y down), depth (larger = nearer)
     * @param width     output width W
     * @param height    output height H
     * @return the U, V and part maps
     */
    public UvMaps render(float[] projected, int width, int height) {
        if (projected.length != 3 * model.vertexCount()) {
            throw new IllegalArgumentException("projected has " + projected.length + " values, expected 3 × "
                    + model.vertexCount());
        }
        RasterResult raster = TriangleRasteriser.rasterise(projected, model.triangles(), uvAttributes, 2, width, height);
        int pixels = width * height;
        float[] u = new float[pixels];
        float[] v = new float[pixels];
        float[] attributes = raster.attributes();
        int[] triangle = raster.triangle();
        byte[] parts = new byte[pixels];
        for (int p = 0; p < pixels; p++) {
            if (triangle[p] < 0) {
                u[p] = -1f;
                v[p] = -1f;
                continue;
            }
            float pu = attributes[p];
            float pv = attributes[pixels + p];
            u[p] = pu;
            v[p] = pv;
            parts[p] = partTable[cell(pv) * PART_TABLE_SIDE + cell(pu)];
        }
        return new UvMaps(width, height, u, v, parts);
    }

    private static int cell(float value) {
        int c = (int) (value * PART_TABLE_SIDE);
        return c < 0 ? 0 : Math.min(PART_TABLE_SIDE - 1, c);
    }
}
