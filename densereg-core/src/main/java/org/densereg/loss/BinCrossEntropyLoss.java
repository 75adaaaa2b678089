package org.densereg.loss;

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

    @Override
    public String name() {
        return "BinCrossEntropyLoss";
    }
}
