package org.densereg.loss;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.OptionalDouble;
import java.util.function.IntConsumer;
import java.util.function.IntToDoubleFunction;
import java.util.stream.IntStream;
import org.densereg.arrays.DirectFloats;
import org.densereg.arrays.ThreadScratchFloats;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * Shared plumbing of the per-pixel losses: weight λ, activation, rank-2/rank-4 inputs, masks and the
 * batch-size convention of DL4J.
 *
 * <p><b>Inputs.</b> DL4J's {@code CnnLossLayer} hands a loss function rank-2 arrays [N·H·W, C] (one row per
 * pixel, all images of the mini-batch at once). A loss function alone cannot tell N from such an array, so it is
 * told the number of pixels per image ({@link #getPixelsPerImage()}; the network factory sets it to the output
 * H·W) and uses N = rows / pixelsPerImage. Rank-4 arrays [N, C, H, W] are accepted as well (N read from the
 * shape). With pixelsPerImage = 0 a rank-2 call is treated as one image.
 *
 * <p><b>Normalisation.</b> DL4J divides the value of {@code computeScore(…, average = false)} by N to get the
 * network score and divides the gradient by N in the updater. Each subclass therefore returns N × (its
 * per-batch mean) from {@code computeScore(average = false)}, so that the network score is exactly the mean that
 * the subclass documents, and {@code computeScore(average = true)} returns that mean itself.
 *
 * <p>Every value (score and gradient) is multiplied by the weight λ, so loss(λ) = λ · loss(1).
 */
public abstract class PixelLoss implements ILossFunction {

    private static final long serialVersionUID = 1L;
    /** Elements per block of {@link #supervisedElementSum}. */
    private static final int ELEMENT_BLOCK = 16384;
    /** Java arrays of the block loops (slots 0–1 here, 0–6 in subclasses: one loop runs at a time per thread). */
    static final ThreadScratchFloats BLOCK_ARRAYS = new ThreadScratchFloats(7);

    /** λ, the weight of this loss in the total. */
    private double weight = 1.0;
    /** Pixels per image of a rank-2 input, 0 = unknown (treat a rank-2 call as one image). */
    private long pixelsPerImage;

    /** For serialisation: λ = 1, pixelsPerImage = 0. */
    protected PixelLoss() {
    }

    /**
     * @param weight         λ ≥ 0
     * @param pixelsPerImage H·W of one image at the loss's resolution (0 = unknown)
     */
    protected PixelLoss(double weight, long pixelsPerImage) {
        setWeight(weight);
        setPixelsPerImage(pixelsPerImage);
    }

    /** λ. */
    public double getWeight() {
        return weight;
    }

    /** @param weight λ ≥ 0 (finite) */
    public void setWeight(double weight) {
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("loss weight must be finite and >= 0, got " + weight);
        }
        this.weight = weight;
    }

    /** H·W of one image for rank-2 inputs; 0 = unknown. */
    public long getPixelsPerImage() {
        return pixelsPerImage;
    }

    /** @param pixelsPerImage H·W of one image for rank-2 inputs (≥ 0; 0 = unknown) */
    public void setPixelsPerImage(long pixelsPerImage) {
        if (pixelsPerImage < 0) {
            throw new IllegalArgumentException("pixelsPerImage must be >= 0, got " + pixelsPerImage);
        }
        this.pixelsPerImage = pixelsPerImage;
    }

    /**
     * The unweighted per-row terms of the loss on rank-2 data.
     *
     * @param labels  [R, C] targets, one row per pixel
     * @param output  [R, C] activations (after the layer's activation function)
     * @param mask    [R, 1] or [R, C] 0/1 mask, or null
     * @param images  N, the number of images the R rows belong to; implementations must not modify
     *                {@code labels} or {@code output}
     * @return per-row score column [R, 1] summing to N × mean, and dScore/dOutput [R, C] (unweighted)
     */
    protected abstract Pair<INDArray, INDArray> terms(INDArray labels, INDArray output, INDArray mask, long images);

    /**
     * The same terms as {@link #terms} in one pass over float32 data, for subclasses that provide it
     * ({@link #fillFloatTerms}): every element is read and written once, with no intermediate arrays. Used when the
     * output and labels are plain float32 [R, C] arrays and there is no mask; null otherwise.
     */
    private Pair<INDArray, INDArray> floatTerms(INDArray labels, INDArray output, INDArray mask, long images,
            boolean gradient) {
        if (mask != null || output.rank() != 2 || !DirectFloats.isPlain(output) || !DirectFloats.isPlain(labels)
                || output.length() > Integer.MAX_VALUE) {
            return null;
        }
        int rows = (int) output.size(0);
        int cols = (int) output.size(1);
        INDArray rowScores = Nd4j.createUninitialized(DataType.FLOAT, rows, 1);
        INDArray grad = gradient ? Nd4j.createUninitialized(DataType.FLOAT, rows, cols) : null;
        boolean done = fillFloatTerms(DirectFloats.view(labels), DirectFloats.view(output), rows, cols, images,
                DirectFloats.view(rowScores), grad == null ? null : DirectFloats.view(grad));
        return done ? Pair.of(rowScores, grad) : null;
    }

    /**
     * Writes the unweighted per-row scores and (when {@code grad} is not null) dScore/dOutput of {@link #terms} for
     * float32 rows; the default does nothing and returns false ({@link #terms} is used).
     *
     * @param labels    R × C targets, row-major
     * @param output    R × C activations, row-major
     * @param images    N, the number of images the rows belong to
     * @param rowScores receives R per-row scores summing to N × mean
     * @param grad      receives R × C gradients, or null when only the score is wanted
     * @return whether the terms were written
     */
    protected boolean fillFloatTerms(FloatBuffer labels, FloatBuffer output, int rows, int cols, long images,
            FloatBuffer rowScores, FloatBuffer grad) {
        return false;
    }

    /**
     * Runs {@code body(from, to)} over consecutive ranges of rows, in parallel; each row is computed by one call, so
     * results do not depend on the thread count.
     */
    static void forRowRanges(int rows, IntBinaryConsumer body) {
        int chunk = 4096;
        forEachBlock((rows + chunk - 1) / chunk, c -> body.accept(c * chunk, Math.min(rows, (c + 1) * chunk)));
    }

    /** Runs {@code block} for 0 … count − 1, in parallel when there is more than one. */
    static void forEachBlock(int count, IntConsumer block) {
        IntStream range = IntStream.range(0, count);
        if (count > 1) {
            range = range.parallel();
        }
        range.forEach(block);
    }

    /**
     * {@link #fillFloatTerms} for losses that are a sum of a per-element function of d = output − label over the
     * supervised elements (label ≥ 0; −1 and NaN are not), divided by their count: rowScores = scale · Σ_j f(d_j)
     * and grad = scale · f′(d), with d = 0 (so f(0) = f′(0) = 0) on unsupervised elements and scale = N / count
     * (0 when nothing is supervised).
     */
    static void fillSupervisedElementTerms(FloatBuffer labels, FloatBuffer output, int rows, int cols, long images,
            FloatBuffer rowScores, FloatBuffer grad, ElementLoss loss) {
        long count = 0;
        for (int i = 0; i < rows * cols; i++) {
            if (labels.get(i) >= 0) {
                count++;
            }
        }
        double scale = count > 0 ? (double) images / count : 0.0;
        forRowRanges(rows, (from, to) -> {
            for (int r = from; r < to; r++) {
                int base = r * cols;
                double score = 0;
                for (int j = 0; j < cols; j++) {
                    float y = labels.get(base + j);
                    double d = y >= 0 ? output.get(base + j) - y : 0.0;
                    score += loss.value(d);
                    if (grad != null) {
                        grad.put(base + j, (float) (loss.derivative(d) * scale));
                    }
                }
                rowScores.put(r, (float) (score * scale));
            }
        });
    }

    /**
     * Score and gradient of [N, C, H, W] float32 data without a mask, computed on that layout itself: no permuted
     * copies to [N·H·W, C] and back, and the gradient written straight into {@code gradient}. The values are those
     * of {@code computeScore(labels, output, identity, null, false)} and {@code computeGradient(…)} (float32 rounding
     * aside). Empty, with {@code gradient} untouched, when this loss has no such path ({@link #fillNchwTerms}) or an
     * array is not plain row-major float32 of the output's shape.
     *
     * @param labels   [N, C, H, W] targets
     * @param output   [N, C, H, W] activations of the identity
     * @param gradient [N, C, H, W], receives λ · dScore/dOutput
     * @return λ · N × the mean, as {@code computeScore(…, average = false)}
     */
    public OptionalDouble gradientAndScoreNchw(INDArray labels, INDArray output, INDArray gradient) {
        if (output.rank() != 4 || output.length() > Integer.MAX_VALUE || !Arrays.equals(labels.shape(), output.shape())
                || !Arrays.equals(gradient.shape(), output.shape()) || !DirectFloats.isPlain(labels)
                || !DirectFloats.isPlain(output) || !DirectFloats.isPlain(gradient)) {
            return OptionalDouble.empty();
        }
        OptionalDouble sum = fillNchwTerms(labels, output, gradient, weight);
        return sum.isPresent() ? OptionalDouble.of(sum.getAsDouble() * weight) : sum;
    }

    /**
     * The terms of {@link #gradientAndScoreNchw} for subclasses that provide them; the default provides none.
     *
     * @param labels    [N, C, H, W] plain float32 targets
     * @param output    [N, C, H, W] plain float32 activations
     * @param gradient  [N, C, H, W] plain float32, receives {@code gradScale} · dScore/dOutput (unweighted)
     * @param gradScale the factor of the gradient (λ)
     * @return the unweighted score, N × the mean; empty when not provided (then {@code gradient} is untouched)
     */
    protected OptionalDouble fillNchwTerms(INDArray labels, INDArray output, INDArray gradient, double gradScale) {
        return OptionalDouble.empty();
    }

    /**
     * Runs {@code block} for 0 … count − 1 in parallel and returns the sum of its results, added in index order (so
     * it does not depend on the thread count).
     */
    static double sumOverBlocks(int count, IntToDoubleFunction block) {
        double[] partial = new double[count];
        forEachBlock(count, b -> partial[b] = block.applyAsDouble(b));
        double sum = 0;
        for (double p : partial) {
            sum += p;
        }
        return sum;
    }

    /**
     * {@link #fillNchwTerms} for the losses of {@link #fillSupervisedElementTerms}: the loss is a sum over elements,
     * so the layout does not matter and the arrays are read as flat sequences, in blocks copied to Java arrays.
     */
    static double supervisedElementSum(INDArray labels, INDArray output, INDArray gradient, double gradScale,
            ElementLoss loss) {
        FloatBuffer y = DirectFloats.view(labels);
        FloatBuffer x = DirectFloats.view(output);
        FloatBuffer g = DirectFloats.view(gradient);
        int length = (int) output.length();
        int blocks = (length + ELEMENT_BLOCK - 1) / ELEMENT_BLOCK;
        double count = sumOverBlocks(blocks, b -> {
            int from = b * ELEMENT_BLOCK;
            int len = Math.min(ELEMENT_BLOCK, length - from);
            float[] yb = BLOCK_ARRAYS.get(0, len);
            y.get(from, yb, 0, len);
            int supervised = 0;
            for (int i = 0; i < len; i++) {
                supervised += yb[i] >= 0 ? 1 : 0;
            }
            return supervised;
        });
        double scale = count > 0 ? output.size(0) / count : 0.0;
        double gradFactor = scale * gradScale;
        return scale * sumOverBlocks(blocks, b -> {
            int from = b * ELEMENT_BLOCK;
            int len = Math.min(ELEMENT_BLOCK, length - from);
            float[] yb = BLOCK_ARRAYS.get(0, len);
            float[] xb = BLOCK_ARRAYS.get(1, len);
            y.get(from, yb, 0, len);
            x.get(from, xb, 0, len);
            double sum = 0;
            for (int i = 0; i < len; i++) {
                double d = yb[i] >= 0 ? xb[i] - yb[i] : 0.0;
                sum += loss.value(d);
                xb[i] = (float) (loss.derivative(d) * gradFactor);
            }
            g.put(from, xb, 0, len);
            return sum;
        });
    }

    /** A per-element loss f(d) of the difference d = output − label, with f(0) = f′(0) = 0. */
    interface ElementLoss {
        double value(double d);

        double derivative(double d);
    }

    /** A range body: rows [from, to). */
    @FunctionalInterface
    interface IntBinaryConsumer {
        void accept(int from, int to);
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
            boolean average) {
        Evaluation e = evaluate(labels, preOutput, activationFn, mask, false);
        double sum = e.rowScores.sumNumber().doubleValue() * weight;
        return average ? sum / e.images : sum;
    }

    /** Per-row scores [R, 1] for rank-2 input, or per-image scores [N, 1] for rank-4 input (weighted). */
    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        Evaluation e = evaluate(labels, preOutput, activationFn, mask, false);
        INDArray rows = e.rowScores.muli(weight);
        if (e.rank4 == null) {
            return rows;
        }
        return rows.reshape(e.images, rows.length() / e.images).sum(true, 1);
    }

    /** dScore/dPreOutput, same shape as {@code preOutput}, for the score of {@code computeScore(…, false)}. */
    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        return evaluate(labels, preOutput, activationFn, mask, true).gradient;
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput,
            IActivation activationFn, INDArray mask, boolean average) {
        Evaluation e = evaluate(labels, preOutput, activationFn, mask, true);
        double sum = e.rowScores.sumNumber().doubleValue() * weight;
        return Pair.of(average ? sum / e.images : sum, e.gradient);
    }

    private Evaluation evaluate(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
            boolean gradient) {
        if (!Arrays.equals(labels.shape(), preOutput.shape())) {
            throw new IllegalArgumentException(name() + ": labels " + Arrays.toString(labels.shape())
                    + " and output " + Arrays.toString(preOutput.shape()) + " differ in shape");
        }
        long[] rank4 = null;
        INDArray labels2 = labels;
        INDArray pre2 = preOutput;
        INDArray mask2 = mask;
        long images;
        if (preOutput.rank() == 4) {
            rank4 = preOutput.shape();
            labels2 = toRows(labels);
            pre2 = toRows(preOutput);
            mask2 = mask == null ? null : (mask.rank() == 4 ? toRows(mask) : mask);
            images = rank4[0];
        } else if (preOutput.rank() == 2) {
            long rows = preOutput.size(0);
            if (pixelsPerImage > 0 && rows % pixelsPerImage != 0) {
                throw new IllegalArgumentException(name() + ": " + rows + " pixel rows is not a multiple of "
                        + pixelsPerImage + " pixels per image (network built for another input size?)");
            }
            images = pixelsPerImage > 0 ? Math.max(1, rows / pixelsPerImage) : 1;
        } else {
            throw new IllegalArgumentException(name() + ": expected [N·H·W, C] or [N, C, H, W], got "
                    + Arrays.toString(preOutput.shape()));
        }
        // the networks' losses use the identity: no copies for it (terms never modify their inputs)
        boolean identity = activationFn instanceof ActivationIdentity;
        INDArray output = identity ? pre2 : activationFn.getActivation(pre2.dup(), true);
        Pair<INDArray, INDArray> t = floatTerms(labels2, output, mask2, images, gradient);
        if (t == null) {
            t = terms(labels2, output, mask2, images);
        }
        INDArray grad = null;
        if (gradient) {
            INDArray dOut = t.getSecond().muli(weight);
            grad = identity ? dOut : activationFn.backprop(pre2.dup(), dOut).getFirst();
            if (rank4 != null) {
                grad = grad.reshape(rank4[0], rank4[2], rank4[3], rank4[1]).permute(0, 3, 1, 2).dup('c');
            }
        }
        return new Evaluation(t.getFirst(), grad, images, rank4);
    }

    /** [N, C, H, W] → [N·H·W, C] (rows in N, H, W order, like DL4J's CnnLossLayer). */
    static INDArray toRows(INDArray a) {
        long c = a.size(1);
        return a.permute(0, 2, 3, 1).dup('c').reshape(a.length() / c, c);
    }

    /** Applies a [R, 1] or [R, C] mask to a [R, C] array in place. */
    static INDArray applyMask(INDArray values, INDArray mask) {
        if (mask == null) {
            return values;
        }
        if (mask.rank() == 2 && mask.size(1) == 1 && values.size(1) != 1) {
            return values.muliColumnVector(mask.castTo(values.dataType()));
        }
        return values.muli(mask.castTo(values.dataType()).reshape(values.shape()));
    }

    private record Evaluation(INDArray rowScores, INDArray gradient, long images, long[] rank4) {
    }

    @Override
    public String toString() {
        return name() + "(weight=" + weight + ", pixelsPerImage=" + pixelsPerImage + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && ((PixelLoss) o).weight == weight
                && ((PixelLoss) o).pixelsPerImage == pixelsPerImage;
    }

    @Override
    public int hashCode() {
        return getClass().hashCode() * 31 + Double.hashCode(weight) * 7 + Long.hashCode(pixelsPerImage);
    }
}
