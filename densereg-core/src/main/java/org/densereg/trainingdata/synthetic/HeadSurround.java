package org.densereg.trainingdata.synthetic;

import java.awt.Shape;
import java.awt.geom.Area;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.densereg.fit.ScaledOrthographicCamera;

/**
 * What surrounds a synthetic face in a photograph, drawn behind the face mesh: clothes and shoulders, the neck,
 * the ears and the back of the head with its hair (or a bald head), nearest last; and, sometimes, a fringe of
 * hair falling over the forehead, drawn in front of the face (an occluder: the caller removes the pixels it
 * covers from the ground truth). Solids are ellipsoids and cylinders placed from the face's own landmarks, so
 * they turn with the head.
 */
final class HeadSurround {

    /**
     * Where the head parts sit, in the model space of the rendered (centred) shape, y up.
     *
     * @param jawWidth  distance between the jaw's ends (landmarks 0 and 16)
     * @param halfWidth half of the mesh's x extent
     * @param eyeY      mean y of the eye landmarks 36–47
     * @param browY     highest y of the brow landmarks 17–26
     * @param chinY     y of the chin (landmark 8)
     * @param jawZ      mean z of landmarks 0 and 16
     * @param foreheadZ z of the nose bridge top (landmark 27)
     */
    record Geometry(double jawWidth, double halfWidth, double eyeY, double browY, double chinY, double jawZ,
            double foreheadZ) {
    }

    private record Solid(Shape outline, double depth, float[] colour, ValueNoise texture, double scaleX,
            double scaleY, double amplitude) {
    }

    private HeadSurround() {
    }

    /**
     * Draws the parts behind the face.
     *
     * @param image  image to draw into (the background is already there)
     * @param camera the face's camera
     * @param g      head geometry
     * @param skin   [3] skin RGB
     * @param hair   [3] hair RGB
     * @param random source of randomness (advanced)
     */
    static void drawBehind(BufferedImage image, ScaledOrthographicCamera camera, Geometry g, float[] skin, float[] hair,
            SplittableRandom random) {
        double w = g.jawWidth();
        double headScale = 0.95 + 0.2 * random.nextDouble();
        double neckZ = g.jawZ() - 0.3 * w;
        List<Solid> solids = new ArrayList<>();
        float[] clothes = {(float) random.nextDouble(), (float) random.nextDouble(), (float) random.nextDouble()};
        double[] shoulders = {0, g.chinY() - (1.15 + 0.2 * random.nextDouble()) * w, neckZ};
        solids.add(solid(ProjectedShapes.ellipsoid(camera, shoulders, new double[] {1.5 * w, 0.55 * w, 0.5 * w}), camera,
                shoulders, clothes, random, 0.05, 0.05, random.nextDouble() * 0.3));
        float[] shadowedSkin = scale(skin, 0.72f + 0.15f * (float) random.nextDouble());
        double[] neck = {0, 0, neckZ};
        // sorted as if nearer than the skull, so that the back of the head never covers the neck
        solids.add(solid(ProjectedShapes.cylinder(camera, neck, (0.3 + 0.06 * random.nextDouble()) * w,
                g.chinY() + 0.35 * w, shoulders[1]), camera, new double[] {0, g.chinY() - 0.3 * w, g.jawZ() - 0.05 * w},
                shadowedSkin, random, 0.1, 0.1, 0.05));
        boolean bald = random.nextDouble() < 0.08;
        double[] skull = {0, g.eyeY() + 0.12 * w, g.jawZ() - 0.3 * w};
        double[] skullRadii = {0.58 * w * headScale, 0.82 * w * headScale, 0.72 * w * headScale};
        Shape head = ProjectedShapes.ellipsoid(camera, skull, skullRadii);
        double hairEnd = switch (random.nextInt(3)) {
            case 0 -> g.eyeY() - 0.1 * w;
            case 1 -> g.chinY() + 0.05 * w;
            default -> g.chinY() - (0.3 + 0.5 * random.nextDouble()) * w;
        };
        if (!bald && hairEnd < g.chinY()) {
            // long hair: a curtain behind the head down past the chin
            double[] curtain = {0, 0.5 * (skull[1] + hairEnd), skull[2] - 0.15 * w};
            Shape hairCurtain = ProjectedShapes.cylinder(camera, curtain, 0.62 * w * headScale, skull[1], hairEnd);
            solids.add(solid(hairCurtain, camera, curtain, hair, random, 0.5, 0.06, 0.35));
        }
        for (int side = -1; side <= 1; side += 2) {
            double[] ear = {side * (g.halfWidth() + 0.02 * w), g.eyeY() - 0.15 * w, g.jawZ() - 0.12 * w};
            solids.add(solid(ProjectedShapes.ellipsoid(camera, ear, new double[] {0.05 * w, 0.16 * w, 0.11 * w}),
                    camera, ear, scale(skin, 0.85f), random, 0.2, 0.2, 0.08));
        }
        solids.add(solid(head, camera, skull, skin, random, 0.1, 0.1, 0.06));
        if (!bald) {
            // the hair of the head: the skull's outline above the hairline (a plane of constant model y)
            double line = Math.max(hairEnd, g.eyeY() - 0.1 * w);
            double far = 4 * w;
            double[][] corners = {camera.project(-far, line, skull[2]), camera.project(far, line, skull[2]),
                camera.project(far, line + far, skull[2]), camera.project(-far, line + far, skull[2])};
            Area hairArea = new Area(head);
            hairArea.intersect(new Area(ProjectedShapes.hull(corners)));
            double[] above = {skull[0], skull[1], skull[2] + 1e-6 * w};
            solids.add(solid(hairArea, camera, above, hair, random, 0.6, 0.08, 0.35));
        }
        solids.sort(Comparator.comparingDouble(Solid::depth));
        double[] gradient = {
            SyntheticFaceRenderer.uniform(random, 0.4),
            SyntheticFaceRenderer.uniform(random, 0.3) - 0.1,
            SyntheticFaceRenderer.uniform(random, 0.1),
        };
        for (Solid s : solids) {
            TexturedFill.fill(image, s.outline(), s.colour(), s.texture(), s.scaleX(), s.scaleY(), s.amplitude(),
                    gradient, null);
        }
    }

    /**
     * A fringe over the forehead, or nothing.
     *
     * @param camera      the face's camera
     * @param g           head geometry
     * @param probability chance of a fringe
     * @param random      source of randomness (advanced)
     * @return the fringe's outline in image pixels, or null
     */
    static Shape fringe(ScaledOrthographicCamera camera, Geometry g, double probability, SplittableRandom random) {
        if (random.nextDouble() >= probability) {
            return null;
        }
        double w = g.jawWidth();
        double lower = g.browY() + (0.0 + 0.25 * random.nextDouble()) * w;
        double top = g.browY() + 0.6 * w;
        double z = g.foreheadZ() + 0.02 * w;
        int steps = 12;
        Path2D.Double path = new Path2D.Double();
        double[] start = camera.project(-0.55 * w, top, z - 0.2 * w);
        path.moveTo(start[0], start[1]);
        double tilt = SyntheticFaceRenderer.uniform(random, 0.15) * w;
        for (int i = 0; i <= steps; i++) {
            double x = -0.55 * w + 1.1 * w * i / steps;
            double wave = (i % 2 == 0 ? 0.04 : -0.02) * w * random.nextDouble();
            double depth = z - 0.25 * w * Math.pow(2.0 * i / steps - 1, 2);
            double[] p = camera.project(x, lower + wave + tilt * (2.0 * i / steps - 1), depth);
            path.lineTo(p[0], p[1]);
        }
        double[] end = camera.project(0.55 * w, top, z - 0.2 * w);
        path.lineTo(end[0], end[1]);
        path.closePath();
        return path;
    }

    private static Solid solid(Shape outline, ScaledOrthographicCamera camera, double[] centre, float[] colour,
            SplittableRandom random, double scaleX, double scaleY, double amplitude) {
        double depth = camera.project(centre[0], centre[1], centre[2])[2];
        return new Solid(outline, depth, colour, new ValueNoise(random.nextLong()), scaleX, scaleY, amplitude);
    }

    private static float[] scale(float[] colour, float k) {
        return new float[] {colour[0] * k, colour[1] * k, colour[2] * k};
    }
}
