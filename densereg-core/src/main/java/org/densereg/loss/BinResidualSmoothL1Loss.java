package org.densereg.loss;

import java.nio.FloatBuffer;
import java.util.OptionalDouble;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Smooth-L1 on the residual of the ground-truth bin only, on foreground pixels only (DESIGN §4).
 *
 * <p>Labels are [N, K+1, H, W] (or [N·H·W, K+1] rows) holding the residual r in [0, 1] at the ground-truth bin's
 * channel of each foreground pixel and −1 everywhere else (see {@code UvCodec.encode}); an element is supervised
 * iff its label is ≥ 0, so exactly one channel per foreground pixel counts. With d = z − r:
 * <pre>  loss = λ · (1 / F) · Σ_supervised m · s(d),   s(d) = 0.5·d² if |d| &lt; 1, |d| − 0.5 otherwise</pre>
 * where F is the number of supervised elements (= foreground pixels) in the whole batch (the mean over
 * foreground pixels; a batch without foreground gives 0). The gradient is λ · m · clamp(d, −1, 1) / F.
 */
public class BinResidualSmoothL1Loss extends PixelLoss {

    /** Smooth-L1 (β = 1): q·(|d| − q/2) with q = min(|d|, 1); derivative clamp(d, −1, 1). */
    private static final ElementLoss ELEMENT = new ElementLoss() {
        @Override
        public double value(double d) {
            double a = Math.abs(d);
            double q = Math.min(a, 1.0);
            return q * (a - q / 2);
        }

        @Override
        public double derivative(double d) {
            return Math.max(-1.0, Math.min(1.0, d));
        }
    };

    private static final long serialVersionUID = 1L;

    /** For serialisation: λ = 1, pixelsPerImage unknown. */
    public BinResidualSmoothL1Loss() {
    }

    /**
     * @param weight         λ_reg ≥ 0
     * @param pixelsPerImage H·W of the loss's resolution (the network factory passes the output size)
     */
    public BinResidualSmoothL1Loss(double weight, long pixelsPerImage) {
        super(weight, pixelsPerImage);
    }

    @Override
    protected Pair<INDArray, INDArray> terms(INDArray labels, INDArray output, INDArray mask, long images) {
        INDArray y = labels.castTo(output.dataType());
        INDArray valid = y.gte(0.0).castTo(output.dataType());
        applyMask(valid, mask);
        double count = valid.sumNumber().doubleValue();
        double scale = count > 0 ? images / count : 0.0;
        INDArray d = output.sub(y).muli(valid);
        INDArray a = Transforms.abs(d, true);
        INDArray q = Transforms.min(a, 1.0, true);
        // s(d) = q·(|d| − q/2) with q = min(|d|, 1)
        INDArray s = a.subi(q.mul(0.5)).muli(q);
        INDArray rowScores = s.sum(true, 1).muli(scale);
        INDArray grad = Transforms.max(Transforms.min(d, 1.0, true), -1.0, false).muli(valid).muli(scale);
        return Pair.of(rowScores, grad);
    }

    /** One pass over the supervised elements ({@link PixelLoss#fillSupervisedElementTerms}). */
    @Override
    protected boolean fillFloatTerms(FloatBuffer labels, FloatBuffer output, int rows, int cols, long images,
            FloatBuffer rowScores, FloatBuffer grad) {
        fillSupervisedElementTerms(labels, output, rows, cols, images, rowScores, grad, ELEMENT);
        return true;
    }

    /** The same terms on the [N, C, H, W] layout ({@link PixelLoss#supervisedElementSum}). */
    @Override
    protected OptionalDouble fillNchwTerms(INDArray labels, INDArray output, INDArray gradient, double gradScale) {
        return OptionalDouble.of(supervisedElementSum(labels, output, gradient, gradScale, ELEMENT));
    }

    @Override
    public String name() {
        return "BinResidualSmoothL1Loss";
    }
}
