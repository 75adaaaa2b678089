package org.densereg.trainingdata.synthetic;

import java.awt.BasicStroke;
import java.awt.Shape;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.util.SplittableRandom;
import org.densereg.data.Landmarks;

/**
 * Occluders of photo-style faces: a hand-like skin-coloured blob, a textured object, sunglasses or the frames of
 * glasses, and the hair fringe of {@link HeadSurround}. Every covered pixel is removed from the ground truth
 * (u = v = −1, part 0), as for {@link Occluder}.
 */
final class PhotoOccluders {

    private PhotoOccluders() {
    }

    /**
     * Draws one random occluder.
     *
     * @param image     image to draw into
     * @param truth     the ground-truth maps to clear
     * @param face      [4] min x, min y, max x, max y of the projected face
     * @param landmarks the face's 68 landmarks in the image
     * @param skin      [3] skin RGB, for hands
     * @param random    source of randomness (advanced)
     */
    static void drawRandom(BufferedImage image, Truth truth, double[] face, Landmarks landmarks, float[] skin,
            SplittableRandom random) {
        double choice = random.nextDouble();
        double faceW = face[2] - face[0];
        double faceH = face[3] - face[1];
        if (choice < 0.25) {
            glasses(image, truth, landmarks, random);
            return;
        }
        double w = faceW * (0.2 + 0.35 * random.nextDouble());
        double h = faceH * (0.2 + 0.35 * random.nextDouble());
        double cx = face[0] + faceW * random.nextDouble();
        double cy = face[1] + faceH * random.nextDouble();
        if (choice < 0.55) {
            // a hand or arm: skin-coloured, rounded, shaded across
            Area hand = new Area(new RoundRectangle2D.Double(cx - w / 2, cy - h / 2, w, h, w * 0.8, h * 0.8));
            double fingers = w / 4;
            for (int f = 0; f < 4; f++) {
                hand.add(new Area(new Ellipse2D.Double(cx - w / 2 + f * fingers, cy - h / 2 - h * 0.35, fingers * 0.9, h * 0.7)));
            }
            float k = 0.8f + 0.3f * (float) random.nextDouble();
            float[] colour = {skin[0] * k, skin[1] * k, skin[2] * k};
            paint(image, truth, hand, colour, random, 0.06, new double[] {0.3 * (random.nextDouble() * 2 - 1), 0.2, 0});
        } else {
            Shape shape = random.nextBoolean() ? new Rectangle2D.Double(cx - w / 2, cy - h / 2, w, h)
                    : new Ellipse2D.Double(cx - w / 2, cy - h / 2, w, h);
            float[] colour = {(float) random.nextDouble(), (float) random.nextDouble(), (float) random.nextDouble()};
            paint(image, truth, shape, colour, random, 0.4 * random.nextDouble(),
                    new double[] {0.4 * (random.nextDouble() * 2 - 1), 0.4 * (random.nextDouble() * 2 - 1), 0});
        }
    }

    /**
     * Paints a region as an occluder: textured colour, ground truth cleared under it.
     *
     * @param gradient [3] light gradient as in {@link TexturedFill#fill}
     */
    static void paint(BufferedImage image, Truth truth, Shape shape, float[] colour, SplittableRandom random,
            double amplitude, double[] gradient) {
        boolean[] covered = new boolean[image.getWidth() * image.getHeight()];
        double cells = 0.05 + 0.3 * random.nextDouble();
        TexturedFill.fill(image, shape, colour, new ValueNoise(random.nextLong()), cells, cells, amplitude, gradient, covered);
        truth.clear(covered);
    }

    private static void glasses(BufferedImage image, Truth truth, Landmarks landmarks, SplittableRandom random) {
        double[] right = centre(landmarks, 36, 41);
        double[] left = centre(landmarks, 42, 47);
        double eyeDistance = Math.hypot(left[0] - right[0], left[1] - right[1]);
        if (!(eyeDistance > 2)) {
            return;
        }
        double lensW = eyeDistance * (0.7 + 0.2 * random.nextDouble());
        double lensH = lensW * (0.6 + 0.25 * random.nextDouble());
        boolean sunglasses = random.nextDouble() < 0.4;
        Area frames = new Area();
        Area lenses = new Area();
        float stroke = (float) Math.max(1, eyeDistance * (0.04 + 0.06 * random.nextDouble()));
        BasicStroke pen = new BasicStroke(stroke);
        for (double[] c : new double[][] {right, left}) {
            Shape lens = new RoundRectangle2D.Double(c[0] - lensW / 2, c[1] - lensH / 2, lensW, lensH, lensW * 0.5, lensH * 0.5);
            lenses.add(new Area(lens));
            frames.add(new Area(pen.createStrokedShape(lens)));
        }
        frames.add(new Area(pen.createStrokedShape(new Line2D.Double(right[0] + lensW / 2, right[1], left[0] - lensW / 2, left[1]))));
        float dark = 0.05f + 0.25f * (float) random.nextDouble();
        float[] frameColour = {dark, dark * 0.9f, dark * 0.8f};
        if (sunglasses) {
            lenses.add(frames);
            paint(image, truth, lenses, frameColour, random, 0.05, new double[] {0, -0.3, 0});
        } else {
            paint(image, truth, frames, frameColour, random, 0.1, new double[] {0, 0, 0});
        }
    }

    private static double[] centre(Landmarks landmarks, int from, int to) {
        double x = 0;
        double y = 0;
        for (int k = from; k <= to; k++) {
            x += landmarks.x(k);
            y += landmarks.y(k);
        }
        int n = to - from + 1;
        return new double[] {x / n, y / n};
    }

    /**
     * The ground-truth maps an occluder clears.
     *
     * @param u     [H·W] u map
     * @param v     [H·W] v map
     * @param parts [H·W] part labels
     */
    record Truth(float[] u, float[] v, byte[] parts) {

        /** @param covered [H·W] pixels to clear */
        void clear(boolean[] covered) {
            for (int p = 0; p < covered.length; p++) {
                if (covered[p]) {
                    u[p] = -1f;
                    v[p] = -1f;
                    parts[p] = 0;
                }
            }
        }
    }
}
