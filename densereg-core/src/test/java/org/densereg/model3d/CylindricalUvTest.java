package org.densereg.model3d;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CylindricalUvTest {

    private static final MorphableModel MODEL = DefaultFaceModel.load();

    private static float u(float[] uv, MorphableModel model, int landmark) {
        return uv[2 * model.landmarkVertices()[landmark]];
    }

    private static float v(float[] uv, MorphableModel model, int landmark) {
        return uv[2 * model.landmarkVertices()[landmark] + 1];
    }

    @Test
    void defaultModelUvIsOrientedAndInRange() {
        float[] uv = CylindricalUv.compute(MODEL.mean(), MODEL.landmarkVertices());
        assertTrue(u(uv, MODEL, 36) < u(uv, MODEL, 45), "u grows from image left to image right");
        assertTrue(u(uv, MODEL, 0) < u(uv, MODEL, 36) && u(uv, MODEL, 45) < u(uv, MODEL, 16));
        assertTrue(v(uv, MODEL, 8) < v(uv, MODEL, 57) && v(uv, MODEL, 57) < v(uv, MODEL, 30)
                && v(uv, MODEL, 30) < v(uv, MODEL, 19), "v grows from chin to brow");
        for (float x : uv) {
            assertTrue(x >= 0 && x <= 1, "uv in [0, 1]: " + x);
        }
        assertEquals(0.5 - CylindricalUv.U_HALF_JAW, u(uv, MODEL, 0), 1e-6);
        assertEquals(CylindricalUv.V_CHIN, v(uv, MODEL, 8), 1e-6);
        assertEquals(0.5, u(uv, MODEL, 30), 1e-6, "nose tip on the symmetric template's midline");
        float[] minMax = {1, 0, 1, 0};
        for (int i = 0; i < uv.length; i += 2) {
            minMax[0] = Math.min(minMax[0], uv[i]);
            minMax[1] = Math.max(minMax[1], uv[i]);
            minMax[2] = Math.min(minMax[2], uv[i + 1]);
            minMax[3] = Math.max(minMax[3], uv[i + 1]);
        }
        // the default face fills UV space without touching the clamped border
        assertTrue(minMax[0] > 0.01 && minMax[0] < 0.04 && minMax[1] > 0.96 && minMax[1] < 0.99, Arrays.toString(minMax));
        assertTrue(minMax[2] > 0.01 && minMax[2] < 0.06 && minMax[3] > 0.94 && minMax[3] < 0.99, Arrays.toString(minMax));
    }

    @Test
    void withoutJawLandmarksTheEyeAnchorsGiveNearlyTheSameUv() {
        int[] sfmLike = MODEL.landmarkVertices().clone();
        for (int l = 0; l < 17; l++) {
            if (l != 8) {
                sfmLike[l] = -1; // the Surrey model maps no jaw points except the chin
            }
        }
        float[] full = CylindricalUv.compute(MODEL.mean(), MODEL.landmarkVertices());
        float[] partial = CylindricalUv.compute(MODEL.mean(), sfmLike);
        for (int i = 0; i < full.length; i++) {
            assertEquals(full[i], partial[i], 2e-3, "uv entry " + i);
        }
        int[] noBrowsNoChin = sfmLike.clone();
        noBrowsNoChin[8] = -1;
        noBrowsNoChin[19] = -1;
        // chin missing: eyes + one brow pin v
        float[] fewer = CylindricalUv.compute(MODEL.mean(), noBrowsNoChin);
        int nose = MODEL.landmarkVertices()[30];
        assertEquals(full[2 * nose + 1], fewer[2 * nose + 1], 0.05);
    }

    @Test
    void withNoLandmarksTheVertexExtentsSpanUvSpace() {
        int[] none = new int[68];
        Arrays.fill(none, -1);
        float[] uv = CylindricalUv.compute(MODEL.mean(), none);
        float[] nullMap = CylindricalUv.compute(MODEL.mean(), null);
        assertEquals(Arrays.toString(uv), Arrays.toString(nullMap));
        float minU = 1;
        float maxU = 0;
        float minV = 1;
        float maxV = 0;
        for (int i = 0; i < uv.length; i += 2) {
            minU = Math.min(minU, uv[i]);
            maxU = Math.max(maxU, uv[i]);
            minV = Math.min(minV, uv[i + 1]);
            maxV = Math.max(maxV, uv[i + 1]);
        }
        assertEquals(0, minU, 1e-6);
        assertEquals(1, maxU, 1e-6);
        assertEquals(0, minV, 1e-6);
        assertEquals(1, maxV, 1e-6);
    }

    @Test
    void uIsTheNormalisedAzimuthAboutTheSetBackCentroidAxis() {
        // points on an arc of radius 2 around (x, z) = (0, 0), azimuth −60°..60°, at heights 0 and 3
        int n = 13;
        float[] mean = new float[3 * 2 * n];
        for (int k = 0; k < 2 * n; k++) {
            double az = Math.toRadians(-60 + 120.0 * (k % n) / (n - 1));
            mean[3 * k] = (float) (2 * Math.sin(az));
            mean[3 * k + 1] = k < n ? 0 : 3;
            mean[3 * k + 2] = (float) (2 * Math.cos(az));
        }
        double cz = 0;
        for (int k = 0; k < 2 * n; k++) {
            cz += mean[3 * k + 2] / (2.0 * n);
        }
        cz -= 2 * Math.sin(Math.toRadians(60)); // axis set back by half the x extent
        double thetaMax = Math.atan2(mean[3 * (n - 1)], mean[3 * (n - 1) + 2] - cz);
        float[] uv = CylindricalUv.compute(mean, null);
        for (int k = 0; k < 2 * n; k++) {
            double theta = Math.atan2(mean[3 * k], mean[3 * k + 2] - cz);
            assertEquals((theta + thetaMax) / (2 * thetaMax), uv[2 * k], 1e-5, "u of point " + k);
            assertEquals(k < n ? 0 : 1, uv[2 * k + 1], 1e-6, "v of point " + k);
            if (k % n > 0) {
                assertTrue(uv[2 * k] > uv[2 * k - 2], "u grows with x");
            }
        }
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> CylindricalUv.compute(new float[4], null));
        int[] bad = new int[68];
        bad[3] = 99;
        assertThrows(IllegalArgumentException.class, () -> CylindricalUv.compute(new float[9], bad));
    }
}
