package org.densereg.bench;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Random;
import org.densereg.detect.FaceDetectorOptions;
import org.densereg.detect.TinyFaceDetector;

/**
 * Times the bundled face detector ({@link TinyFaceDetector#detect}): one image, a given input size, untimed warm-up
 * calls then timed calls; reports the median and the fastest. Includes the resize of the image to the input, the
 * network, decoding and suppression (not the image's decoding from its file).
 */
public final class DetectorBenchmark {

    /**
     * The timings of one input size.
     *
     * @param inputSize the detector's input side
     * @param medianMs  median milliseconds per image
     * @param minMs     fastest milliseconds per image
     * @param faces     faces found in the image
     */
    public record Result(int inputSize, double medianMs, double minMs, int faces) {
    }

    private DetectorBenchmark() {
    }

    /**
     * A random RGB image (a face-free stand-in for a photo when none is given).
     *
     * @param width  width
     * @param height height
     * @param seed   random seed
     */
    public static BufferedImage noiseImage(int width, int height, long seed) {
        Random r = new Random(seed);
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                img.setRGB(x, y, r.nextInt(0x1000000));
            }
        }
        return img;
    }

    /**
     * Runs the detector over the image.
     *
     * @param image      the image
     * @param options    the detector's options (input size, threshold, minimum face, maximum count)
     * @param warmup     untimed calls, ≥ 0
     * @param iterations timed calls, ≥ 1
     * @return the timings
     */
    public static Result run(BufferedImage image, FaceDetectorOptions options, int warmup, int iterations) {
        TinyFaceDetector detector = TinyFaceDetector.bundled();
        int faces = 0;
        for (int i = 0; i < warmup; i++) {
            faces = detector.detect(image, options).size();
        }
        double[] ms = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            long t0 = System.nanoTime();
            faces = detector.detect(image, options).size();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        double median = iterations % 2 == 1 ? ms[iterations / 2] : (ms[iterations / 2 - 1] + ms[iterations / 2]) / 2;
        return new Result(options.inputSize(), median, ms[0], faces);
    }
}
