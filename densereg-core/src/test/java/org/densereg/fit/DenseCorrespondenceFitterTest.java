package org.densereg.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.densereg.data.Landmarks;
import org.densereg.model3d.DefaultFaceModel;
import org.densereg.model3d.MorphableModel;
import org.densereg.raster.RasterResult;
import org.densereg.raster.TriangleRasteriser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cascade on exact (u, v) maps rendered by the project's rasteriser from known camera, shape and expression
 * coefficients (the built-in default model, fixed seeds).
 */
class DenseCorrespondenceFitterTest {

    static final int SIZE = 128;
    static MorphableModel model;
    static DenseCorrespondenceFitter fitter;

    /** A rendered face: the maps and the truth. */
    record Rendered(float[] u, float[] v, ScaledOrthographicCamera camera, Landmarks landmarks) {
    }

    @BeforeAll
    static void setUp() {
        model = DefaultFaceModel.load();
        fitter = new DenseCorrespondenceFitter(model, DenseFitConfig.defaults());
    }

    /** Renders the model with random coefficients (N(0, 0.8²)) under the given pose; the face fills ~60 % of the image. */
    static Rendered render(double yaw, double pitch, double roll, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] alpha = new double[model.shapeModes()];
        for (int i = 0; i < alpha.length; i++) {
            alpha[i] = 0.8 * gaussian(random);
        }
        double[] beta = new double[model.expressionModes()];
        for (int i = 0; i < beta.length; i++) {
            beta[i] = 0.8 * gaussian(random);
        }
        float[] vertices = model.shape(alpha, beta);
        double width = 0;
        double cx = 0;
        double cy = 0;
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        int n = model.vertexCount();
        for (int i = 0; i < n; i++) {
            minX = Math.min(minX, vertices[3 * i]);
            maxX = Math.max(maxX, vertices[3 * i]);
            cx += vertices[3 * i];
            cy += vertices[3 * i + 1];
        }
        width = maxX - minX;
        double scale = 0.6 * SIZE / width;
        // the model origin placed so that the mesh centroid lands near the image centre
        ScaledOrthographicCamera probe = ScaledOrthographicCamera.fromEulerDegrees(yaw, pitch, roll, scale, 0, 0);
        double[] centre = probe.project(cx / n, cy / n, 0);
        ScaledOrthographicCamera camera = ScaledOrthographicCamera.fromEulerDegrees(yaw, pitch, roll, scale,
                (SIZE - 1) / 2.0 - centre[0] + 3, (SIZE - 1) / 2.0 - centre[1] - 2);
        float[] screen = camera.project(vertices);
        float[] planar = new float[2 * n];
        for (int i = 0; i < n; i++) {
            planar[i] = model.uv()[2 * i];
            planar[n + i] = model.uv()[2 * i + 1];
        }
        RasterResult raster = TriangleRasteriser.rasterise(screen, model.triangles(), planar, 2, SIZE, SIZE);
        int pixels = SIZE * SIZE;
        float[] u = new float[pixels];
        float[] v = new float[pixels];
        for (int p = 0; p < pixels; p++) {
            boolean fg = raster.triangle()[p] >= 0;
            u[p] = fg ? raster.attributes()[p] : -1;
            v[p] = fg ? raster.attributes()[pixels + p] : -1;
        }
        int[] map = model.landmarkVertices();
        double[] xy = new double[2 * map.length];
        for (int k = 0; k < map.length; k++) {
            xy[2 * k] = screen[3 * map[k]];
            xy[2 * k + 1] = screen[3 * map[k] + 1];
        }
        return new Rendered(u, v, camera, new Landmarks(xy));
    }

    static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    /** Mean landmark error divided by sqrt(w·h) of the true landmarks' box (the normaliser of profile benchmarks). */
    static double nme(Landmarks found, Landmarks truth) {
        double[] b = truth.bounds();
        double d = Math.sqrt((b[2] - b[0]) * (b[3] - b[1]));
        double sum = 0;
        for (int k = 0; k < truth.count(); k++) {
            sum += Math.hypot(found.x(k) - truth.x(k), found.y(k) - truth.y(k));
        }
        return sum / truth.count() / d;
    }

    /** Replaces a share of the foreground pixels with uniformly random (u, v): gross outliers. */
    static void corrupt(Rendered r, double share, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int p = 0; p < r.u().length; p++) {
            if (r.u()[p] >= 0 && random.nextDouble() < share) {
                r.u()[p] = (float) random.nextDouble();
                r.v()[p] = (float) random.nextDouble();
            }
        }
    }

    static void assertPose(ScaledOrthographicCamera truth, ScaledOrthographicCamera fitted, double toleranceDegrees) {
        assertEquals(truth.yawDegrees(), fitted.yawDegrees(), toleranceDegrees, "yaw " + fitted);
        assertEquals(truth.pitchDegrees(), fitted.pitchDegrees(), toleranceDegrees, "pitch " + fitted);
        assertEquals(truth.rollDegrees(), fitted.rollDegrees(), toleranceDegrees, "roll " + fitted);
    }

    @Test
    void exactMapsOfAFrontalFaceGiveThePoseAndTheLandmarks() {
        Rendered r = render(15, -8, 6, 1);
        DenseFitResult fit = fitter.fit(r.u(), r.v(), SIZE, SIZE);
        assertPose(r.camera(), fit.camera(), 0.5);
        double nme = nme(fit.landmarks(), r.landmarks());
        assertTrue(nme < 0.002, "NME " + nme);
        assertTrue(fit.residualRms() < 0.1, "residual " + fit.residualRms());
        assertTrue(fit.inlierFraction() > 0.95, "inliers " + fit.inlierFraction());
        assertEquals(3 * model.vertexCount(), fit.vertices().length);
        assertEquals(model.shapeModes(), fit.shapeCoefficients().length);
        assertEquals(model.expressionModes(), fit.expressionCoefficients().length);
    }

    @Test
    void aSelfOccludedProfileGivesThePoseAndTheHiddenLandmarks() {
        Rendered r = render(-75, 5, -4, 2);
        DenseFitResult fit = fitter.fit(r.u(), r.v(), SIZE, SIZE);
        assertPose(r.camera(), fit.camera(), 1.0);
        double nme = nme(fit.landmarks(), r.landmarks());
        assertTrue(nme < 0.005, "NME " + nme);
    }

    @Test
    void aFifthOfCorruptedPixelsIsRejectedByTheRobustFit() {
        Rendered r = render(30, 10, -10, 3);
        corrupt(r, 0.2, 33);
        DenseFitResult robust = fitter.fit(r.u(), r.v(), SIZE, SIZE);
        // the default model's smooth shape modes can mimic a small rotation, so the pose is looser than the landmarks
        assertPose(r.camera(), robust.camera(), 2.5);
        double robustNme = nme(robust.landmarks(), r.landmarks());
        assertTrue(robustNme < 0.003, "NME " + robustNme);
        assertTrue(robust.inlierFraction() > 0.7 && robust.inlierFraction() < 0.9, "inliers " + robust.inlierFraction());

        DenseCorrespondenceFitter plain = new DenseCorrespondenceFitter(model,
                DenseFitConfig.defaults().withLoss(DenseFitConfig.RobustLoss.NONE, 1));
        double plainNme = nme(plain.fit(r.u(), r.v(), SIZE, SIZE).landmarks(), r.landmarks());
        assertTrue(plainNme > 3 * robustNme, "least squares " + plainNme + " vs robust " + robustNme);
    }

    @Test
    void pixelsAreSubsampledToTheConfiguredCount() {
        Rendered r = render(0, 0, 0, 4);
        DenseCorrespondenceFitter sparse = new DenseCorrespondenceFitter(model, new DenseFitConfig(10, 300, 1e-2, 1e-2,
                -1, true, DenseFitConfig.RobustLoss.TUKEY, 4.685));
        DenseFitResult fit = sparse.fit(r.u(), r.v(), SIZE, SIZE);
        assertTrue(fit.correspondences() <= 300 && fit.stride() > 1, fit.correspondences() + " at stride " + fit.stride());
        assertTrue(fit.foregroundPixels() > 3000, "foreground " + fit.foregroundPixels());
        assertTrue(nme(fit.landmarks(), r.landmarks()) < 0.005);
    }

    @Test
    void theFitIsDeterministic() {
        Rendered r = render(20, 0, 0, 5);
        DenseFitResult a = fitter.fit(r.u(), r.v(), SIZE, SIZE);
        DenseFitResult b = fitter.fit(r.u(), r.v(), SIZE, SIZE);
        assertEquals(a.camera(), b.camera());
        assertEquals(a.landmarks(), b.landmarks());
    }

    @Test
    void theSourceFrameComposesTheCropWithTheCamera() {
        Rendered r = render(10, 5, 0, 6);
        DenseFitResult fit = fitter.fit(r.u(), r.v(), SIZE, SIZE);
        // maps frame = 0.5 · source + (−20, 7)
        DenseFitResult source = fit.toSourceFrame(0.5, -20, 7);
        double[] inMaps = fit.camera().project(10, 20, 30);
        double[] inSource = source.camera().project(10, 20, 30);
        assertEquals((inMaps[0] + 20) / 0.5, inSource[0], 1e-9);
        assertEquals((inMaps[1] - 7) / 0.5, inSource[1], 1e-9);
        assertEquals((fit.landmarks().x(30) + 20) / 0.5, source.landmarks().x(30), 1e-9);
        assertEquals((fit.projected()[4] - 7) / 0.5, source.projected()[4], 1e-3);
        assertEquals(fit.camera().yawDegrees(), source.camera().yawDegrees(), 1e-9);
        assertEquals(2 * fit.residualRms(), source.residualRms(), 1e-12);
    }

    @Test
    void tooFewForegroundPixelsAreRejectedWithTheirCount() {
        float[] u = new float[SIZE * SIZE];
        float[] v = new float[SIZE * SIZE];
        java.util.Arrays.fill(u, -1);
        java.util.Arrays.fill(v, -1);
        for (int p = 0; p < 5; p++) {
            u[p] = 0.5f;
            v[p] = 0.5f;
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fitter.fit(u, v, SIZE, SIZE));
        assertTrue(e.getMessage().contains("only 5 foreground pixels"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> fitter.fit(u, v, SIZE, SIZE - 1));
    }

    @Test
    void pixelsOffTheTemplateAreIgnored() {
        // (u, v) in the corner of UV space lies outside the face mesh: nothing to fit
        float[] u = new float[SIZE * SIZE];
        float[] v = new float[SIZE * SIZE];
        java.util.Arrays.fill(u, 0.001f);
        java.util.Arrays.fill(v, 0.999f);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fitter.fit(u, v, SIZE, SIZE));
        assertTrue(e.getMessage().contains("lie on the template"), e.getMessage());
    }

    @Test
    void theUvIndexFindsEveryTriangleCentroid() {
        UvSurfaceIndex index = fitter.index();
        int[] tri = model.triangles();
        float[] uv = model.uv();
        double[] bary = new double[3];
        int found = 0;
        for (int t = 0; t < model.triangleCount(); t++) {
            double cu = 0;
            double cv = 0;
            for (int j = 0; j < 3; j++) {
                cu += uv[2 * tri[3 * t + j]] / 3;
                cv += uv[2 * tri[3 * t + j] + 1] / 3;
            }
            int hit = index.locate(cu, cv, bary);
            if (hit < 0) {
                continue;
            }
            found++;
            double ru = 0;
            double rv = 0;
            for (int j = 0; j < 3; j++) {
                ru += bary[j] * uv[2 * tri[3 * hit + j]];
                rv += bary[j] * uv[2 * tri[3 * hit + j] + 1];
                assertTrue(bary[j] >= -1e-6, "barycentric " + bary[j]);
            }
            assertEquals(cu, ru, 1e-6);
            assertEquals(cv, rv, 1e-6);
        }
        assertTrue(found >= model.triangleCount() - 2, found + " of " + model.triangleCount());
        assertEquals(-1, index.locate(-0.1, 0.5, bary));
        assertEquals(-1, index.locate(0.5, Double.NaN, bary));
    }

    @Test
    void badSettingsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new DenseFitConfig(0, 2000, 1e-3, 1e-3, -1, true,
                DenseFitConfig.RobustLoss.TUKEY, 4.685));
        assertThrows(IllegalArgumentException.class, () -> new DenseFitConfig(5, 3, 1e-3, 1e-3, -1, true,
                DenseFitConfig.RobustLoss.TUKEY, 4.685));
        assertThrows(IllegalArgumentException.class, () -> new DenseFitConfig(5, 2000, -1, 1e-3, -1, true,
                DenseFitConfig.RobustLoss.TUKEY, 4.685));
        assertThrows(IllegalArgumentException.class, () -> new DenseFitConfig(5, 2000, 1e-3, 1e-3, -1, true,
                DenseFitConfig.RobustLoss.TUKEY, 0));
    }
}
