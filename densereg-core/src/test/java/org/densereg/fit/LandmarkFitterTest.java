package org.densereg.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.densereg.data.Landmarks;
import org.densereg.model3d.MorphableModel;
import org.junit.jupiter.api.Test;

class LandmarkFitterTest {

    /** Contour lists are the frontal jaw vertices (lines, like the SFM's). */
    private static final MorphableModel MODEL = SyntheticFaceModel.generate(15, 20, 0, 10, 3, false, 42).model;
    /** Contour lists are bands reaching from the frontal jaw line outwards, so the silhouette can be found. */
    private static final SyntheticFaceModel BAND = SyntheticFaceModel.generate(15, 20, 0, 10, 3, true, 42);
    /** Nearly unregularised, many rounds: noise-free data must be reproduced exactly. */
    private static final FitConfig EXACT = new FitConfig(60, 1e-9, 1e-9, -1, true, true);

    private static double[] gaussian(Random random, int n, double sigma) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = sigma * random.nextGaussian();
        }
        return out;
    }

    /** Annotations: the projections of the model's mapped landmark vertices (NaN where unmapped). */
    private static double[] project(ScaledOrthographicCamera camera, float[] shape, int[] map) {
        float[] p = camera.project(shape);
        double[] xy = new double[136];
        for (int k = 0; k < 68; k++) {
            int v = map[k];
            xy[2 * k] = v < 0 ? Double.NaN : p[3 * v];
            xy[2 * k + 1] = v < 0 ? Double.NaN : p[3 * v + 1];
        }
        return xy;
    }

    @Test
    void recoversKnownCameraAndCoefficientsFromNoiseFreeLandmarks() {
        Random random = new Random(7);
        double[] alpha = gaussian(random, 10, 1);
        double[] beta = gaussian(random, 3, 0.7);
        ScaledOrthographicCamera truth = ScaledOrthographicCamera.fromEulerDegrees(20, -10, 5, 80, 128, 120);
        double[] xy = project(truth, MODEL.shape(alpha, beta), MODEL.landmarkVertices());

        FitResult fit = new LandmarkFitter(MODEL, EXACT).fit(new Landmarks(xy));

        assertTrue(fit.reprojectionNme() < 1e-3, "NME " + fit.reprojectionNme());
        ScaledOrthographicCamera c = fit.camera();
        assertEquals(20, c.yawDegrees(), 0.5);
        assertEquals(-10, c.pitchDegrees(), 0.5);
        assertEquals(5, c.rollDegrees(), 0.5);
        assertEquals(80, c.scale(), 0.8);
        assertArrayEquals(alpha, fit.shapeCoefficients(), 0.05);
        assertArrayEquals(beta, fit.expressionCoefficients(), 0.05);
        assertEquals(3 * MODEL.vertexCount(), fit.vertices().length);
        assertArrayEquals(c.project(fit.vertices()), fit.projected());
    }

    @Test
    void skipsNanLandmarks() {
        Random random = new Random(8);
        double[] alpha = gaussian(random, 10, 1);
        ScaledOrthographicCamera truth = ScaledOrthographicCamera.fromEulerDegrees(-15, 5, -3, 60, 100, 90);
        double[] xy = project(truth, MODEL.shape(alpha, null), MODEL.landmarkVertices());
        int[] missing = {0, 3, 12, 17, 30, 40, 50, 55, 61, 67};
        for (int k : missing) {
            xy[2 * k] = Double.NaN;
            xy[2 * k + 1] = k % 2 == 0 ? Double.NaN : 5;
        }

        FitResult fit = new LandmarkFitter(MODEL, EXACT).fit(new Landmarks(xy));

        assertTrue(fit.reprojectionNme() < 1e-3, "NME " + fit.reprojectionNme());
        assertEquals(-15, fit.camera().yawDegrees(), 0.5);
        for (int k : missing) {
            assertEquals(MODEL.landmarkVertices()[k], fit.landmarkVertices()[k], "skipped landmark " + k + " keeps the model mapping");
        }
        for (float value : fit.vertices()) {
            assertTrue(Float.isFinite(value));
        }
    }

    @Test
    void nmeIsNanWithoutEyeCorners() {
        double[] xy = project(ScaledOrthographicCamera.fromEulerDegrees(0, 0, 0, 50, 64, 64), MODEL.mean(),
                MODEL.landmarkVertices());
        xy[2 * 36] = Double.NaN;
        FitResult fit = new LandmarkFitter(MODEL, FitConfig.defaults()).fit(new Landmarks(xy));
        assertTrue(Double.isNaN(fit.reprojectionNme()));
    }

    @Test
    void isDeterministicAcrossCallsAndThreads() throws Exception {
        Random random = new Random(9);
        double[] xy = project(ScaledOrthographicCamera.fromEulerDegrees(10, 0, 0, 70, 120, 110),
                MODEL.shape(gaussian(random, 10, 1), gaussian(random, 3, 1)), MODEL.landmarkVertices());
        for (int k = 0; k < 136; k++) {
            if (Double.isFinite(xy[k])) {
                xy[k] += 2 * random.nextGaussian();
            }
        }
        Landmarks landmarks = new Landmarks(xy);
        LandmarkFitter fitter = new LandmarkFitter(MODEL, FitConfig.defaults());
        FitResult first = fitter.fit(landmarks);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<FitResult>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                futures.add(pool.submit(() -> fitter.fit(landmarks)));
            }
            for (Future<FitResult> future : futures) {
                FitResult other = future.get();
                assertEquals(first.camera(), other.camera());
                assertArrayEquals(first.shapeCoefficients(), other.shapeCoefficients());
                assertArrayEquals(first.expressionCoefficients(), other.expressionCoefficients());
                assertArrayEquals(first.vertices(), other.vertices());
                assertArrayEquals(first.landmarkVertices(), other.landmarkVertices());
                assertEquals(first.reprojectionNme(), other.reprojectionNme());
            }
        } finally {
            pool.shutdownNow();
        }
        // noisy input: the prior keeps the fit from chasing the noise, yet it stays close
        assertTrue(first.reprojectionNme() > 0 && first.reprojectionNme() < 0.05, "NME " + first.reprojectionNme());
    }

    @Test
    void contourReselectionPicksTheSilhouette() {
        // the face turned 40° to its left: its left cheek (image right) turns away and the visible jaw outline
        // there is the silhouette, not the frontal jaw vertices
        MorphableModel model = BAND.model;
        int cols = BAND.cols;
        ScaledOrthographicCamera truth = ScaledOrthographicCamera.fromEulerDegrees(40, 0, 0, 100, 128, 128);
        float[] projected = truth.project(model.mean());
        int[] map = model.landmarkVertices();
        double[] xy = project(truth, model.mean(), map);
        int[] silhouette = map.clone();
        List<Integer> moved = new ArrayList<>();
        for (int k = 13; k <= 16; k++) {
            int row = map[k] / cols;
            int best = -1;
            for (int c = 0; c < cols; c++) {
                int v = row * cols + c;
                if (best < 0 || projected[3 * v] > projected[3 * best]) {
                    best = v;
                }
            }
            silhouette[k] = best;
            if (best != map[k]) {
                moved.add(k);
            }
            xy[2 * k] = projected[3 * best];
            xy[2 * k + 1] = projected[3 * best + 1];
        }
        assertTrue(moved.size() >= 2, "fixture: the silhouette differs from the frontal jaw vertices " + moved);
        Landmarks landmarks = new Landmarks(xy);

        // camera only: the mean shape is the truth, so the exact silhouette vertex must be found
        FitResult rigid = new LandmarkFitter(model, new FitConfig(5, 0, 0, 0, false, true)).fit(landmarks);
        FitResult sliding = new LandmarkFitter(model, FitConfig.defaults()).fit(landmarks);
        FitResult fixed = new LandmarkFitter(model, new FitConfig(8, 2e-3, 2e-3, -1, true, false)).fit(landmarks);

        for (int k : moved) {
            assertEquals(silhouette[k], rigid.landmarkVertices()[k], "landmark " + k);
            // with shape freedom the pick may move to the neighbouring column: near the silhouette the
            // projections of adjacent columns nearly coincide
            int chosen = sliding.landmarkVertices()[k];
            assertEquals(silhouette[k] / cols, chosen / cols, "landmark " + k + " stays in its row");
            assertTrue(Math.abs(silhouette[k] % cols - chosen % cols) <= 1, "landmark " + k + " column " + chosen % cols);
            assertEquals(map[k], fixed.landmarkVertices()[k]);
        }
        assertEquals(map[8], sliding.landmarkVertices()[8], "the chin stays fixed");
        assertTrue(rigid.reprojectionNme() < 1e-4, "NME camera only " + rigid.reprojectionNme());
        assertTrue(sliding.reprojectionNme() < 0.01, "NME with contours " + sliding.reprojectionNme());
        assertTrue(fixed.reprojectionNme() > 2 * sliding.reprojectionNme(),
                "fixed jaw " + fixed.reprojectionNme() + " vs sliding " + sliding.reprojectionNme());
        assertEquals(40, rigid.camera().yawDegrees(), 0.01);
        assertEquals(40, sliding.camera().yawDegrees(), 3);
    }

    @Test
    void positiveYawMeansTheFaceTurnedToItsLeft() {
        ScaledOrthographicCamera truth = ScaledOrthographicCamera.fromEulerDegrees(30, 0, 0, 80, 128, 128);
        double[] xy = project(truth, MODEL.mean(), MODEL.landmarkVertices());
        // the nose tip (30) moves towards image right of the eye-corner midpoint
        assertTrue(xy[2 * 30] > (xy[2 * 36] + xy[2 * 45]) / 2 + 5);
        FitResult fit = new LandmarkFitter(MODEL, FitConfig.defaults()).fit(new Landmarks(xy));
        assertEquals(30, fit.camera().yawDegrees(), 1);
        FitResult mirrored = new LandmarkFitter(MODEL, FitConfig.defaults()).fit(new Landmarks(
                project(ScaledOrthographicCamera.fromEulerDegrees(-30, 0, 0, 80, 128, 128), MODEL.mean(),
                        MODEL.landmarkVertices())));
        assertEquals(-30, mirrored.camera().yawDegrees(), 1);
    }

    @Test
    void rejectsTooFewUsableLandmarks() {
        double[] xy = project(ScaledOrthographicCamera.fromEulerDegrees(0, 0, 0, 50, 64, 64), MODEL.mean(),
                MODEL.landmarkVertices());
        int[] keep = {27, 30, 36, 45, 48};
        double[] sparse = new double[136];
        java.util.Arrays.fill(sparse, Double.NaN);
        for (int k : keep) {
            sparse[2 * k] = xy[2 * k];
            sparse[2 * k + 1] = xy[2 * k + 1];
        }
        LandmarkFitter fitter = new LandmarkFitter(MODEL, FitConfig.defaults());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fitter.fit(new Landmarks(sparse)));
        assertTrue(e.getMessage().contains("only 5 usable"), e.getMessage());
        // one more makes it fit
        sparse[2 * 33] = xy[2 * 33];
        sparse[2 * 33 + 1] = xy[2 * 33 + 1];
        assertTrue(fitter.fit(new Landmarks(sparse)).reprojectionNme() < 0.05);
        assertThrows(IllegalArgumentException.class, () -> fitter.fit(new Landmarks(new double[10])));
    }

    @Test
    void rejectsCollinearLandmarks() {
        double[] xy = new double[136];
        for (int k = 0; k < 68; k++) {
            xy[2 * k] = k;
            xy[2 * k + 1] = 2 * k;
        }
        LandmarkFitter fitter = new LandmarkFitter(MODEL, FitConfig.defaults());
        assertThrows(IllegalArgumentException.class, () -> fitter.fit(new Landmarks(xy)));
    }

    @Test
    void shapeModesSelectsLeadingModesAndClamps() {
        double[] xy = project(ScaledOrthographicCamera.fromEulerDegrees(0, 0, 0, 50, 64, 64), MODEL.mean(),
                MODEL.landmarkVertices());
        FitResult three = new LandmarkFitter(MODEL, new FitConfig(3, 2e-3, 2e-3, 3, false, true)).fit(new Landmarks(xy));
        assertEquals(3, three.shapeCoefficients().length);
        assertEquals(0, three.expressionCoefficients().length);
        assertEquals(10, new LandmarkFitter(MODEL, new FitConfig(3, 2e-3, 2e-3, 100, true, true)).fittedShapeModes());
        FitResult cameraOnly = new LandmarkFitter(MODEL, new FitConfig(2, 0, 0, 0, false, false)).fit(new Landmarks(xy));
        assertEquals(0, cameraOnly.shapeCoefficients().length);
        assertTrue(cameraOnly.reprojectionNme() < 1e-4, "the mean shape reprojects exactly: " + cameraOnly.reprojectionNme());
    }

    @Test
    void strongerPriorShrinksCoefficients() {
        Random random = new Random(11);
        double[] alpha = gaussian(random, 10, 1.5);
        double[] xy = project(ScaledOrthographicCamera.fromEulerDegrees(5, 5, 0, 80, 128, 128),
                MODEL.shape(alpha, null), MODEL.landmarkVertices());
        double weak = norm(new LandmarkFitter(MODEL, new FitConfig(10, 1e-4, 1e-4, -1, false, true))
                .fit(new Landmarks(xy)).shapeCoefficients());
        double strong = norm(new LandmarkFitter(MODEL, new FitConfig(10, 1, 1, -1, false, true))
                .fit(new Landmarks(xy)).shapeCoefficients());
        assertTrue(strong < 0.5 * weak, "strong " + strong + " weak " + weak);
    }

    private static double norm(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    @Test
    void configValidates() {
        assertThrows(IllegalArgumentException.class, () -> new FitConfig(0, 1, 1, -1, true, true));
        assertThrows(IllegalArgumentException.class, () -> new FitConfig(1, -1, 1, -1, true, true));
        assertThrows(IllegalArgumentException.class, () -> new FitConfig(1, 1, Double.NaN, -1, true, true));
        assertThrows(IllegalArgumentException.class, () -> new FitConfig(1, 1, 1, -2, true, true));
    }
}
