package org.densereg.loss;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.OptionalDouble;
import org.densereg.arrays.DirectFloats;
import org.densereg.arrays.ThreadScratchFloats;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.LogSoftMax;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Softmax cross-entropy over the K + 1 bin classes of every pixel (class 0 = background), DESIGN §4.
 *
 * <p>The layer's output z (use the identity activation, so z are logits) gives p = softmax(z) over the channels;
 * with one-hot labels y:
 * <pre>  loss = λ · (1 / (N·H·W)) · Σ_pixels m · ( − Σ_c y_c · log p_c )</pre>
 * i.e. the mean over <b>all</b> pixels of the batch (background included), m the optional mask (1 if none).
 * A pixel whose label row is all zeros contributes 0 (but still counts in the mean). The gradient with respect to
 * z is λ · m · (p · Σ_c y_c − y) / (N·H·W) per pixel (times N, see {@link PixelLoss} on DL4J's convention).
 */
public class BinCrossEntropyLoss extends PixelLoss {

    private static final long serialVersionUID = 1L;
    /** Pixels per block of {@link #fillNchwTerms}: the block's C planes stay in the first cache levels. */
    private static final int PIXEL_BLOCK = 1024;
    /** The per-pixel maxima of one call, held by the calling thread and filled by the block tasks. */
    private static final ThreadScratchFloats MAXIMA = new ThreadScratchFloats(1);

    /** For serialisation: λ = 1, pixelsPerImage unknown. */
    public BinCrossEntropyLoss() {
    }

    /**
     * @param weight         λ_cls ≥ 0
     * @param pixelsPerImage H·W of the loss's resolution (the network factory passes the output size)
     */
    public BinCrossEntropyLoss(double weight, long pixelsPerImage) {
        super(weight, pixelsPerImage);
    }

    @Override
    protected Pair<INDArray, INDArray> terms(INDArray labels, INDArray output, INDArray mask, long images) {
        long rows = output.size(0);
        double scale = (double) images / rows;
        INDArray y = labels.castTo(output.dataType());
        INDArray logP = Nd4j.exec(new LogSoftMax(output, output.ulike()))[0]; // not in place: output is read-only
        INDArray rowScores = logP.mul(y).sum(true, 1).negi().muli(scale);
        INDArray p = Transforms.exp(logP, true);
        INDArray grad = p.muliColumnVector(y.sum(true, 1)).subi(y).muli(scale);
        if (mask != null) {
            applyMask(rowScores, mask.size(1) == 1 ? mask : mask.max(true, 1));
            applyMask(grad, mask);
        }
        return Pair.of(rowScores, grad);
    }

    /** One pass per row: log-sum-exp, score −Σ y·log p and gradient p·Σy − y, as {@link #terms}. */
    @Override
    protected boolean fillFloatTerms(FloatBuffer labels, FloatBuffer output, int rows, int cols, long images,
            FloatBuffer rowScores, FloatBuffer grad) {
        double scale = (double) images / rows;
        forRowRanges(rows, (from, to) -> {
            double[] e = new double[cols];
            for (int r = from; r < to; r++) {
                int base = r * cols;
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < cols; j++) {
                    max = Math.max(max, output.get(base + j));
                }
                double sum = 0;
                for (int j = 0; j < cols; j++) {
                    e[j] = Math.exp(output.get(base + j) - max);
                    sum += e[j];
                }
                double logSum = max + Math.log(sum);
                double score = 0;
                double ySum = 0;
                for (int j = 0; j < cols; j++) {
                    double y = labels.get(base + j);
                    score -= y * (output.get(base + j) - logSum);
                    ySum += y;
                }
                rowScores.put(r, (float) (score * scale));
                if (grad != null) {
                    for (int j = 0; j < cols; j++) {
                        grad.put(base + j, (float) ((e[j] / sum * ySum - labels.get(base + j)) * scale));
                    }
                }
            }
        });
        return true;
    }

    /**
     * The terms on the [N, C, H, W] layout, in blocks of pixels of one image: (1) the gradient array receives
     * z − max_c z per pixel, (2) ND4J exponentiates it in place (vectorised native code; Java's exp is over 10× slower
     * per element), (3) with s = Σ_c e^(z − max) per pixel, the score Σy·(max + log s) − Σ_c y_c·z_c and the gradient
     * (e^(z − max) / s · Σy − y) / (H·W) replace it. Sums over the channels of one pixel are float32 (C terms); the
     * score is summed in double.
     */
    @Override
    protected OptionalDouble fillNchwTerms(INDArray labels, INDArray output, INDArray gradient, double gradScale) {
        PixelBlocks blocks = new PixelBlocks(labels, output, gradient);
        forEachBlock(blocks.count, blocks::shiftByMaximum);
        Transforms.exp(gradient, false);
        double scale = 1.0 / blocks.pixels;
        return OptionalDouble.of(sumOverBlocks(blocks.count, b -> blocks.finish(b, scale * gradScale)) * scale);
    }

    /**
     * The [N, C, H, W] arrays of one {@link #fillNchwTerms} call in blocks of {@link #PIXEL_BLOCK} pixels of one
     * image, and the per-pixel maxima.
     */
    private static final class PixelBlocks {
        final int count;
        final int pixels;
        private final int channels;
        private final int blocksPerImage;
        private final FloatBuffer z;
        private final FloatBuffer y;
        private final FloatBuffer g;
        private final float[] maxima;

        PixelBlocks(INDArray labels, INDArray output, INDArray gradient) {
            channels = (int) output.size(1);
            pixels = (int) (output.size(2) * output.size(3));
            blocksPerImage = (pixels + PIXEL_BLOCK - 1) / PIXEL_BLOCK;
            count = (int) output.size(0) * blocksPerImage;
            z = DirectFloats.view(output);
            y = DirectFloats.view(labels);
            g = DirectFloats.view(gradient);
            maxima = MAXIMA.get(0, count * PIXEL_BLOCK);
        }

        /** Pixels in block {@code b} (an image's last block may be shorter). */
        private int length(int b) {
            return Math.min(PIXEL_BLOCK, pixels - b % blocksPerImage * PIXEL_BLOCK);
        }

        /** Index of block {@code b}'s first element in channel 0 of its image. */
        private int start(int b) {
            return b / blocksPerImage * channels * pixels + b % blocksPerImage * PIXEL_BLOCK;
        }

        /** Step (1): the block's maxima over the channels, and g = z − max. */
        void shiftByMaximum(int b) {
            int len = length(b);
            int base = start(b);
            float[] zb = BLOCK_ARRAYS.get(0, len);
            int maxAt = b * PIXEL_BLOCK;
            Arrays.fill(maxima, maxAt, maxAt + len, Float.NEGATIVE_INFINITY);
            for (int c = 0; c < channels; c++) {
                z.get(base + c * pixels, zb, 0, len);
                for (int p = 0; p < len; p++) {
                    maxima[maxAt + p] = Math.max(maxima[maxAt + p], zb[p]);
                }
            }
            for (int c = 0; c < channels; c++) {
                z.get(base + c * pixels, zb, 0, len);
                for (int p = 0; p < len; p++) {
                    zb[p] -= maxima[maxAt + p];
                }
                g.put(base + c * pixels, zb, 0, len);
            }
        }

        /**
         * Step (3), with g = e^(z − max): g becomes (g / s · Σy − y) · {@code gradFactor}; returns the block's
         * Σ_pixels Σy·(max + log s) − Σ_c y_c·z_c.
         */
        double finish(int b, double gradFactor) {
            int len = length(b);
            int base = start(b);
            float[] eb = BLOCK_ARRAYS.get(0, len);
            float[] yb = BLOCK_ARRAYS.get(1, len);
            float[] zb = BLOCK_ARRAYS.get(2, len);
            float[] expSum = BLOCK_ARRAYS.zeroed(3, len);
            float[] ySum = BLOCK_ARRAYS.zeroed(4, len);
            float[] yz = BLOCK_ARRAYS.zeroed(5, len);
            float[] ratio = BLOCK_ARRAYS.get(6, len);
            for (int c = 0; c < channels; c++) {
                g.get(base + c * pixels, eb, 0, len);
                y.get(base + c * pixels, yb, 0, len);
                for (int p = 0; p < len; p++) {
                    expSum[p] += eb[p];
                    ySum[p] += yb[p];
                }
            }
            for (int p = 0; p < len; p++) {
                ratio[p] = (float) ((double) ySum[p] / expSum[p] * gradFactor);
            }
            // float arithmetic over arrays from here on, which the JIT compiler vectorises
            float k = (float) gradFactor;
            for (int c = 0; c < channels; c++) {
                g.get(base + c * pixels, eb, 0, len);
                y.get(base + c * pixels, yb, 0, len);
                z.get(base + c * pixels, zb, 0, len);
                for (int p = 0; p < len; p++) {
                    yz[p] += yb[p] * zb[p];
                    eb[p] = eb[p] * ratio[p] - yb[p] * k;
                }
                g.put(base + c * pixels, eb, 0, len);
            }
            int maxAt = b * PIXEL_BLOCK;
            double score = 0;
            for (int p = 0; p < len; p++) {
                score += ySum[p] * (Math.log(expSum[p]) + maxima[maxAt + p]) - yz[p];
            }
            return score;
        }
    }

    @Override
    public String name() {
        return "BinCrossEntropyLoss";
    }
}
