package org.densereg.trainingdata.synthetic;

import java.awt.Rectangle;
import java.awt.Shape;
import java.awt.image.BufferedImage;

/**
 * Fills an image region with a colour modulated by a noise texture and a linear light gradient, pixel by pixel
 * (pixel centres at integer coordinates, DESIGN §2).
 */
final class TexturedFill {

    private TexturedFill() {
    }

    /**
     * @param image     image to paint into (TYPE_INT_RGB)
     * @param shape     region, image pixels
     * @param colour    [3] base RGB in [0, 1]
     * @param noise     texture field
     * @param scaleX    texture cells per pixel along x
     * @param scaleY    texture cells per pixel along y
     * @param amplitude texture contrast (0: flat)
     * @param gradient  [3] light gradient: factor = 1 + g0·(x − cx)/w + g1·(y − cy)/h + g2, with (cx, cy) and
     *                  (w, h) the shape's bounding-box centre and size
     * @param covered   [H·W] set to true for each painted pixel; may be null
     */
    static void fill(BufferedImage image, Shape shape, float[] colour, ValueNoise noise, double scaleX, double scaleY,
            double amplitude, double[] gradient, boolean[] covered) {
        Rectangle bounds = shape.getBounds().intersection(new Rectangle(0, 0, image.getWidth(), image.getHeight()));
        if (bounds.isEmpty()) {
            return;
        }
        double cx = shape.getBounds2D().getCenterX();
        double cy = shape.getBounds2D().getCenterY();
        double w = Math.max(1, shape.getBounds2D().getWidth());
        double h = Math.max(1, shape.getBounds2D().getHeight());
        for (int y = bounds.y; y < bounds.y + bounds.height; y++) {
            for (int x = bounds.x; x < bounds.x + bounds.width; x++) {
                if (!shape.contains(x, y)) {
                    continue;
                }
                double factor = (1 + gradient[0] * (x - cx) / w + gradient[1] * (y - cy) / h + gradient[2])
                        * (1 + amplitude * noise.fractal(x * scaleX, y * scaleY, 2));
                image.setRGB(x, y, rgb(colour, factor));
                if (covered != null) {
                    covered[y * image.getWidth() + x] = true;
                }
            }
        }
    }

    /** @return the packed RGB of colour × factor, clamped */
    static int rgb(float[] colour, double factor) {
        return (channel(colour[0] * factor) << 16) | (channel(colour[1] * factor) << 8) | channel(colour[2] * factor);
    }

    static int channel(double value) {
        return (int) Math.max(0, Math.min(255, Math.round(value * 255)));
    }
}
