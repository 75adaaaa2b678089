package org.densereg.supervision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.densereg.model3d.MorphableModel;
import org.densereg.model3d.SfmModelReader;
import org.densereg.raster.RasterResult;
import org.densereg.raster.TriangleRasteriser;
import org.densereg.testing.SharedData;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The chart of the real Surrey Face Model (which lacks landmarks 60 and 64) on a frontal render of its mean. */
@Tag("dataset")
class SfmPartLabelsDatasetTest {

    private static final int SIZE = 256;

    @Test
    void frontalRenderOfTheSfmMeanShowsEveryPartWhereItsLandmarksAre() throws Exception {
        Path folder = SharedData.require("models/sfm");
        MorphableModel model = SfmModelReader.readFolder(folder);
        FacePartChart chart = FacePartChart.of(model);
        assertEquals(FacePart.values().length, chart.presentParts().size(), "all parts despite unmapped 60/64");

        int n = model.vertexCount();
        float[] mean = model.mean();
        float minX = Float.POSITIVE_INFINITY;
        float maxX = Float.NEGATIVE_INFINITY;
        float minY = Float.POSITIVE_INFINITY;
        float maxY = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            minX = Math.min(minX, mean[3 * i]);
            maxX = Math.max(maxX, mean[3 * i]);
            minY = Math.min(minY, mean[3 * i + 1]);
            maxY = Math.max(maxY, mean[3 * i + 1]);
        }
        float scale = 0.9f * SIZE / Math.max(maxX - minX, maxY - minY);
        float[] screen = new float[3 * n];
        float[] uv = model.uv();
        float[] planar = new float[2 * n];
        for (int i = 0; i < n; i++) { // orthographic, face looking along +z, y up → image y down
            screen[3 * i] = SIZE / 2f + scale * (mean[3 * i] - (minX + maxX) / 2);
            screen[3 * i + 1] = SIZE / 2f - scale * (mean[3 * i + 1] - (minY + maxY) / 2);
            screen[3 * i + 2] = mean[3 * i + 2];
            planar[i] = uv[2 * i];
            planar[n + i] = uv[2 * i + 1];
        }
        RasterResult r = TriangleRasteriser.rasterise(screen, model.triangles(), planar, 2, SIZE, SIZE);
        float[] u = new float[SIZE * SIZE];
        float[] v = new float[SIZE * SIZE];
        for (int p = 0; p < u.length; p++) {
            boolean fg = r.triangle()[p] >= 0;
            u[p] = fg ? r.attributes()[p] : -1;
            v[p] = fg ? r.attributes()[SIZE * SIZE + p] : -1;
        }
        byte[] labels = chart.labelMap(u, v, SIZE, SIZE);
        int[] histogram = new int[FacePart.values().length];
        for (byte b : labels) {
            histogram[b]++;
        }
        for (FacePart part : FacePart.values()) {
            assertTrue(histogram[part.label()] > 0, part + " missing from the render");
        }
        assertEquals(SIZE * SIZE - r.coveredPixels(), histogram[0]);
        // the subject's right eye is on the image left: the eye centre pixel of landmarks 36–41
        int[] landmarks = model.landmarkVertices();
        assertEquals(FacePart.RIGHT_EYE, partAtCentroid(r, labels, screen, landmarks, 36, 41));
        assertEquals(FacePart.LEFT_EYE, partAtCentroid(r, labels, screen, landmarks, 42, 47));
        assertTrue(centroidX(screen, landmarks, 36, 41) < centroidX(screen, landmarks, 42, 47));
    }

    private static FacePart partAtCentroid(RasterResult r, byte[] labels, float[] screen, int[] landmarks, int from,
            int to) {
        double x = centroidX(screen, landmarks, from, to);
        double y = 0;
        int count = 0;
        for (int k = from; k <= to; k++) {
            if (landmarks[k] >= 0) {
                y += screen[3 * landmarks[k] + 1];
                count++;
            }
        }
        int px = (int) Math.round(x);
        int py = (int) Math.round(y / count);
        return FacePart.ofLabel(labels[py * r.width() + px]);
    }

    private static double centroidX(float[] screen, int[] landmarks, int from, int to) {
        double x = 0;
        int count = 0;
        for (int k = from; k <= to; k++) {
            if (landmarks[k] >= 0) {
                x += screen[3 * landmarks[k]];
                count++;
            }
        }
        return x / count;
    }
}
