package org.densereg.network.onednn;

import java.util.OptionalDouble;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.CnnLossLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.densereg.loss.PixelLoss;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's {@link CnnLossLayer} for a {@link PixelLoss} with the identity activation, on [N, C, H, W] float input
 * without a mask, with fewer copies. DL4J's layer copies the input four times and the labels twice per training
 * iteration (permuted to [N·H·W, C] for the gradient, again for the score, plus a copy of each permuted input) and
 * its forward pass copies the input three times; the gradient it returns is a permuted view, which the upsampling
 * layer before it copies again. Here the forward pass returns the input (the identity), and the backward pass computes
 * gradient and score in one call on the 4-D arrays, {@link PixelLoss#gradientAndScoreNchw} where the loss has it (no
 * copies: the gradient is written into the layer's output array) and {@link PixelLoss#computeGradientAndScore}
 * otherwise (one permuted copy of each, the gradient written back in NCHW order); the score DL4J asks for next, for
 * the same input and labels, is the one already computed. Anything else runs DL4J's code.
 */
final class PixelLossOutputLayerImpl extends CnnLossLayer {

    private INDArray scoredInput;
    private INDArray scoredLabels;
    private double rawScore;

    PixelLossOutputLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (!direct()) {
            return super.activate(training, workspaceMgr);
        }
        assertInputSet(false);
        return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, input);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        if (!direct() || labels == null || !input.equalShapes(labels)) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        assertInputSet(true);
        INDArray delta = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, input.shape(),
                'c');
        OptionalDouble nchw = loss().gradientAndScoreNchw(labels, input, delta);
        if (nchw.isPresent()) {
            rawScore = nchw.getAsDouble();
        } else {
            Pair<Double, INDArray> result = loss().computeGradientAndScore(labels, input,
                    layerConf().getActivationFn(), null, false);
            rawScore = result.getFirst();
            delta.assign(result.getSecond());
        }
        scoredInput = input;
        scoredLabels = labels;
        return new Pair<>(new DefaultGradient(), delta);
    }

    @Override
    public double computeScore(double fullNetRegTerm, boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (!direct() || labels == null || !input.equalShapes(labels)) {
            return super.computeScore(fullNetRegTerm, training, workspaceMgr);
        }
        double raw = input == scoredInput && labels == scoredLabels ? rawScore
                : loss().computeScore(labels, input, layerConf().getActivationFn(), null, false);
        scoredInput = null;
        scoredLabels = null;
        double value = raw / getInputMiniBatchSize() + fullNetRegTerm;
        this.score = value;
        return value;
    }

    @Override
    public void clear() {
        super.clear();
        scoredInput = null;
        scoredLabels = null;
    }

    private PixelLoss loss() {
        return (PixelLoss) layerConf().getLossFn();
    }

    /** The fast path's conditions (the configuration's are checked by {@link PixelLossOutputLayer#accepts}). */
    private boolean direct() {
        return input != null && input.rank() == 4 && input.dataType() == DataType.FLOAT && maskArray == null;
    }
}
