package org.densereg.trainingdata.synthetic;

import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.SplittableRandom;

/** Draws one random flat-coloured shape over part of the face and removes the covered pixels from the ground truth. */
final class Occluder {

    private Occluder() {
    }

    /**
     * @param image  image to draw into
     * @param u      [H·W] u map; covered pixels become −1
     * @param v      [H·W] v map; covered pixels become −1
     * @param parts  [H·W] part labels; covered pixels become 0
     * @param face   [4] min x, min y, max x, max y of the face in the image
     * @param random source of randomness
     */
    static void drawRandom(BufferedImage image, float[] u, float[] v, byte[] parts, double[] face, SplittableRandom random) {
        double faceW = face[2] - face[0];
        double faceH = face[3] - face[1];
        double w = faceW * (0.2 + 0.3 * random.nextDouble());
        double h = faceH * (0.2 + 0.3 * random.nextDouble());
        double cx = face[0] + faceW * random.nextDouble();
        double cy = face[1] + faceH * random.nextDouble();
        Shape shape = random.nextBoolean()
                ? new Rectangle2D.Double(cx - w / 2, cy - h / 2, w, h)
                : new Ellipse2D.Double(cx - w / 2, cy - h / 2, w, h);
        int rgb = ProceduralBackground.randomColour(random).getRGB() & 0xffffff;
        int width = image.getWidth();
        int height = image.getHeight();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                // Pixel centres lie at integer coordinates (DESIGN §2).
                if (shape.contains(x, y)) {
                    int p = y * width + x;
                    image.setRGB(x, y, rgb);
                    u[p] = -1f;
                    v[p] = -1f;
                    parts[p] = 0;
                }
            }
        }
    }
}
