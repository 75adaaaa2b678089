package org.densereg.trainingdata.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.densereg.model3d.DefaultFaceModel;
import org.junit.jupiter.api.Test;

class SyntheticFaceRendererTest {

    private static final SyntheticFaceRenderer RENDERER =
            new SyntheticFaceRenderer(DefaultFaceModel.load(), SyntheticFaceConfig.defaults());

    @Test
    void theSameSeedGivesTheSameFace() {
        SyntheticFace a = RENDERER.render(42);
        SyntheticFace b = RENDERER.render(42);
        assertArrayEquals(a.u(), b.u());
        assertArrayEquals(a.image().getRGB(0, 0, 129, 129, null, 0, 129), b.image().getRGB(0, 0, 129, 129, null, 0, 129));
        assertEquals(a.landmarks(), b.landmarks());
        assertFalse(Arrays.equals(a.u(), RENDERER.render(43).u()), "another seed gives another face");
    }

    @Test
    void groundTruthIsConsistentAcrossMaps() {
        for (long seed = 0; seed < 20; seed++) {
            SyntheticFace face = RENDERER.render(seed);
            int pixels = face.u().length;
            int foreground = 0;
            for (int p = 0; p < pixels; p++) {
                boolean fg = face.u()[p] >= 0;
                assertEquals(fg, face.v()[p] >= 0, "u and v agree on the mask");
                assertEquals(fg, face.parts()[p] != 0, "parts agree on the mask");
                if (fg) {
                    foreground++;
                    assertTrue(face.u()[p] <= 1 && face.v()[p] <= 1, "uv in [0, 1]");
                }
            }
            double fraction = foreground / (double) pixels;
            assertTrue(fraction > 0.05 && fraction < 0.8, "seed " + seed + ": face covers " + fraction);
            assertTrue(Math.abs(face.yaw()) <= 60 && Math.abs(face.pitch()) <= 20, "pose within the configured range");
        }
    }

    @Test
    void landmarksLieOnTheFaceNearTheirTemplateUv() {
        double[] templateUv = RENDERER.model().landmarkUv();
        int close = 0;
        int measured = 0;
        for (long seed = 100; seed < 110; seed++) {
            SyntheticFace face = RENDERER.render(seed);
            for (int k = 17; k < 68; k++) {
                int x = (int) Math.round(face.landmarks().x(k));
                int y = (int) Math.round(face.landmarks().y(k));
                if (x < 0 || y < 0 || x >= 129 || y >= 129 || face.u()[y * 129 + x] < 0) {
                    continue;
                }
                measured++;
                double d = Math.hypot(face.u()[y * 129 + x] - templateUv[2 * k], face.v()[y * 129 + x] - templateUv[2 * k + 1]);
                if (d < 0.05) {
                    close++;
                }
            }
        }
        assertTrue(measured > 300, "most inner landmarks visible: " + measured);
        assertTrue(close > 0.8 * measured, close + " of " + measured + " landmarks within 0.05 of their template UV");
    }
}
