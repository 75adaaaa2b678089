package org.densereg.trainingdata.synthetic;

import java.awt.image.BufferedImage;
import java.util.SplittableRandom;

/**
 * Backgrounds for photo-style faces: either the procedural shapes of {@link ProceduralBackground} or a colour
 * texture (two colours mixed by fractal noise at a random scale, plus a few shapes), then often blurred as an
 * out-of-focus background is.
 */
final class PhotoBackground {

    private PhotoBackground() {
    }

    /**
     * @param size   image side
     * @param random source of randomness (advanced)
     * @return a new size × size RGB image
     */
    static BufferedImage draw(int size, SplittableRandom random) {
        BufferedImage image = ProceduralBackground.draw(size, random);
        if (random.nextBoolean()) {
            float[] a = colour(random);
            float[] b = colour(random);
            ValueNoise noise = new ValueNoise(random.nextLong());
            double cells = (1 + 12 * random.nextDouble()) / size;
            double stretch = 0.2 + 1.8 * random.nextDouble();
            boolean keepShapes = random.nextBoolean();
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    double t = 0.5 + 0.5 * noise.fractal(x * cells * stretch, y * cells, 4);
                    float[] mixed = {a[0] + (float) t * (b[0] - a[0]), a[1] + (float) t * (b[1] - a[1]),
                        a[2] + (float) t * (b[2] - a[2])};
                    int rgb = TexturedFill.rgb(mixed, 1);
                    if (keepShapes) {
                        int old = image.getRGB(x, y);
                        rgb = average(rgb, old);
                    }
                    image.setRGB(x, y, rgb);
                }
            }
        }
        if (random.nextDouble() < 0.5) {
            double sigma = 0.8 + 2.5 * random.nextDouble();
            int[] packed = image.getRGB(0, 0, size, size, null, 0, size);
            float[][] planes = new float[3][size * size];
            for (int p = 0; p < packed.length; p++) {
                planes[0][p] = (packed[p] >> 16) & 0xff;
                planes[1][p] = (packed[p] >> 8) & 0xff;
                planes[2][p] = packed[p] & 0xff;
            }
            for (int c = 0; c < 3; c++) {
                planes[c] = GaussianBlur.blur(planes[c], size, size, sigma);
            }
            for (int p = 0; p < packed.length; p++) {
                packed[p] = (clamp(planes[0][p]) << 16) | (clamp(planes[1][p]) << 8) | clamp(planes[2][p]);
            }
            image.setRGB(0, 0, size, size, packed, 0, size);
        }
        return image;
    }

    private static float[] colour(SplittableRandom random) {
        return new float[] {(float) random.nextDouble(), (float) random.nextDouble(), (float) random.nextDouble()};
    }

    private static int average(int a, int b) {
        return ((((a >> 16) & 0xff) + ((b >> 16) & 0xff)) / 2 << 16) | ((((a >> 8) & 0xff) + ((b >> 8) & 0xff)) / 2 << 8)
                | (((a & 0xff) + (b & 0xff)) / 2);
    }

    private static int clamp(float value) {
        return Math.max(0, Math.min(255, Math.round(value)));
    }
}
