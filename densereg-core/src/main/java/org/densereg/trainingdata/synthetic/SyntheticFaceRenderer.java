package org.densereg.trainingdata.synthetic;

import java.awt.image.BufferedImage;
import java.util.SplittableRandom;
import org.densereg.data.Landmarks;
import org.densereg.fit.ScaledOrthographicCamera;
import org.densereg.model3d.MorphableModel;
import org.densereg.raster.RasterResult;
import org.densereg.raster.TriangleRasteriser;
import org.densereg.supervision.FacePart;
import org.densereg.supervision.FacePartChart;
import org.densereg.supervision.FaceUvRenderer;

/**
 * Renders random faces from a morphable model with exact ground truth: random shape and expression, pose,
 * Lambertian lighting, a skin tone with darker brows, eyes and lips (from the part chart), a procedural
 * background and optional occluders ({@link RenderStyle#BASIC}); or, with {@link RenderStyle#PHOTO}, towards a
 * photograph (textures, specular light, hair, ears, neck, clothes, realistic occluders, camera and JPEG
 * degradations; see {@link RenderStyle#PHOTO}). The same seed always gives the same face.
 *
 * <p>The ground truth is the visible surface: (u, v) come from the z-buffer, pixels under an occluder are
 * background. Landmarks are the projections of the model's landmark vertices (also when self-occluded).
 * Thread-safe: all state is immutable; each call uses its own random generator.
 */
public final class SyntheticFaceRenderer {

    private final MorphableModel model;
    private final FacePartChart chart;
    private final SyntheticFaceConfig config;
    private final float[] uvAttributes;
    private final double meanFaceWidth;
    private final double[] meanCentre;
    private final PhotoFaceRenderer photo;

    /**
     * @param model  the face model; its UVs are the ground-truth parameterisation
     * @param config what to draw
     */
    public SyntheticFaceRenderer(MorphableModel model, SyntheticFaceConfig config) {
        this.model = model;
        this.config = config;
        this.chart = FacePartChart.fromLandmarkUv(model.landmarkUv());
        int n = model.vertexCount();
        this.uvAttributes = FaceUvRenderer.planarUv(model);
        float[] mean = model.mean();
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        double sz = 0;
        for (int i = 0; i < n; i++) {
            minX = Math.min(minX, mean[3 * i]);
            maxX = Math.max(maxX, mean[3 * i]);
            minY = Math.min(minY, mean[3 * i + 1]);
            maxY = Math.max(maxY, mean[3 * i + 1]);
            sz += mean[3 * i + 2];
        }
        this.meanFaceWidth = maxX - minX;
        this.meanCentre = new double[] {(minX + maxX) / 2, (minY + maxY) / 2, sz / n};
        this.photo = config.style() == RenderStyle.PHOTO ? new PhotoFaceRenderer(model, chart, config, uvAttributes) : null;
    }

    /** @return the configuration this renderer draws with */
    public SyntheticFaceConfig config() {
        return config;
    }

    /** @return the model the faces are drawn from */
    public MorphableModel model() {
        return model;
    }

    /**
     * Renders the face for a seed.
     *
     * @param seed any value; equal seeds give equal faces
     * @return the image and its exact ground truth
     */
    public SyntheticFace render(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int size = config.size();
        double[] alpha = gaussians(random, model.shapeModes(), config.shapeSigma());
        double[] beta = gaussians(random, model.expressionModes(), config.expressionSigma());
        float[] vertices = model.shape(alpha, beta);
        centre(vertices);
        if (photo != null) {
            return photo.render(vertices, random);
        }

        double yaw = uniform(random, config.maxYaw());
        double pitch = uniform(random, config.maxPitch());
        double roll = uniform(random, config.maxRoll());
        double fraction = config.minFaceFraction()
                + random.nextDouble() * (config.maxFaceFraction() - config.minFaceFraction());
        double scale = fraction * size / meanFaceWidth;
        double tx = (size - 1) / 2.0 + uniform(random, config.maxShift()) * size;
        double ty = (size - 1) / 2.0 + uniform(random, config.maxShift()) * size;
        ScaledOrthographicCamera camera = ScaledOrthographicCamera.fromEulerDegrees(yaw, pitch, roll, scale, tx, ty);
        float[] screen = camera.project(vertices);

        int n = model.vertexCount();
        float[] shade = vertexShading(vertices, camera.rotation(), random);
        float[] attributes = new float[3 * n];
        System.arraycopy(uvAttributes, 0, attributes, 0, 2 * n);
        System.arraycopy(shade, 0, attributes, 2 * n, n);
        RasterResult raster = TriangleRasteriser.rasterise(screen, model.triangles(), attributes, 3, size, size);

        BufferedImage image = ProceduralBackground.draw(size, random);
        int pixels = size * size;
        float[] u = new float[pixels];
        float[] v = new float[pixels];
        byte[] parts = new byte[pixels];
        float[] skin = skinTone(random);
        float[] lipTint = {0.75f + 0.15f * (float) random.nextDouble(), 0.45f, 0.45f};
        double noiseAmplitude = 0.04 + 0.06 * random.nextDouble();
        float[] rendered = raster.attributes();
        for (int p = 0; p < pixels; p++) {
            if (raster.triangle()[p] < 0) {
                u[p] = -1f;
                v[p] = -1f;
                continue;
            }
            float pu = rendered[p];
            float pv = rendered[pixels + p];
            float light = rendered[2 * pixels + p];
            FacePart part = chart.partAt(pu, pv);
            if (part == FacePart.BACKGROUND) {
                part = FacePart.SKIN;
            }
            u[p] = pu;
            v[p] = pv;
            parts[p] = (byte) part.label();
            float[] albedo = albedo(part, skin, lipTint);
            double noise = 1 + noiseAmplitude * (random.nextDouble() * 2 - 1);
            int r = channel(albedo[0] * light * noise);
            int g = channel(albedo[1] * light * noise);
            int b = channel(albedo[2] * light * noise);
            image.setRGB(p % size, p / size, (r << 16) | (g << 8) | b);
        }
        if (random.nextDouble() < config.occluderProbability()) {
            Occluder.drawRandom(image, u, v, parts, screenBounds(screen), random);
        }
        return new SyntheticFace(image, u, v, parts, landmarks(model, screen), yaw, pitch, roll);
    }

    private void centre(float[] vertices) {
        for (int i = 0; i < vertices.length; i += 3) {
            vertices[i] -= (float) meanCentre[0];
            vertices[i + 1] -= (float) meanCentre[1];
            vertices[i + 2] -= (float) meanCentre[2];
        }
    }

    /** The model's 68 landmarks in the image: the projections of their vertices (NaN when unmapped). */
    static Landmarks landmarks(MorphableModel model, float[] screen) {
        int[] map = model.landmarkVertices();
        double[] xy = new double[2 * map.length];
        for (int k = 0; k < map.length; k++) {
            xy[2 * k] = map[k] < 0 ? Double.NaN : screen[3 * map[k]];
            xy[2 * k + 1] = map[k] < 0 ? Double.NaN : screen[3 * map[k] + 1];
        }
        return new Landmarks(xy);
    }

    /** [4] min x, min y, max x, max y of the projected mesh. */
    static double[] screenBounds(float[] screen) {
        double[] b = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (int i = 0; i < screen.length; i += 3) {
            b[0] = Math.min(b[0], screen[i]);
            b[1] = Math.min(b[1], screen[i + 1]);
            b[2] = Math.max(b[2], screen[i]);
            b[3] = Math.max(b[3], screen[i + 1]);
        }
        return b;
    }

    /**
     * Lambertian shading per vertex: ambient + diffuse · max(0, n·l) with n the camera-space normal turned
     * towards the viewer and l a random light direction from the front hemisphere.
     *
     * @return [N] light factor per vertex
     */
    private float[] vertexShading(float[] vertices, double[] rotation, SplittableRandom random) {
        int n = model.vertexCount();
        double[] normals = VertexNormals.facingCamera(vertices, model.triangles(), rotation);
        double lx = uniform(random, 0.8);
        double ly = uniform(random, 0.6) + 0.2;
        double lz = 1.0;
        double norm = Math.sqrt(lx * lx + ly * ly + lz * lz);
        lx /= norm;
        ly /= norm;
        lz /= norm;
        double ambient = 0.35 + 0.25 * random.nextDouble();
        double diffuse = 1.0 - ambient + 0.1 * random.nextDouble();
        float[] shade = new float[n];
        for (int i = 0; i < n; i++) {
            double cx = normals[3 * i];
            double cy = normals[3 * i + 1];
            double cz = normals[3 * i + 2];
            double lambert = Math.max(0, cx * lx + cy * ly + cz * lz);
            shade[i] = (float) (ambient + diffuse * lambert);
        }
        return shade;
    }

    private static float[] skinTone(SplittableRandom random) {
        double t = random.nextDouble();
        // From dark to light skin: interpolate between two RGB albedos, then a small random tint.
        float r = (float) (0.35 + 0.55 * t);
        float g = (float) (0.22 + 0.50 * t);
        float b = (float) (0.15 + 0.45 * t);
        float tint = (float) (0.05 * (random.nextDouble() - 0.5));
        return new float[] {r + tint, g, b - tint};
    }

    private static float[] albedo(FacePart part, float[] skin, float[] lipTint) {
        return switch (part) {
            case LEFT_BROW, RIGHT_BROW -> new float[] {skin[0] * 0.35f, skin[1] * 0.3f, skin[2] * 0.3f};
            case LEFT_EYE, RIGHT_EYE -> new float[] {0.55f, 0.5f, 0.5f};
            case UPPER_LIP, LOWER_LIP -> new float[] {skin[0] * lipTint[0] + 0.1f, skin[1] * lipTint[1], skin[2] * lipTint[2]};
            case INNER_MOUTH -> new float[] {0.25f, 0.08f, 0.08f};
            default -> skin;
        };
    }

    private static int channel(double value) {
        return (int) Math.max(0, Math.min(255, Math.round(value * 255)));
    }

    private static double[] gaussians(SplittableRandom random, int count, double sigma) {
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = sigma * gaussian(random);
        }
        return out;
    }

    /** Standard normal sample by the Box–Muller transform (SplittableRandom has no nextGaussian in Java 17). */
    static double gaussian(SplittableRandom random) {
        double u1 = 1 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    /** @return a value drawn uniformly from [−halfRange, halfRange] */
    static double uniform(SplittableRandom random, double halfRange) {
        return (random.nextDouble() * 2 - 1) * halfRange;
    }
}
