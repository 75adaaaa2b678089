package org.densereg.loss;

import java.nio.FloatBuffer;
import java.util.OptionalDouble;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Mean squared error on landmark/joint heatmaps, masked for missing landmarks (DESIGN §4).
 *
 * <p>Labels are [N, J, H, W] Gaussian heatmaps in [0, 1]; a missing landmark's channel is filled with −1 (any
 * negative label is ignored). With d = z − y over the supervised elements (label ≥ 0):
 * <pre>  loss = λ · (1 / E) · Σ_supervised m · d²</pre>
 * where E is the number of supervised elements in the batch (mean over supervised heatmap values; 0 when none).
 * The gradient is λ · m · 2d / E.
 */
public class MaskedHeatmapMseLoss extends PixelLoss {

    /** Squared error d²; derivative 2d. */
    private static final ElementLoss ELEMENT = new ElementLoss() {
        @Override
        public double value(double d) {
            return d * d;
        }

        @Override
        public double derivative(double d) {
            return 2.0 * d;
        }
    };

    private static final long serialVersionUID = 1L;

    /** For serialisation: λ = 1, pixelsPerImage unknown. */
    public MaskedHeatmapMseLoss() {
    }

    /**
     * @param weight         λ_heatmap ≥ 0
     * @param pixelsPerImage H·W of the loss's resolution (the network factory passes the output size)
     */
    public MaskedHeatmapMseLoss(double weight, long pixelsPerImage) {
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
        INDArray rowScores = d.mul(d).sum(true, 1).muli(scale);
        INDArray grad = d.muli(2.0 * scale);
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
        return "MaskedHeatmapMseLoss";
    }
}
