package org.densereg.trainingdata.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Shape;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class PhotoFinishTest {

    @Test
    void blurKeepsAConstantPlaneAndSpreadsAnImpulseWithUnitSum() {
        float[] constant = new float[15 * 11];
        java.util.Arrays.fill(constant, 0.3f);
        for (float value : GaussianBlur.blur(constant, 15, 11, 1.2)) {
            assertEquals(0.3f, value, 1e-6f);
        }
        float[] impulse = new float[15 * 15];
        impulse[7 * 15 + 7] = 1;
        float[] blurred = GaussianBlur.blur(impulse, 15, 15, 1.0);
        double sum = 0;
        for (float value : blurred) {
            sum += value;
        }
        assertEquals(1.0, sum, 1e-5);
        assertTrue(blurred[7 * 15 + 7] < 0.2 && blurred[7 * 15 + 8] > 0.05, "the impulse is spread to its neighbours");
        assertEquals(blurred[7 * 15 + 6], blurred[7 * 15 + 8], 1e-7, "symmetric");
    }

    @Test
    void lowResolutionKeepsAConstantPlaneAndSmoothsAnEdge() {
        int w = 20;
        int h = 10;
        float[] step = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = w / 2; x < w; x++) {
                step[y * w + x] = 1;
            }
        }
        float[] out = PhotoFinish.lowResolution(step, w, h, 4);
        assertEquals(0, out[5 * w], 1e-6);
        assertEquals(1, out[5 * w + w - 1], 1e-6);
        assertTrue(out[5 * w + 9] > 0 && out[5 * w + 9] < 1, "the edge is blurred: " + out[5 * w + 9]);
        float[] constant = new float[w * h];
        java.util.Arrays.fill(constant, 0.6f);
        for (float value : PhotoFinish.lowResolution(constant, w, h, 2.5)) {
            assertEquals(0.6f, value, 1e-6f);
        }
    }

    @Test
    void jpegRoundTripKeepsTheImageCloseAtHighQuality() {
        BufferedImage image = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                image.setRGB(x, y, (x * 8 << 16) | (y * 8 << 8) | 128);
            }
        }
        int before = image.getRGB(10, 20);
        PhotoFinish.jpeg(image, 0.95f);
        int after = image.getRGB(10, 20);
        assertTrue(Math.abs(((before >> 16) & 0xff) - ((after >> 16) & 0xff)) <= 8, "red within 8 levels");
        assertTrue(Math.abs(((before >> 8) & 0xff) - ((after >> 8) & 0xff)) <= 8, "green within 8 levels");
    }

    @Test
    void theHullOfASquareWithInnerPointsIsTheSquare() {
        Shape hull = ProjectedShapes.hull(new double[][] {{0, 0}, {4, 0}, {4, 4}, {0, 4}, {2, 2}, {1, 3}, {2, 0}});
        assertTrue(hull.contains(2, 2) && hull.contains(0.5, 3.5));
        assertTrue(!hull.contains(4.5, 2) && !hull.contains(-0.1, 1));
        assertEquals(4, hull.getBounds2D().getWidth(), 1e-12);
        assertEquals(4, hull.getBounds2D().getHeight(), 1e-12);
    }

    @Test
    void valueNoiseIsBoundedAndReproducible() {
        ValueNoise a = new ValueNoise(5);
        ValueNoise b = new ValueNoise(5);
        double min = 1;
        double max = -1;
        for (int i = 0; i < 500; i++) {
            double value = a.fractal(i * 0.37, i * 0.11, 3);
            assertEquals(value, b.fractal(i * 0.37, i * 0.11, 3));
            min = Math.min(min, value);
            max = Math.max(max, value);
        }
        assertTrue(min >= -1 && max <= 1 && max - min > 0.5, "bounded and varied: " + min + " .. " + max);
        assertEquals(a.at(3, 4), new ValueNoise(5).at(3, 4), "lattice values are a function of the seed");
    }
}
