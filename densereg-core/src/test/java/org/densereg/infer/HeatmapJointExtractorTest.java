package org.densereg.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HeatmapJointExtractorTest {

    @Test
    void subPixelPeakOfGaussians() {
        int w = 21;
        int h = 17;
        double[][] centres = {{10.3, 7.6}, {0, 16}, {4.8, 3.2}};
        float[] maps = new float[centres.length * w * h];
        for (int j = 0; j < centres.length; j++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double dx = x - centres[j][0];
                    double dy = y - centres[j][1];
                    maps[j * w * h + y * w + x] = (float) Math.exp(-(dx * dx + dy * dy) / (2 * 2.0 * 2.0));
                }
            }
        }
        double[] xy = HeatmapJointExtractor.extract(maps, centres.length, w, h);
        for (int j = 0; j < centres.length; j++) {
            assertEquals(centres[j][0], xy[2 * j], 0.12);
            assertEquals(centres[j][1], xy[2 * j + 1], 0.12);
        }
    }
}
