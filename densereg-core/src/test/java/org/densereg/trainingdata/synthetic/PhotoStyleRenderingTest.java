package org.densereg.trainingdata.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import org.densereg.model3d.DefaultFaceModel;
import org.junit.jupiter.api.Test;

class PhotoStyleRenderingTest {

    private static final int SIZE = 129;
    private static final SyntheticFaceRenderer PHOTO = new SyntheticFaceRenderer(DefaultFaceModel.load(),
            SyntheticFaceConfig.defaults().withStyle(RenderStyle.PHOTO));
    private static final SyntheticFaceRenderer BASIC =
            new SyntheticFaceRenderer(DefaultFaceModel.load(), SyntheticFaceConfig.defaults());

    @Test
    void theSameSeedGivesTheSameFaceAndTheStylesDiffer() {
        SyntheticFace a = PHOTO.render(7);
        SyntheticFace b = PHOTO.render(7);
        assertArrayEquals(pixels(a.image()), pixels(b.image()));
        assertArrayEquals(a.u(), b.u());
        assertArrayEquals(a.parts(), b.parts());
        assertFalse(Arrays.equals(pixels(a.image()), pixels(BASIC.render(7).image())), "photo differs from basic");
    }

    @Test
    void groundTruthMapsAgreeOnTheMask() {
        for (long seed = 0; seed < 24; seed++) {
            SyntheticFace face = PHOTO.render(seed);
            int foreground = 0;
            for (int p = 0; p < face.u().length; p++) {
                boolean fg = face.u()[p] >= 0;
                assertEquals(fg, face.v()[p] >= 0, "u and v agree on the mask");
                assertEquals(fg, face.parts()[p] != 0, "parts agree on the mask");
                foreground += fg ? 1 : 0;
            }
            double fraction = foreground / (double) face.u().length;
            assertTrue(fraction > 0.05 && fraction < 0.9, "seed " + seed + ": face covers " + fraction);
        }
    }

    @Test
    void theLandmarkBoxIsFramedAsADetectorBoxWouldFrameIt() {
        for (long seed = 0; seed < 40; seed++) {
            SyntheticFace face = PHOTO.render(seed);
            double minX = Double.POSITIVE_INFINITY;
            double maxX = Double.NEGATIVE_INFINITY;
            double minY = Double.POSITIVE_INFINITY;
            double maxY = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < 68; k++) {
                minX = Math.min(minX, face.landmarks().x(k));
                maxX = Math.max(maxX, face.landmarks().x(k));
                minY = Math.min(minY, face.landmarks().y(k));
                maxY = Math.max(maxY, face.landmarks().y(k));
            }
            double margin = SIZE / Math.max(maxX - minX, maxY - minY);
            assertTrue(margin > 1.1 - 1e-6 && margin < 1.6 + 1e-6, "seed " + seed + ": margin " + margin);
            double shiftX = (minX + maxX) / 2 - (SIZE - 1) / 2.0;
            double shiftY = (minY + maxY) / 2 - (SIZE - 1) / 2.0;
            double maxShift = SyntheticFaceConfig.defaults().maxShift() * SIZE + 1e-6;
            assertTrue(Math.abs(shiftX) <= maxShift && Math.abs(shiftY) <= maxShift,
                    "seed " + seed + ": box centre off by " + shiftX + ", " + shiftY);
        }
    }

    @Test
    void visibleLandmarksSitOnTheirTemplateUv() {
        double[] templateUv = PHOTO.model().landmarkUv();
        int close = 0;
        int measured = 0;
        for (long seed = 100; seed < 112; seed++) {
            SyntheticFace face = PHOTO.render(seed);
            for (int k = 17; k < 68; k++) {
                int x = (int) Math.round(face.landmarks().x(k));
                int y = (int) Math.round(face.landmarks().y(k));
                if (x < 0 || y < 0 || x >= SIZE || y >= SIZE || face.u()[y * SIZE + x] < 0) {
                    continue;
                }
                measured++;
                double d = Math.hypot(face.u()[y * SIZE + x] - templateUv[2 * k], face.v()[y * SIZE + x] - templateUv[2 * k + 1]);
                close += d < 0.05 ? 1 : 0;
            }
        }
        assertTrue(measured > 300, "most inner landmarks visible: " + measured);
        assertTrue(close > 0.8 * measured, close + " of " + measured + " landmarks within 0.05 of their template UV");
    }

    @Test
    void occludersClearTheGroundTruthTheyCover() {
        SyntheticFaceRenderer always = new SyntheticFaceRenderer(DefaultFaceModel.load(), new SyntheticFaceConfig(SIZE, 0,
                0, 0, 0, 0, 0.45, 0.75, 0, 1.0, RenderStyle.PHOTO));
        SyntheticFaceRenderer never = new SyntheticFaceRenderer(DefaultFaceModel.load(), new SyntheticFaceConfig(SIZE, 0,
                0, 0, 0, 0, 0.45, 0.75, 0, 0.0, RenderStyle.PHOTO));
        int cleared = 0;
        for (long seed = 0; seed < 12; seed++) {
            SyntheticFace occluded = always.render(seed);
            SyntheticFace clear = never.render(seed);
            for (int p = 0; p < clear.u().length; p++) {
                assertTrue(occluded.u()[p] < 0 || occluded.u()[p] == clear.u()[p], "an occluder never adds surface");
                cleared += clear.u()[p] >= 0 && occluded.u()[p] < 0 ? 1 : 0;
            }
        }
        assertTrue(cleared > 12 * 20, "occluders removed " + cleared + " face pixels over 12 faces");
    }

    @Test
    void stylesParseByNameAndRefuseOthers() {
        assertEquals(RenderStyle.PHOTO, RenderStyle.parse(" Photo "));
        assertEquals("basic", RenderStyle.BASIC.key());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RenderStyle.parse("glossy"));
        assertEquals("unknown render style 'glossy': expected basic or photo", e.getMessage());
    }

    private static int[] pixels(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }
}
