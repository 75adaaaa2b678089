package org.densereg.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MaskedUvResamplerTest {

    /** 2×2 maps: u = 0.1, 0.3 / 0.5, 0.7; v = 1 − u. */
    private static final float[] U = {0.1f, 0.3f, 0.5f, 0.7f};
    private static final float[] V = {0.9f, 0.7f, 0.5f, 0.3f};

    @Test
    void identityMappingReproducesTheMapPixels() {
        byte[] charts = {1, 1, 1, 1};
        byte[] labels = {4, 5, 6, 7};
        MaskedUvResampler.Resampled r = MaskedUvResampler.toImage(2, 1, 0, 0, U, V, charts, labels, 2, 2);
        assertArrayEquals(U, r.u());
        assertArrayEquals(V, r.v());
        assertArrayEquals(labels, r.labels());
    }

    @Test
    void bilinearWithinOneChartAtTheCentre() {
        // image pixel (0, 0) lands on map (0.5, 0.5): the four weights are 1/4 each
        byte[] charts = {1, 1, 1, 1};
        MaskedUvResampler.Resampled r = MaskedUvResampler.toImage(2, 1, 0.5, 0.49, U, V, charts, charts, 1, 1);
        // y 0.49: rows weigh 0.51 and 0.49
        double expectedU = 0.51 * (0.5 * 0.1 + 0.5 * 0.3) + 0.49 * (0.5 * 0.5 + 0.5 * 0.7);
        assertEquals((float) expectedU, r.u()[0]);
        assertEquals(1, r.labels()[0], "label of the nearest map pixel (0, 0)");
    }

    @Test
    void otherChartsAndBackgroundNeverBlendIn() {
        // the nearest pixel (0, 0) is on chart 2; (1, 0) is background, (0, 1) and (1, 1) on chart 3
        byte[] charts = {2, 0, 3, 3};
        MaskedUvResampler.Resampled r = MaskedUvResampler.toImage(2, 1, 0.4, 0.4, U, V, charts, charts, 1, 1);
        assertEquals(0.1f, r.u()[0], "only (0, 0) shares its chart: its weight renormalises to 1");
        assertEquals(0.9f, r.v()[0]);
        assertEquals(2, r.labels()[0]);
    }

    @Test
    void outsideTheMapsOrOnBackgroundIsBackground() {
        byte[] charts = {0, 1, 1, 1};
        // image 3×1 at map x −1, 0, 1 (y 0): outside, background nearest, foreground nearest
        MaskedUvResampler.Resampled r = MaskedUvResampler.toImage(2, 1, -1, 0, U, V, charts, charts, 3, 1);
        assertArrayEquals(new float[] {-1f, -1f, 0.3f}, r.u());
        assertArrayEquals(new float[] {-1f, -1f, 0.7f}, r.v());
        assertArrayEquals(new byte[] {0, 0, 1}, r.labels());
    }
}
