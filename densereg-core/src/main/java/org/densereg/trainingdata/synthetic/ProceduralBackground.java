package org.densereg.trainingdata.synthetic;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.SplittableRandom;

/** Random backgrounds: a colour gradient, random rectangles, ellipses and lines, and pixel noise. */
final class ProceduralBackground {

    private ProceduralBackground() {
    }

    /**
     * @param size   image side
     * @param random source of randomness (advanced by this call)
     * @return a new size × size RGB image
     */
    static BufferedImage draw(int size, SplittableRandom random) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setPaint(new GradientPaint(0, 0, randomColour(random), size, size, randomColour(random)));
            g.fillRect(0, 0, size, size);
            int shapes = 3 + random.nextInt(10);
            for (int s = 0; s < shapes; s++) {
                g.setColor(randomColour(random));
                int x = random.nextInt(size);
                int y = random.nextInt(size);
                int w = 4 + random.nextInt(Math.max(1, size / 2));
                int h = 4 + random.nextInt(Math.max(1, size / 2));
                switch (random.nextInt(3)) {
                    case 0 -> g.fillRect(x - w / 2, y - h / 2, w, h);
                    case 1 -> g.fillOval(x - w / 2, y - h / 2, w, h);
                    default -> {
                        g.setStroke(new BasicStroke(1 + random.nextInt(4)));
                        g.drawLine(x, y, random.nextInt(size), random.nextInt(size));
                    }
                }
            }
        } finally {
            g.dispose();
        }
        double amplitude = 20 * random.nextDouble();
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int rgb = image.getRGB(x, y);
                int n = (int) Math.round(amplitude * (random.nextDouble() * 2 - 1));
                int r = clamp(((rgb >> 16) & 0xff) + n);
                int gr = clamp(((rgb >> 8) & 0xff) + n);
                int b = clamp((rgb & 0xff) + n);
                image.setRGB(x, y, (r << 16) | (gr << 8) | b);
            }
        }
        return image;
    }

    static Color randomColour(SplittableRandom random) {
        return new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256));
    }

    private static int clamp(int value) {
        return Math.max(0, Math.min(255, value));
    }
}
