package org.densereg.network.onednn;

import java.util.HashMap;
import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer.AlgoMode;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer.BwdDataAlgo;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer.BwdFilterAlgo;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer.FwdAlgo;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.ConvolutionHelper;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.densereg.arrays.DirectFloats;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's {@link ConvolutionHelper} for one ConvolutionLayer, computed by oneDNN: forward, backward-data and
 * backward-weights primitives in oneDNN's preferred (blocked) layouts with reorders at the layer's edges; see
 * {@link ConvolutionPlan}. Handles float32 NCHW with any stride, dilation and padding; anything else returns
 * {@code null}, which makes DL4J use its own implementation for that call.
 */
final class OneDnnConvolutionHelper implements ConvolutionHelper {

    private final OneDnnRuntime runtime;
    private final CallCounts calls = new CallCounts();
    private final boolean hasBias;
    private final Map<String, ConvolutionPlan> plans = new HashMap<>();
    /** The last training-forward call, which the backward pass asks for again (see {@link #preOutput}). */
    private INDArray lastInput;
    private INDArray lastWeights;
    private INDArray lastOutput;

    /**
     * @param runtime the oneDNN runtime
     * @param hasBias whether the layer has a bias (DL4J passes a dummy zero bias otherwise)
     */
    OneDnnConvolutionHelper(OneDnnRuntime runtime, boolean hasBias) {
        this.runtime = runtime;
        this.hasBias = hasBias;
    }

    @Override
    public boolean checkSupported() {
        return true;
    }

    @Override
    public INDArray preOutput(INDArray input, INDArray weights, INDArray bias, int[] kernel, int[] strides, int[] pad,
            AlgoMode mode, FwdAlgo fwdAlgo, ConvolutionMode convolutionMode, int[] dilation, CNN2DFormat format,
            LayerWorkspaceMgr workspaceMgr) {
        if (!supported(input, weights, format)) {
            return null;
        }
        // DL4J's backward pass recomputes the forward output (it only needs it for the activation's derivative)
        // with a backward workspace manager, the only kind that holds activation gradients; the output of this
        // iteration's forward pass, for the same input and weight arrays, is still in the open activations
        // workspace and is returned instead of a second convolution.
        boolean backward = workspaceMgr.hasConfiguration(ArrayType.ACTIVATION_GRAD);
        if (backward && lastOutput != null && input == lastInput && weights == lastWeights) {
            INDArray out = lastOutput;
            forgetForward();
            return out;
        }
        INDArray in = DirectFloats.plain(input);
        INDArray w = DirectFloats.plain(weights);
        INDArray b = hasBias ? DirectFloats.plain(bias) : null;
        ConvolutionGeometry geometry = ConvolutionGeometry.of(in, w, kernel, strides, pad, dilation, convolutionMode,
                hasBias);
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT, geometry.dstDims(), 'c');
        ConvolutionPlan plan = plan(geometry);
        // the convolution's forward pass is the same in training and inference: one scratch layout serves both
        ScratchLayout scratch = plan.scratch.forward(true, workspaceMgr);
        plan.forward(DirectFloats.address(in), DirectFloats.address(w), b == null ? 0 : DirectFloats.address(b),
                DirectFloats.address(out), scratch);
        scratch.finishCall();
        calls.countForward();
        if (!backward) {
            lastInput = input;
            lastWeights = weights;
            lastOutput = out;
        }
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray input, INDArray weights, INDArray bias, INDArray delta,
            int[] kernel, int[] strides, int[] pad, INDArray biasGradView, INDArray weightGradView, IActivation afn,
            AlgoMode mode, BwdFilterAlgo bwdFilterAlgo, BwdDataAlgo bwdDataAlgo, ConvolutionMode convolutionMode,
            int[] dilation, CNN2DFormat format, LayerWorkspaceMgr workspaceMgr) {
        if (!supported(input, weights, format) || !DirectFloats.isPlain(weightGradView)
                || (hasBias && !DirectFloats.isPlain(biasGradView))) {
            return null;
        }
        INDArray in = DirectFloats.plain(input);
        INDArray w = DirectFloats.plain(weights);
        INDArray diffDst = DirectFloats.plain(delta);
        ConvolutionGeometry geometry = ConvolutionGeometry.of(in, w, kernel, strides, pad, dilation, convolutionMode,
                hasBias);
        INDArray diffSrc = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, in.shape(), 'c');
        ConvolutionPlan plan = plan(geometry);
        ScratchLayout scratch = plan.scratch.backward(workspaceMgr);
        plan.backward(DirectFloats.address(in), DirectFloats.address(w), DirectFloats.address(diffDst),
                DirectFloats.address(diffSrc), DirectFloats.address(weightGradView),
                hasBias ? DirectFloats.address(biasGradView) : 0, scratch);
        scratch.finishCall();
        calls.countBackward();
        forgetForward();
        Gradient gradient = new DefaultGradient();
        if (hasBias) {
            gradient.gradientForVariable().put(ConvolutionParamInitializer.BIAS_KEY, biasGradView);
        }
        gradient.gradientForVariable().put(ConvolutionParamInitializer.WEIGHT_KEY, weightGradView);
        return new Pair<>(gradient, diffSrc);
    }

    /** DL4J applies the activation itself. */
    @Override
    public INDArray activate(INDArray z, IActivation afn, boolean training) {
        return null;
    }

    /** None of its own: the blocked copies live in DL4J's working-memory workspace ({@link PlanScratch}). */
    @Override
    public Map<String, Long> helperMemoryUse() {
        return Map.of();
    }

    private void forgetForward() {
        lastInput = null;
        lastWeights = null;
        lastOutput = null;
    }

    /** The calls this helper computed. */
    CallCounts calls() {
        return calls;
    }

    private ConvolutionPlan plan(ConvolutionGeometry geometry) {
        return plans.computeIfAbsent(geometry.key(), k -> new ConvolutionPlan(runtime, geometry));
    }

    private static boolean supported(INDArray input, INDArray weights, CNN2DFormat format) {
        return format == CNN2DFormat.NCHW && input.rank() == 4 && weights.rank() == 4
                && input.dataType() == DataType.FLOAT && weights.dataType() == DataType.FLOAT;
    }
}
