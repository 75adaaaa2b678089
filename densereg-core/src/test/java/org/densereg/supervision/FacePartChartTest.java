package org.densereg.supervision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FacePartChartTest {

    private static final double[][] INSIDE = {
        // u, v, expected label
        {0.32, 0.66, FacePart.RIGHT_EYE.label()},
        {0.68, 0.66, FacePart.LEFT_EYE.label()},
        {0.32, 0.695, FacePart.RIGHT_EYE.label()}, // just outside the polygon, inside the dilation
        {0.30, 0.82, FacePart.RIGHT_BROW.label()},
        {0.70, 0.82, FacePart.LEFT_BROW.label()},
        {0.5, 0.60, FacePart.NOSE.label()}, // bridge band
        {0.5, 0.44, FacePart.NOSE.label()}, // nostril polygon
        {0.5, 0.31, FacePart.UPPER_LIP.label()},
        {0.5, 0.22, FacePart.LOWER_LIP.label()},
        {0.5, 0.27, FacePart.INNER_MOUTH.label()},
        {0.5, 0.10, FacePart.SKIN.label()}, // chin
        {0.15, 0.45, FacePart.SKIN.label()}, // cheek
        {0.32, 0.73, FacePart.SKIN.label()}, // between eye and brow
        {0.95, 0.95, FacePart.SKIN.label()}, // elsewhere in UV space
    };

    @Test
    void pointsInsideEachRegionGetTheirPart() {
        FacePartChart chart = FacePartChart.fromLandmarkUv(SyntheticFaceLandmarks.uv());
        for (double[] c : INSIDE) {
            assertEquals(FacePart.ofLabel((int) c[2]), chart.partAt(c[0], c[1]), "at (" + c[0] + ", " + c[1] + ")");
        }
        assertEquals(FacePart.values().length, chart.presentParts().size());
    }

    @Test
    void leftIsTheSubjectsLeftAtLargerU() {
        FacePartChart chart = FacePartChart.fromLandmarkUv(SyntheticFaceLandmarks.uv());
        assertEquals(FacePart.LEFT_EYE, chart.partAt(0.66, 0.66));
        assertEquals(FacePart.RIGHT_EYE, chart.partAt(0.34, 0.66));
    }

    @Test
    void labelMapMarksBackgroundWithZero() {
        FacePartChart chart = FacePartChart.fromLandmarkUv(SyntheticFaceLandmarks.uv());
        int w = INSIDE.length;
        float[] u = new float[2 * w];
        float[] v = new float[2 * w];
        for (int i = 0; i < w; i++) {
            u[i] = (float) INSIDE[i][0];
            v[i] = (float) INSIDE[i][1];
            u[w + i] = -1;
            v[w + i] = i % 2 == 0 ? -1 : 0.5f; // background is u < 0, whatever v says
        }
        v[w + 1] = -1;
        u[w + 1] = 0.5f; // v < 0 is background too
        u[w + 3] = Float.NaN;
        v[w + 3] = 0.5f;
        byte[] labels = chart.labelMap(u, v, w, 2);
        for (int i = 0; i < w; i++) {
            assertEquals((int) INSIDE[i][2], labels[i], "pixel " + i);
            assertEquals(0, labels[w + i], "background pixel " + i);
        }
        assertThrows(IllegalArgumentException.class, () -> chart.labelMap(u, v, w, 3));
    }

    @Test
    void missingInnerMouthCornersAreReplacedByTheOuterCorners() {
        double[] uv = SyntheticFaceLandmarks.uv();
        for (int k : new int[] {60, 64}) {
            uv[2 * k] = Double.NaN;
            uv[2 * k + 1] = Double.NaN;
        }
        FacePartChart chart = FacePartChart.fromLandmarkUv(uv);
        assertEquals(FacePart.INNER_MOUTH, chart.partAt(0.5, 0.27));
        assertEquals(FacePart.UPPER_LIP, chart.partAt(0.5, 0.31));
        assertEquals(FacePart.LOWER_LIP, chart.partAt(0.5, 0.22));
        // with the corners at 48/54 the inner mouth reaches further out than with the inner corners
        assertEquals(FacePart.INNER_MOUTH, chart.partAt(0.385, 0.28));
        assertEquals(FacePart.UPPER_LIP, FacePartChart.fromLandmarkUv(SyntheticFaceLandmarks.uv()).partAt(0.385, 0.28));
        assertTrue(Double.isNaN(chart.landmarkUv()[120]), "the chart keeps the input landmarks");
    }

    @Test
    void partsWithTooFewLandmarksAreAbsentAndCountAsSkin() {
        double[] uv = SyntheticFaceLandmarks.uv();
        for (int k = 36; k <= 40; k++) { // five of the six right-eye points unmapped
            uv[2 * k] = Double.NaN;
            uv[2 * k + 1] = Double.NaN;
        }
        FacePartChart chart = FacePartChart.fromLandmarkUv(uv);
        assertEquals(FacePart.SKIN, chart.partAt(0.32, 0.66));
        assertFalse(chart.presentParts().contains(FacePart.RIGHT_EYE));
        assertEquals(FacePart.LEFT_EYE, chart.partAt(0.68, 0.66));

        double[] none = new double[136];
        java.util.Arrays.fill(none, Double.NaN);
        FacePartChart empty = FacePartChart.fromLandmarkUv(none);
        assertEquals(FacePart.SKIN, empty.partAt(0.5, 0.27));
        assertEquals(FacePart.BACKGROUND, empty.partAt(-1, -1));
    }

    @Test
    void labelsRoundTripAndColoursAreDistinct() {
        Set<Integer> colours = new HashSet<>();
        for (FacePart p : FacePart.values()) {
            assertEquals(p, FacePart.ofLabel(p.label()));
            colours.add(p.rgb());
        }
        assertEquals(10, colours.size());
        assertEquals(0, FacePart.BACKGROUND.label());
        assertEquals(9, FacePart.INNER_MOUTH.label());
        assertThrows(IllegalArgumentException.class, () -> FacePart.ofLabel(10));
        assertThrows(IllegalArgumentException.class, () -> FacePart.ofLabel(-1));
        assertThrows(IllegalArgumentException.class, () -> FacePartChart.fromLandmarkUv(new double[134]));
    }

    @Test
    void renderDrawsUvSpaceWithVUp() {
        FacePartChart chart = FacePartChart.fromLandmarkUv(SyntheticFaceLandmarks.uv());
        BufferedImage image = chart.render(200, 100);
        assertEquals(200, image.getWidth());
        assertEquals(100, image.getHeight());
        // x = u·W, y = (1 − v)·H
        assertEquals(FacePart.RIGHT_EYE.rgb(), image.getRGB((int) (0.32 * 200), (int) ((1 - 0.655) * 100)) & 0xFFFFFF);
        assertEquals(FacePart.LOWER_LIP.rgb(), image.getRGB(100, (int) ((1 - 0.22) * 100)) & 0xFFFFFF);
        // landmark 8 (chin, u = 0.5, v = 0.05) is marked white
        assertEquals(0xFFFFFF, image.getRGB(100, 95) & 0xFFFFFF);
        assertArrayEquals(new int[] {200, 100}, new int[] {image.getWidth(), image.getHeight()});
    }
}
