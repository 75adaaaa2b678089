package org.densereg.network;

import java.util.Locale;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The accuracy check of bf16 inference: a graph's outputs at {@link Precision#BF16} against {@link Precision#FP32} on
 * one input made by the project ({@link #projectInput}), which {@link Precision#AUTO} uses to choose and the
 * performance notes quote.
 *
 * <p>A graph passes when the mean absolute difference of its outputs is at most
 * {@value #MAX_RELATIVE_MEAN_DIFFERENCE} of the mean absolute fp32 output (all outputs pooled), and, over every
 * output of two or more channels, the channel arg-max agrees at no less than {@value #MIN_ARGMAX_AGREEMENT} of the
 * pixels.
 */
public final class PrecisionCheck {

    /** The largest mean |bf16 − fp32| allowed, as a fraction of mean |fp32|. */
    public static final double MAX_RELATIVE_MEAN_DIFFERENCE = 0.02;
    /** The smallest fraction of pixels whose channel arg-max must agree. */
    public static final double MIN_ARGMAX_AGREEMENT = 0.98;
    /** The seed of {@link #projectInput} in the check. */
    public static final long SEED = 20;

    private PrecisionCheck() {
    }

    /**
     * Runs {@code graph} at fp32 and at bf16 on {@code projectInput(height, width, SEED)} and compares the outputs.
     *
     * @param graph  the graph (its fp32 and bf16 inference companions run, {@link HeadOutputs})
     * @param height input height H
     * @param width  input width W
     * @throws UnsupportedPrecisionException where bf16 cannot run
     */
    public static Comparison compare(ComputationGraph graph, int height, int width) {
        INDArray input = projectInput(height, width, SEED);
        return compare(graph, input);
    }

    /**
     * Compares {@code graph}'s outputs at bf16 and fp32 on {@code input}.
     *
     * @param input [N, 3, H, W] normalised input
     */
    public static Comparison compare(ComputationGraph graph, INDArray input) {
        Outputs fp32 = HeadOutputs.read(graph, Precision.FP32, input, PrecisionCheck::copy);
        float[][] reference = fp32.values();
        long[][] shapes = fp32.shapes();
        float[][] reduced = HeadOutputs.read(graph, Precision.BF16, input, PrecisionCheck::copy).values();
        double max = 0;
        double sum = 0;
        double sumReference = 0;
        long count = 0;
        long agree = 0;
        long pixels = 0;
        for (int o = 0; o < reference.length; o++) {
            float[] r = reference[o];
            float[] b = reduced[o];
            for (int i = 0; i < r.length; i++) {
                double d = Math.abs((double) b[i] - r[i]);
                max = Math.max(max, d);
                sum += d;
                sumReference += Math.abs(r[i]);
            }
            count += r.length;
            long[] shape = shapes[o];
            if (shape.length == 4 && shape[1] >= 2) {
                int channels = (int) shape[1];
                int plane = (int) (shape[2] * shape[3]);
                for (int n = 0; n < shape[0]; n++) {
                    int base = n * channels * plane;
                    for (int p = 0; p < plane; p++) {
                        if (argmax(r, base + p, channels, plane) == argmax(b, base + p, channels, plane)) {
                            agree++;
                        }
                        pixels++;
                    }
                }
            }
        }
        return new Comparison(max, sum / count, sumReference / count, pixels == 0 ? 1 : (double) agree / pixels);
    }

    /**
     * A deterministic input for the check: per channel a sum of three low-frequency sinusoids (random frequencies
     * and phases) plus uniform noise of amplitude 0.1, in about [-1, 1], like a normalised image.
     *
     * @return [1, 3, height, width]
     */
    public static INDArray projectInput(int height, int width, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[3 * height * width];
        for (int c = 0; c < 3; c++) {
            double[] fy = new double[3];
            double[] fx = new double[3];
            double[] phase = new double[3];
            for (int k = 0; k < 3; k++) {
                fy[k] = random.nextDouble(0.5, 4) * 2 * Math.PI / height;
                fx[k] = random.nextDouble(0.5, 4) * 2 * Math.PI / width;
                phase[k] = random.nextDouble(0, 2 * Math.PI);
            }
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    double v = 0;
                    for (int k = 0; k < 3; k++) {
                        v += Math.sin(fy[k] * y + fx[k] * x + phase[k]) / 3.5;
                    }
                    values[(c * height + y) * width + x] = (float) (v + random.nextDouble(-0.1, 0.1));
                }
            }
        }
        return Nd4j.create(values, new long[] {1, 3, height, width}, DataType.FLOAT);
    }

    private static int argmax(float[] values, int start, int channels, int stride) {
        int best = 0;
        for (int c = 1; c < channels; c++) {
            if (values[start + c * stride] > values[start + best * stride]) {
                best = c;
            }
        }
        return best;
    }

    private static Outputs copy(INDArray[] outputs) {
        float[][] values = new float[outputs.length][];
        long[][] shapes = new long[outputs.length][];
        for (int i = 0; i < outputs.length; i++) {
            values[i] = outputs[i].dup('c').data().asFloat();
            shapes[i] = outputs[i].shape();
        }
        return new Outputs(values, shapes);
    }

    /** Outputs copied to Java arrays (row-major) and their shapes. */
    private record Outputs(float[][] values, long[][] shapes) {
    }

    /**
     * bf16 against fp32 outputs, all outputs pooled.
     *
     * @param maxAbsDifference  max |bf16 − fp32|
     * @param meanAbsDifference mean |bf16 − fp32|
     * @param meanAbsReference  mean |fp32|, the scale the difference is judged against
     * @param argmaxAgreement   fraction of pixels of the multi-channel outputs whose channel arg-max agrees (1 when
     *                          there are none)
     */
    public record Comparison(double maxAbsDifference, double meanAbsDifference, double meanAbsReference,
            double argmaxAgreement) {

        /** mean |bf16 − fp32| / mean |fp32|. */
        public double relativeMeanDifference() {
            return meanAbsReference == 0 ? meanAbsDifference : meanAbsDifference / meanAbsReference;
        }

        /** Whether bf16 is accurate enough (see the class comment). */
        public boolean passes() {
            return relativeMeanDifference() <= MAX_RELATIVE_MEAN_DIFFERENCE
                    && argmaxAgreement >= MIN_ARGMAX_AGREEMENT;
        }

        /** The figures in one line. */
        public String summary() {
            return String.format(Locale.ROOT, "max |Δ| %.4g, mean |Δ| %.4g (%.2f %% of mean |fp32| %.4g), "
                    + "arg-max agreement %.2f %%", maxAbsDifference, meanAbsDifference,
                    100 * relativeMeanDifference(), meanAbsReference, 100 * argmaxAgreement);
        }
    }
}
