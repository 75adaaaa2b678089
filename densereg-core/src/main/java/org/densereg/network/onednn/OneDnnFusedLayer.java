package org.densereg.network.onednn;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.densereg.arrays.DirectFloats;
import org.densereg.network.onednn.FusedPlan.BranchAddresses;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The runtime layer of a fused layer ({@link ResidualBlockLayer}, {@link StemLayer}): forward and backward passes of
 * the whole layer by one {@link FusedPlan} per input shape. The training forward keeps its intermediate tensors in
 * one array of the activations workspace (which DL4J keeps open until the backward pass, with the layer's output)
 * and the batch statistics in small arrays of its own. Each pass's temporary tensors ({@link ScratchLayout}) live in
 * one array of the working-memory workspace, which the next layer reuses. The backward pass writes the weight, γ and
 * β gradients straight into DL4J's gradient views, and the running-statistics "gradients" exactly as DL4J's
 * BatchNormalization does (running mean and log10 σ move to decay·old + (1 − decay)·batch when the no-op updater
 * subtracts them).
 */
final class OneDnnFusedLayer extends BaseLayer<org.deeplearning4j.nn.conf.layers.BaseLayer> {

    private final OneDnnRuntime runtime;
    private final CallCounts calls = new CallCounts();
    private final Map<String, Planned> plans = new HashMap<>();
    /** Per branch [C]: the last training batch's mean and biased variance, or the running variance at inference. */
    private final INDArray[] means = new INDArray[3];
    private final INDArray[] variances = new INDArray[3];
    private INDArray savedInput;
    private INDArray savedOutput;
    private INDArray savedState;
    private Planned savedPlan;
    /** Inference in bf16 ({@link #runInferenceInBf16}); training always runs float32. */
    private boolean bf16Inference;

    OneDnnFusedLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
        runtime = OneDnnRuntime.get();
    }

    @Override
    public Type type() {
        return Type.CONVOLUTIONAL;
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public boolean hasBias() {
        return false;
    }

    /** The running statistics are moved by their "gradient" as is, not averaged over the minibatch. */
    @Override
    public boolean updaterDivideByMinibatch(String paramName) {
        return !FusedParams.isRunningStatistic(paramName);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        long channels = fused().weightShape(0)[1];
        if (input.rank() != 4 || input.size(1) != channels || input.dataType() != DataType.FLOAT) {
            throw new IllegalArgumentException("layer " + layerId() + " expects float [N, " + channels
                    + ", H, W], got " + input.dataType() + " " + Arrays.toString(input.shape()));
        }
        INDArray in = DirectFloats.plain(input);
        Planned planned = plan(in.shape(), bf16Inference && !training);
        FusedPlan plan = planned.plan();
        ensureStatistics();
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT, plan.outputDims(), 'c');
        if (training) {
            INDArray state = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT,
                    plan.stateFloats() + PlanScratch.ALIGN_FLOATS);
            ScratchLayout scratch = planned.scratch().forward(true, workspaceMgr);
            plan.forward(true, DirectFloats.address(in), DirectFloats.address(out), PlanScratch.aligned(state),
                    parameters(), addresses(means), addresses(variances), scratch);
            scratch.finishCall();
            savedInput = input;
            savedOutput = out;
            savedState = state;
            savedPlan = planned;
        } else {
            long[] runningMeans = new long[3];
            for (int branch = 0; branch < branches(); branch++) {
                String b = fused().branches().get(branch);
                runningMeans[branch] = DirectFloats.address(getParam(b + FusedParams.MEAN));
                writeVariance(DirectFloats.view(getParam(b + FusedParams.LOG_STD)),
                        DirectFloats.view(variances[branch]));
            }
            ScratchLayout scratch = planned.scratch().forward(false, workspaceMgr);
            plan.forward(false, DirectFloats.address(in), DirectFloats.address(out), 0, parameters(), runningMeans,
                    addresses(variances), scratch);
            scratch.finishCall();
        }
        calls.countForward();
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        if (savedState == null || savedInput != input) {
            activate(true, workspaceMgr);
        }
        // the plan overwrites the gradient in place (the final ReLU's backward): DL4J hands each layer its own
        // epsilon array (summed into one when the output feeds several layers) and does not read it afterwards
        INDArray diffOut = DirectFloats.plain(epsilon);
        INDArray diffIn = fused().computesInputGradient()
                ? workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, input.shape(), 'c')
                : null;
        ScratchLayout scratch = savedPlan.scratch().backward(workspaceMgr);
        Bf16Support.parametersMayChange();
        savedPlan.plan().backward(PlanScratch.aligned(savedState), DirectFloats.address(DirectFloats.plain(input)),
                DirectFloats.address(savedOutput), DirectFloats.address(diffOut),
                diffIn == null ? 0 : DirectFloats.address(diffIn), parameters(), addresses(means),
                addresses(variances), gradientAddresses(), scratch);
        scratch.finishCall();
        runningStatisticUpdates();
        Gradient gradient = new DefaultGradient();
        for (String key : conf.variables()) {
            gradient.setGradientFor(key, gradientViews.get(key));
        }
        forgetForward();
        calls.countBackward();
        return new Pair<>(gradient, diffIn);
    }

    @Override
    public void clear() {
        super.clear();
        forgetForward();
    }

    /**
     * Makes this layer's inference passes run in bf16 (plans with bf16 activations and weights, converted once and
     * kept); its training passes stay float32. For a layer of an inference graph ({@code HeadOutputs}' companion).
     */
    void runInferenceInBf16() {
        bf16Inference = true;
    }

    /** Whether inference runs in bf16. */
    boolean runsInferenceInBf16() {
        return bf16Inference;
    }

    /** The calls this layer computed. */
    CallCounts calls() {
        return calls;
    }

    /**
     * Writes the running mean and log10 σ "gradients" of each branch: (1 − d)·(mean − batch mean), and
     * log10(var / var') / 2 with var = (10^log10σ)² and var' = d·var + (1 − d)·batch variance.
     */
    private void runningStatisticUpdates() {
        double decay = fused().getDecay();
        for (int branch = 0; branch < branches(); branch++) {
            String b = fused().branches().get(branch);
            FloatBuffer mean = DirectFloats.view(getParam(b + FusedParams.MEAN));
            FloatBuffer logStd = DirectFloats.view(getParam(b + FusedParams.LOG_STD));
            FloatBuffer dMean = DirectFloats.view(gradientViews.get(b + FusedParams.MEAN));
            FloatBuffer dLogStd = DirectFloats.view(gradientViews.get(b + FusedParams.LOG_STD));
            writeStatisticUpdates(decay, mean, logStd, DirectFloats.view(means[branch]),
                    DirectFloats.view(variances[branch]), dMean, dLogStd);
        }
    }

    /**
     * The per-channel loop of {@link #runningStatisticUpdates}, a method of its own for the reason given at
     * {@link #writeVariance}.
     */
    private static void writeStatisticUpdates(double decay, FloatBuffer mean, FloatBuffer logStd,
            FloatBuffer batchMean, FloatBuffer batchVariance, FloatBuffer dMean, FloatBuffer dLogStd) {
        for (int c = 0; c < mean.limit(); c++) {
            dMean.put(c, (float) ((1 - decay) * (mean.get(c) - batchMean.get(c))));
            double std = Math.pow(10.0, logStd.get(c));
            double variance = std * std;
            double next = decay * variance + (1 - decay) * batchVariance.get(c);
            dLogStd.put(c, (float) (Math.log10(variance / next) / 2));
        }
    }

    /**
     * variance = (10^log10σ)², per channel. A method of its own: its loop is what makes the JIT compiler optimise
     * a method early (on-stack replacement), and compiling this one costs a fraction of a millisecond where compiling
     * {@link #activate} with everything it inlines took 100–150 ms of a core, which stalled the oneDNN threads for
     * as long in the middle of an inference call.
     */
    private static void writeVariance(FloatBuffer logStd, FloatBuffer variance) {
        for (int c = 0; c < logStd.limit(); c++) {
            double std = Math.pow(10.0, logStd.get(c));
            variance.put(c, (float) (std * std));
        }
    }

    private BranchAddresses parameters() {
        return addressesOf(paramTable());
    }

    private BranchAddresses gradientAddresses() {
        return addressesOf(gradientViews);
    }

    private BranchAddresses addressesOf(Map<String, INDArray> arrays) {
        long[] w = new long[3];
        long[] g = new long[3];
        long[] b = new long[3];
        for (int branch = 0; branch < branches(); branch++) {
            String name = fused().branches().get(branch);
            w[branch] = DirectFloats.address(arrays.get(name + FusedParams.WEIGHTS));
            g[branch] = DirectFloats.address(arrays.get(name + FusedParams.GAMMA));
            b[branch] = DirectFloats.address(arrays.get(name + FusedParams.BETA));
        }
        return new BranchAddresses(w, g, b);
    }

    private long[] addresses(INDArray[] arrays) {
        long[] out = new long[3];
        for (int branch = 0; branch < branches(); branch++) {
            out[branch] = DirectFloats.address(arrays[branch]);
        }
        return out;
    }

    private int branches() {
        return fused().branches().size();
    }

    private FusedLayerConfig fused() {
        return (FusedLayerConfig) layerConf();
    }

    private void ensureStatistics() {
        if (means[0] == null) {
            try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                for (int branch = 0; branch < branches(); branch++) {
                    means[branch] = Nd4j.create(DataType.FLOAT, fused().weightShape(branch)[0]);
                    variances[branch] = Nd4j.create(DataType.FLOAT, fused().weightShape(branch)[0]);
                }
            }
        }
    }

    private Planned plan(long[] inputShape, boolean bf16) {
        return plans.computeIfAbsent((bf16 ? "bf16 " : "") + Arrays.toString(inputShape), k -> new Planned(
                fused().newPlan(runtime, inputShape, bf16), new PlanScratch()));
    }

    /** A plan for one input shape and the scratch of its passes. */
    private record Planned(FusedPlan plan, PlanScratch scratch) {
    }

    private void forgetForward() {
        savedInput = null;
        savedOutput = null;
        savedState = null;
        savedPlan = null;
    }
}
