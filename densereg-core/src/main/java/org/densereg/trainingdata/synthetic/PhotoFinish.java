package org.densereg.trainingdata.synthetic;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.SplittableRandom;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * The camera and file degradations of a photograph, applied to a whole rendered image (the ground truth is not
 * changed: none of them moves a pixel): per-channel gain, brightness, contrast and saturation (sometimes grey),
 * gamma, low resolution (area down-sampling, bilinear up-sampling), Gaussian blur, sensor noise and JPEG
 * compression. Stateless.
 */
final class PhotoFinish {

    private PhotoFinish() {
    }

    /**
     * @param image  TYPE_INT_RGB image, changed in place
     * @param random source of randomness (advanced)
     */
    static void apply(BufferedImage image, SplittableRandom random) {
        int w = image.getWidth();
        int h = image.getHeight();
        float[][] rgb = planes(image);
        colour(rgb, random);
        if (random.nextDouble() < 0.3) {
            double factor = 1.5 + 2.5 * random.nextDouble();
            for (int c = 0; c < 3; c++) {
                rgb[c] = lowResolution(rgb[c], w, h, factor);
            }
        }
        if (random.nextDouble() < 0.35) {
            double sigma = 0.4 + 1.2 * random.nextDouble();
            for (int c = 0; c < 3; c++) {
                rgb[c] = GaussianBlur.blur(rgb[c], w, h, sigma);
            }
        }
        double noise = random.nextDouble() < 0.6 ? 0.04 * random.nextDouble() : 0;
        if (noise > 0) {
            for (int p = 0; p < w * h; p++) {
                double luminance = noise * SyntheticFaceRenderer.gaussian(random);
                for (int c = 0; c < 3; c++) {
                    rgb[c][p] += (float) (luminance + 0.3 * noise * SyntheticFaceRenderer.gaussian(random));
                }
            }
        }
        write(rgb, image);
        if (random.nextDouble() < 0.6) {
            jpeg(image, 0.25f + 0.7f * (float) random.nextDouble());
        }
    }

    private static void colour(float[][] rgb, SplittableRandom random) {
        int pixels = rgb[0].length;
        double brightness = 0.65 + 0.7 * random.nextDouble();
        double contrast = 0.7 + 0.6 * random.nextDouble();
        double saturation = random.nextDouble() < 0.08 ? 0 : 0.4 + 0.9 * random.nextDouble();
        double gamma = Math.exp((random.nextDouble() * 2 - 1) * 0.35);
        double[] gain = new double[3];
        for (int c = 0; c < 3; c++) {
            gain[c] = 1 + (random.nextDouble() * 2 - 1) * 0.12;
        }
        double mean = 0;
        for (int p = 0; p < pixels; p++) {
            mean += (rgb[0][p] + rgb[1][p] + rgb[2][p]) / 3;
        }
        mean /= pixels;
        for (int p = 0; p < pixels; p++) {
            double grey = 0.299 * rgb[0][p] + 0.587 * rgb[1][p] + 0.114 * rgb[2][p];
            for (int c = 0; c < 3; c++) {
                double value = grey + saturation * (rgb[c][p] - grey);
                value = mean + contrast * (value - mean);
                value = Math.max(0, value * brightness * gain[c]);
                rgb[c][p] = (float) Math.pow(Math.min(1, value), gamma);
            }
        }
    }

    /** Area-average down-sampling by {@code factor}, then bilinear up-sampling to the original size. */
    static float[] lowResolution(float[] plane, int w, int h, double factor) {
        int sw = Math.max(2, (int) Math.round(w / factor));
        int sh = Math.max(2, (int) Math.round(h / factor));
        float[] small = new float[sw * sh];
        float[] counts = new float[sw * sh];
        for (int y = 0; y < h; y++) {
            int sy = Math.min(sh - 1, y * sh / h);
            for (int x = 0; x < w; x++) {
                int sx = Math.min(sw - 1, x * sw / w);
                small[sy * sw + sx] += plane[y * w + x];
                counts[sy * sw + sx]++;
            }
        }
        for (int i = 0; i < small.length; i++) {
            small[i] /= Math.max(1, counts[i]);
        }
        float[] out = new float[w * h];
        for (int y = 0; y < h; y++) {
            double fy = Math.max(0, Math.min(sh - 1, (y + 0.5) * sh / h - 0.5));
            int y0 = (int) fy;
            int y1 = Math.min(sh - 1, y0 + 1);
            double ty = fy - y0;
            for (int x = 0; x < w; x++) {
                double fx = Math.max(0, Math.min(sw - 1, (x + 0.5) * sw / w - 0.5));
                int x0 = (int) fx;
                int x1 = Math.min(sw - 1, x0 + 1);
                double tx = fx - x0;
                double top = small[y0 * sw + x0] + tx * (small[y0 * sw + x1] - small[y0 * sw + x0]);
                double bottom = small[y1 * sw + x0] + tx * (small[y1 * sw + x1] - small[y1 * sw + x0]);
                out[y * w + x] = (float) (top + ty * (bottom - top));
            }
        }
        return out;
    }

    /** JPEG-compresses and decodes the image in memory at a quality in (0, 1]. */
    static void jpeg(BufferedImage image, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
                writer.setOutput(out);
                ImageWriteParam param = writer.getDefaultWriteParam();
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(quality);
                writer.write(null, new IIOImage(image, null, null), param);
            }
            BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(bytes.toByteArray()));
            int w = image.getWidth();
            int h = image.getHeight();
            image.setRGB(0, 0, w, h, decoded.getRGB(0, 0, w, h, null, 0, w), 0, w);
        } catch (IOException e) {
            throw new UncheckedIOException("in-memory JPEG round trip failed", e);
        } finally {
            writer.dispose();
        }
    }

    private static float[][] planes(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] packed = image.getRGB(0, 0, w, h, null, 0, w);
        float[][] rgb = new float[3][w * h];
        for (int p = 0; p < packed.length; p++) {
            rgb[0][p] = ((packed[p] >> 16) & 0xff) / 255f;
            rgb[1][p] = ((packed[p] >> 8) & 0xff) / 255f;
            rgb[2][p] = (packed[p] & 0xff) / 255f;
        }
        return rgb;
    }

    private static void write(float[][] rgb, BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] packed = new int[w * h];
        for (int p = 0; p < packed.length; p++) {
            packed[p] = (TexturedFill.channel(rgb[0][p]) << 16) | (TexturedFill.channel(rgb[1][p]) << 8)
                    | TexturedFill.channel(rgb[2][p]);
        }
        image.setRGB(0, 0, w, h, packed, 0, w);
    }
}
