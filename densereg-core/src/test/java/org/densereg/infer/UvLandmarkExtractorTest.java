package org.densereg.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UvLandmarkExtractorTest {

    private static final int W = 40;
    private static final int H = 30;

    /** u = 0.1 + 0.02·x, v = 0.9 − 0.025·y on a disc, background elsewhere. */
    private static float[][] affineMaps() {
        float[] u = new float[W * H];
        float[] v = new float[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                boolean inside = (x - 20) * (x - 20) + (y - 15) * (y - 15) < 12 * 12;
                u[y * W + x] = inside ? (float) (0.1 + 0.02 * x) : -1f;
                v[y * W + x] = inside ? (float) (0.9 - 0.025 * y) : -1f;
            }
        }
        return new float[][] {u, v};
    }

    @Test
    void subPixelRefinementRecoversTheExactPointOfAnAffineMap() {
        float[][] maps = affineMaps();
        double x = 17.3;
        double y = 12.6;
        double[] template = {0.1 + 0.02 * x, 0.9 - 0.025 * y, Double.NaN, Double.NaN};
        ExtractedLandmarks found = new UvLandmarkExtractor(template, UvLandmarkExtractor.Mode.SUBPIXEL)
                .extract(maps[0], maps[1], W, H);
        assertEquals(x, found.points().x(0), 1e-4);
        assertEquals(y, found.points().y(0), 1e-4);
        assertTrue(Double.isNaN(found.points().x(1)), "undefined template landmark stays NaN");
    }

    @Test
    void argminReturnsTheNearestPixelCentre() {
        float[][] maps = affineMaps();
        double[] template = {0.1 + 0.02 * 17.3, 0.9 - 0.025 * 12.6};
        ExtractedLandmarks found = new UvLandmarkExtractor(template, UvLandmarkExtractor.Mode.ARGMIN)
                .extract(maps[0], maps[1], W, H);
        assertEquals(17.0, found.points().x(0), 0);
        assertEquals(13.0, found.points().y(0), 0);
        assertEquals(Math.hypot(0.02 * 0.3, 0.025 * 0.4), found.uvDistance()[0], 1e-6);
    }

    @Test
    void backgroundPixelsAreNeverChosen() {
        float[][] maps = affineMaps();
        // The template point lies outside the disc (x = 2, y = 2): the answer must be on the disc.
        double[] template = {0.1 + 0.02 * 2, 0.9 - 0.025 * 2};
        ExtractedLandmarks found = new UvLandmarkExtractor(template, UvLandmarkExtractor.Mode.ARGMIN)
                .extract(maps[0], maps[1], W, H);
        int px = (int) found.points().x(0);
        int py = (int) found.points().y(0);
        assertTrue(maps[0][py * W + px] >= 0, "chosen pixel is foreground");
    }
}
