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

    /** @param model the model whose UVs and triangles are rendered */
    public FaceUvRenderer(MorphableModel model) {
        this.model = model;
        int n = model.vertexCount();
        float[] uv = model.uv();
        this.uvAttributes = new float[2 * n];
        for (int i = 0; i < n; i++) {
            uvAttributes[i] = uv[2 * i];
            uvAttributes[n + i] = uv[2 * i + 1];
        }
        this.chart = FacePartChart.fromLandmarkUv(model.landmarkUv());
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
        for (int p = 0; p < pixels; p++) {
            boolean inside = triangle[p] >= 0;
            u[p] = inside ? attributes[p] : -1f;
            v[p] = inside ? attributes[pixels + p] : -1f;
        }
        byte[] parts = chart.labelMap(u, v, width, height);
        return new UvMaps(width, height, u, v, parts);
    }
}
