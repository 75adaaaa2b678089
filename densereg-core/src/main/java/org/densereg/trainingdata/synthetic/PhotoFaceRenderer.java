package org.densereg.trainingdata.synthetic;

import java.awt.Shape;
import java.awt.image.BufferedImage;
import java.util.SplittableRandom;
import org.densereg.data.Landmarks;
import org.densereg.fit.ScaledOrthographicCamera;
import org.densereg.model3d.MorphableModel;
import org.densereg.raster.RasterResult;
import org.densereg.raster.TriangleRasteriser;
import org.densereg.supervision.FacePart;
import org.densereg.supervision.FacePartChart;

/**
 * The {@link RenderStyle#PHOTO} renderer behind {@link SyntheticFaceRenderer}: a face framed as a detector box
 * frames it (the 68-landmark box times a random margin of 1.1–1.6, shifted by up to {@code maxShift}), textured
 * by {@link FaceAppearance}, lit by a coloured directional light with diffuse and specular terms, surrounded by
 * {@link HeadSurround} on a {@link PhotoBackground}, occluded by a fringe or {@link PhotoOccluders}, then
 * degraded by {@link PhotoFinish}. The ground truth is that of the visible, unoccluded face surface.
 */
final class PhotoFaceRenderer {

    private static final int[] JAW_ENDS = {0, 16};
    private static final double FRINGE_PROBABILITY = 0.2;
    private static final float[][] HAIR_COLOURS = {
        {0.05f, 0.045f, 0.04f}, {0.16f, 0.1f, 0.07f}, {0.32f, 0.2f, 0.11f}, {0.68f, 0.55f, 0.33f},
        {0.48f, 0.2f, 0.09f}, {0.62f, 0.6f, 0.58f},
    };

    private final MorphableModel model;
    private final FacePartChart chart;
    private final SyntheticFaceConfig config;
    private final float[] uvAttributes;
    private final double[] landmarkUv;

    /**
     * @param model        the face model
     * @param chart        its part chart
     * @param config       what to draw
     * @param uvAttributes [2N] per-vertex u plane then v plane
     */
    PhotoFaceRenderer(MorphableModel model, FacePartChart chart, SyntheticFaceConfig config, float[] uvAttributes) {
        this.model = model;
        this.chart = chart;
        this.config = config;
        this.uvAttributes = uvAttributes;
        this.landmarkUv = model.landmarkUv();
    }

    /**
     * @param vertices [3N] the face's shape, centred (changed: nothing)
     * @param random   the face's random source, after shape and expression were drawn
     * @return the face
     */
    SyntheticFace render(float[] vertices, SplittableRandom random) {
        int size = config.size();
        double yaw = SyntheticFaceRenderer.uniform(random, config.maxYaw());
        double pitch = SyntheticFaceRenderer.uniform(random, config.maxPitch());
        double roll = SyntheticFaceRenderer.uniform(random, config.maxRoll());
        ScaledOrthographicCamera camera = frame(vertices, yaw, pitch, roll, random);
        float[] screen = camera.project(vertices);

        int n = model.vertexCount();
        Light light = Light.random(random);
        float[] attributes = new float[4 * n];
        System.arraycopy(uvAttributes, 0, attributes, 0, 2 * n);
        light.shadeVertices(vertices, model.triangles(), camera.rotation(), attributes, 2 * n, 3 * n);
        RasterResult raster = TriangleRasteriser.rasterise(screen, model.triangles(), attributes, 4, size, size);

        float[] hair = hairColour(random);
        FaceAppearance appearance = new FaceAppearance(landmarkUv, hair, random);
        BufferedImage image = PhotoBackground.draw(size, random);
        HeadSurround.Geometry geometry = geometry(vertices);
        float[] skin = light.litSkin(appearance.skinColour());
        HeadSurround.drawBehind(image, camera, geometry, skin, hair, random);

        int pixels = size * size;
        float[] u = new float[pixels];
        float[] v = new float[pixels];
        byte[] parts = new byte[pixels];
        float[] rendered = raster.attributes();
        float[] albedo = new float[3];
        for (int p = 0; p < pixels; p++) {
            if (raster.triangle()[p] < 0) {
                u[p] = -1f;
                v[p] = -1f;
                continue;
            }
            float pu = rendered[p];
            float pv = rendered[pixels + p];
            FacePart part = chart.partAt(pu, pv);
            if (part == FacePart.BACKGROUND) {
                part = FacePart.SKIN;
            }
            u[p] = pu;
            v[p] = pv;
            parts[p] = (byte) part.label();
            appearance.albedo(part, pu, pv, albedo);
            image.setRGB(p % size, p / size, light.colour(albedo, rendered[2 * pixels + p], rendered[3 * pixels + p]));
        }
        Landmarks landmarks = SyntheticFaceRenderer.landmarks(model, screen);
        PhotoOccluders.Truth truth = new PhotoOccluders.Truth(u, v, parts);
        Shape fringe = HeadSurround.fringe(camera, geometry, FRINGE_PROBABILITY, random);
        if (fringe != null) {
            PhotoOccluders.paint(image, truth, fringe, hair, random, 0.35, new double[] {0, -0.2, 0});
        }
        if (random.nextDouble() < config.occluderProbability()) {
            PhotoOccluders.drawRandom(image, truth, SyntheticFaceRenderer.screenBounds(screen), landmarks, skin, random);
        }
        PhotoFinish.apply(image, random);
        return new SyntheticFace(image, u, v, parts, landmarks, yaw, pitch, roll);
    }

    /** The camera that puts the landmark box, times a random margin, in the image with a random shift. */
    private ScaledOrthographicCamera frame(float[] vertices, double yaw, double pitch, double roll, SplittableRandom random) {
        ScaledOrthographicCamera unit = ScaledOrthographicCamera.fromEulerDegrees(yaw, pitch, roll, 1, 0, 0);
        double[] box = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (int vertex : model.landmarkVertices()) {
            if (vertex < 0) {
                continue;
            }
            double[] p = unit.project(vertices[3 * vertex], vertices[3 * vertex + 1], vertices[3 * vertex + 2]);
            box[0] = Math.min(box[0], p[0]);
            box[1] = Math.min(box[1], p[1]);
            box[2] = Math.max(box[2], p[0]);
            box[3] = Math.max(box[3], p[1]);
        }
        int size = config.size();
        double margin = 1.1 + 0.5 * random.nextDouble();
        double scale = size / (margin * Math.max(box[2] - box[0], box[3] - box[1]));
        double tx = (size - 1) / 2.0 - scale * (box[0] + box[2]) / 2 + SyntheticFaceRenderer.uniform(random, config.maxShift()) * size;
        double ty = (size - 1) / 2.0 - scale * (box[1] + box[3]) / 2 + SyntheticFaceRenderer.uniform(random, config.maxShift()) * size;
        return ScaledOrthographicCamera.fromEulerDegrees(yaw, pitch, roll, scale, tx, ty);
    }

    private HeadSurround.Geometry geometry(float[] vertices) {
        int[] map = model.landmarkVertices();
        double eyeY = 0;
        int eyes = 0;
        for (int k = 36; k <= 47; k++) {
            if (map[k] >= 0) {
                eyeY += vertices[3 * map[k] + 1];
                eyes++;
            }
        }
        eyeY /= Math.max(1, eyes);
        double browY = Double.NEGATIVE_INFINITY;
        for (int k = 17; k <= 26; k++) {
            if (map[k] >= 0) {
                browY = Math.max(browY, vertices[3 * map[k] + 1]);
            }
        }
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < vertices.length; i += 3) {
            minX = Math.min(minX, vertices[i]);
            maxX = Math.max(maxX, vertices[i]);
        }
        int a = map[JAW_ENDS[0]];
        int b = map[JAW_ENDS[1]];
        double jawWidth = Math.hypot(vertices[3 * a] - vertices[3 * b], vertices[3 * a + 1] - vertices[3 * b + 1]);
        double jawZ = 0.5 * (vertices[3 * a + 2] + vertices[3 * b + 2]);
        return new HeadSurround.Geometry(jawWidth, 0.5 * (maxX - minX), eyeY, browY, vertices[3 * map[8] + 1], jawZ,
                vertices[3 * map[27] + 2]);
    }

    private static float[] hairColour(SplittableRandom random) {
        float[] base = HAIR_COLOURS[random.nextInt(HAIR_COLOURS.length)];
        float k = 0.8f + 0.4f * (float) random.nextDouble();
        return new float[] {base[0] * k, base[1] * k, base[2] * k};
    }

    /**
     * A directional light of some colour with ambient light of another, diffuse and Blinn–Phong specular terms
     * evaluated per vertex.
     */
    private record Light(double[] direction, float[] colour, float[] ambient, double shininess, double specular) {

        static Light random(SplittableRandom random) {
            double lx = SyntheticFaceRenderer.uniform(random, 1.0);
            double ly = SyntheticFaceRenderer.uniform(random, 0.7) + 0.2;
            double lz = 0.4 + 0.8 * random.nextDouble();
            double norm = Math.sqrt(lx * lx + ly * ly + lz * lz);
            float warmth = (float) SyntheticFaceRenderer.uniform(random, 0.15);
            float strength = (float) (0.5 + 0.5 * random.nextDouble());
            float[] colour = {strength * (1 + warmth), strength, strength * (1 - warmth)};
            float ambientLevel = (float) (0.25 + 0.35 * random.nextDouble());
            float tint = (float) SyntheticFaceRenderer.uniform(random, 0.1);
            float[] ambient = {ambientLevel * (1 - tint), ambientLevel, ambientLevel * (1 + tint)};
            return new Light(new double[] {lx / norm, ly / norm, lz / norm}, colour, ambient,
                    8 + 40 * random.nextDouble(), 0.05 + 0.3 * random.nextDouble());
        }

        /**
         * Writes the diffuse factor of each vertex to {@code out[diffuseOffset + i]} and its specular factor to
         * {@code out[specularOffset + i]}.
         */
        void shadeVertices(float[] vertices, int[] triangles, double[] rotation, float[] out, int diffuseOffset,
                int specularOffset) {
            double[] normals = VertexNormals.facingCamera(vertices, triangles, rotation);
            double hx = direction[0];
            double hy = direction[1];
            double hz = direction[2] + 1;
            double hn = Math.sqrt(hx * hx + hy * hy + hz * hz);
            hx /= hn;
            hy /= hn;
            hz /= hn;
            int n = vertices.length / 3;
            for (int i = 0; i < n; i++) {
                double cx = normals[3 * i];
                double cy = normals[3 * i + 1];
                double cz = normals[3 * i + 2];
                out[diffuseOffset + i] = (float) Math.max(0, cx * direction[0] + cy * direction[1] + cz * direction[2]);
                double half = Math.max(0, cx * hx + cy * hy + cz * hz);
                out[specularOffset + i] = (float) (specular * Math.pow(half, shininess));
            }
        }

        /** @return the packed RGB of a surface point */
        int colour(float[] albedo, float diffuse, float specularFactor) {
            int rgb = 0;
            for (int c = 0; c < 3; c++) {
                double value = albedo[c] * (ambient[c] + diffuse * colour[c]) + specularFactor * colour[c];
                rgb = (rgb << 8) | TexturedFill.channel(value);
            }
            return rgb;
        }

        /** @return the skin colour as a surface facing the camera would show it, for the parts drawn flat */
        float[] litSkin(float[] skin) {
            float[] out = new float[3];
            for (int c = 0; c < 3; c++) {
                out[c] = (float) (skin[c] * (ambient[c] + colour[c] * Math.max(0.3, direction[2])));
            }
            return out;
        }
    }
}
