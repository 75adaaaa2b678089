package org.densereg.network.onednn;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SCALE;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SHIFT;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_WEIGHTS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_MEAN;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SCALE;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SHIFT;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_VARIANCE;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WEIGHTS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WORKSPACE;

import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.batch_normalization_backward;
import org.bytedeco.dnnl.batch_normalization_forward;
import org.bytedeco.dnnl.convolution_backward_data;
import org.bytedeco.dnnl.convolution_backward_weights;
import org.bytedeco.dnnl.convolution_forward;
import org.bytedeco.dnnl.global.dnnl.algorithm;
import org.bytedeco.dnnl.global.dnnl.normalization_flags;
import org.bytedeco.dnnl.global.dnnl.prop_kind;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.memory.data_type;
import org.bytedeco.dnnl.memory.format_tag;
import org.bytedeco.dnnl.pooling_backward;
import org.bytedeco.dnnl.pooling_forward;
import org.bytedeco.dnnl.reorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The oneDNN primitives of a network stem at one input shape, in blocked layout between the input and output
 * reorders:
 * <pre>
 *   y = conv(x)            k×k, stride s, padding (k − 1)/2, no bias
 *   z = relu(bn(y))        batch norm with the ReLU fused
 *   out = maxpool(z)       p×p, stride t, padding q
 * </pre>
 * The training forward keeps x, y, the ReLU mask and the pooling's argmax workspace in the state buffer; everything
 * else lives in scratch slots (forward: 0 the weights, 1 z, 2 the blocked output; inference: also 3 x, 4 y and 5
 * the unused masks; backward: 0 the weights, 1 the output gradient, 2 dz, 3 dy, 4 the weight gradient, 5 dx, and
 * 6–8 the copies of dy and x in the layouts the convolution's backward primitives chose).
 *
 * <p>A bf16 plan is for inference only: x, y, z and the pooled output are bf16 (the input and output reorders
 * convert), the convolution accumulates in float32, batch norm keeps float32 scale, shift and statistics, and the
 * weights are converted to bf16 once and kept ({@link CachedWeights}).
 */
final class StemPlan implements FusedPlan {

    private static final Logger LOG = LoggerFactory.getLogger(StemPlan.class);

    private final OneDnnRuntime runtime;
    private final long[] outputDims;
    private final ConvolutionGeometry conv;
    private final long[] poolKernel;
    private final long[] poolStride;
    private final long[] poolPadBegin;
    private final long[] poolPadEnd;
    private final float epsilon;

    private final memory xPlain;
    private final memory outPlain;
    private final memory x;
    private final memory y;
    private final memory z;
    private final memory normMask;
    private final memory poolMask;
    private final memory pooled;
    private final memory weightsPlain;
    private final memory weights;
    private final memory scale;
    private final memory shift;
    private final memory mean;
    private final memory variance;
    private final StateLayout state;
    /** bf16 (inference only) or f32. */
    private final boolean bf16;
    private final CachedWeights cachedWeights;

    private final convolution_forward.primitive_desc convDesc;
    private final convolution_forward convolution;
    private final IntMemoryMap convArgs = new IntMemoryMap();
    private final batch_normalization_forward.primitive_desc trainingNormDesc;
    private final batch_normalization_forward trainingNorm;
    private final batch_normalization_forward inferenceNorm;
    private final IntMemoryMap normArgs = new IntMemoryMap();
    private final pooling_forward.primitive_desc trainingPoolDesc;
    private final pooling_forward trainingPool;
    private final pooling_forward inferencePool;
    private final IntMemoryMap poolArgs = new IntMemoryMap();
    private final reorder loadInput;
    private final reorder loadWeights;
    private final reorder storeOutput;

    private Backward backward;

    /**
     * @param inputDims [N, Cin, H, W]
     * @param channels  C
     * @param kernel    convolution kernel side k
     * @param stride    convolution stride s
     * @param pool      max-pool kernel side p
     * @param poolStep  max-pool stride t
     * @param poolPad   max-pool padding q (DL4J's Truncate mode: output (side + 2q − p)/t + 1)
     * @param epsilon   batch-norm ε
     * @param bf16      bf16 activations and weights, inference only (else float32, training and inference)
     */
    StemPlan(OneDnnRuntime runtime, long[] inputDims, int channels, int kernel, int stride, int pool, int poolStep,
            int poolPad, double epsilon, boolean bf16) {
        this.runtime = runtime;
        this.epsilon = (float) epsilon;
        this.bf16 = bf16;
        data_type type = bf16 ? data_type.bf16 : data_type.f32;
        conv = ConvolutionGeometry.truncate(inputDims, channels, kernel, stride, 1);
        long[] convOut = conv.dstDims();
        poolKernel = new long[] {pool, pool};
        poolStride = new long[] {poolStep, poolStep};
        poolPadBegin = new long[] {poolPad, poolPad};
        poolPadEnd = new long[2];
        outputDims = new long[] {convOut[0], convOut[1], 0, 0};
        for (int i = 0; i < 2; i++) {
            outputDims[2 + i] = (convOut[2 + i] + 2L * poolPad - pool) / poolStep + 1;
            poolPadEnd[i] = (outputDims[2 + i] - 1) * poolStep + pool - convOut[2 + i] - poolPad;
        }

        convDesc = new convolution_forward.primitive_desc(new convolution_forward.desc(
                bf16 ? prop_kind.forward_inference : prop_kind.forward_training, algorithm.convolution_direct,
                Memories.any(inputDims, type), Memories.any(conv.weightDims(), type), Memories.any(convOut, type),
                conv.strides(), conv.oneDnnDilation(), conv.padBegin(), conv.padEnd()), runtime.engine());
        convolution = new convolution_forward(convDesc);
        memory.desc act = convDesc.dst_desc();
        int flags = normalization_flags.use_scale.value | normalization_flags.use_shift.value
                | normalization_flags.fuse_norm_relu.value;
        trainingNormDesc = new batch_normalization_forward.primitive_desc(new batch_normalization_forward.desc(
                prop_kind.forward_training.value, act, this.epsilon, flags), runtime.engine());
        trainingNorm = new batch_normalization_forward(trainingNormDesc);
        batch_normalization_forward.primitive_desc inferenceNormDesc = new batch_normalization_forward.primitive_desc(
                new batch_normalization_forward.desc(prop_kind.forward_inference.value, act, this.epsilon,
                        flags | normalization_flags.use_global_stats.value), runtime.engine());
        inferenceNorm = new batch_normalization_forward(inferenceNormDesc);
        trainingPoolDesc = poolDesc(prop_kind.forward_training, act, type);
        trainingPool = new pooling_forward(trainingPoolDesc);
        pooling_forward.primitive_desc inferencePoolDesc = poolDesc(prop_kind.forward_inference, act, type);
        inferencePool = new pooling_forward(inferencePoolDesc);

        xPlain = Memories.unbound(runtime, Memories.nchw(inputDims));
        outPlain = Memories.unbound(runtime, Memories.nchw(outputDims));
        x = Memories.unbound(runtime, convDesc.src_desc());
        y = Memories.unbound(runtime, act);
        z = Memories.unbound(runtime, act);
        normMask = Memories.unbound(runtime, trainingNormDesc.workspace_desc());
        poolMask = Memories.unbound(runtime, trainingPoolDesc.workspace_desc());
        pooled = Memories.unbound(runtime, trainingPoolDesc.dst_desc());
        weightsPlain = Memories.unbound(runtime, new memory.desc(conv.weightDims(), data_type.f32, format_tag.oihw));
        weights = Memories.unbound(runtime, convDesc.weights_desc());
        memory.desc channel = new memory.desc(new long[] {channels}, data_type.f32, format_tag.x);
        scale = Memories.unbound(runtime, channel);
        shift = Memories.unbound(runtime, channel);
        mean = Memories.unbound(runtime, channel);
        variance = Memories.unbound(runtime, channel);

        convArgs.put(DNNL_ARG_SRC, x);
        convArgs.put(DNNL_ARG_WEIGHTS, weights);
        convArgs.put(DNNL_ARG_DST, y);
        normArgs.put(DNNL_ARG_SRC, y);
        normArgs.put(DNNL_ARG_DST, z);
        normArgs.put(DNNL_ARG_SCALE, scale);
        normArgs.put(DNNL_ARG_SHIFT, shift);
        normArgs.put(DNNL_ARG_MEAN, mean);
        normArgs.put(DNNL_ARG_VARIANCE, variance);
        normArgs.put(DNNL_ARG_WORKSPACE, normMask);
        poolArgs.put(DNNL_ARG_SRC, z);
        poolArgs.put(DNNL_ARG_DST, pooled);
        poolArgs.put(DNNL_ARG_WORKSPACE, poolMask);
        loadInput = new reorder(xPlain, x);
        loadWeights = new reorder(weightsPlain, weights);
        storeOutput = new reorder(pooled, outPlain);
        if (bf16) {
            cachedWeights = new CachedWeights(runtime, weightsPlain, weights);
            Bf16Support.record("convolution " + conv.key(), convDesc.impl_info_str().getString());
            Bf16Support.record("batch norm", inferenceNormDesc.impl_info_str().getString());
            Bf16Support.record("max-pool", inferencePoolDesc.impl_info_str().getString());
        } else {
            cachedWeights = null;
        }

        state = new StateLayout(kept());
    }

    @Override
    public long[] outputDims() {
        return outputDims.clone();
    }

    @Override
    public long stateFloats() {
        return state.floats();
    }

    @Override
    public void forward(boolean training, long input, long output, long stateAddress, BranchAddresses params,
            long[] means, long[] variances, Scratch scratch) {
        if (training && bf16) {
            throw new IllegalStateException("a bf16 stem plan runs inference only");
        }
        memory[] kept = kept();
        if (training) {
            state.bind(kept, stateAddress);
        } else {
            for (int i = 0; i < kept.length; i++) {
                Memories.bind(kept[i], scratch.address(3 + i, Memories.size(kept[i])));
            }
        }
        Memories.bind(xPlain, input);
        Memories.bind(outPlain, output);
        if (!bf16) {
            Memories.bind(weightsPlain, params.weights()[0]);
            Memories.bind(weights, scratch.address(0, Memories.size(weights)));
        }
        Memories.bind(z, scratch.address(1, Memories.size(z)));
        Memories.bind(pooled, scratch.address(2, Memories.size(pooled)));
        Memories.bind(scale, params.gammas()[0]);
        Memories.bind(shift, params.betas()[0]);
        Memories.bind(mean, means[0]);
        Memories.bind(variance, variances[0]);
        loadInput.execute(runtime.stream(), xPlain, x);
        if (bf16) {
            cachedWeights.refresh(params.weights()[0]);
        } else {
            loadWeights.execute(runtime.stream(), weightsPlain, weights);
        }
        convolution.execute(runtime.stream(), convArgs);
        (training ? trainingNorm : inferenceNorm).execute(runtime.stream(), normArgs);
        (training ? trainingPool : inferencePool).execute(runtime.stream(), poolArgs);
        storeOutput.execute(runtime.stream(), pooled, outPlain);
    }

    @Override
    public void backward(long stateAddress, long input, long output, long diffOutput, long diffInput,
            BranchAddresses params, long[] means, long[] variances, BranchAddresses gradients, Scratch scratch) {
        if (bf16) {
            throw new IllegalStateException("a bf16 stem plan runs inference only");
        }
        if (backward == null) {
            backward = new Backward();
        }
        state.bind(kept(), stateAddress);
        Memories.bind(scale, params.gammas()[0]);
        Memories.bind(shift, params.betas()[0]);
        Memories.bind(mean, means[0]);
        Memories.bind(variance, variances[0]);
        backward.run(diffOutput, diffInput, params.weights()[0], gradients, scratch);
    }

    /** The tensors the training forward keeps, in state-buffer order. */
    private memory[] kept() {
        return new memory[] {x, y, normMask, poolMask};
    }

    private pooling_forward.primitive_desc poolDesc(prop_kind kind, memory.desc src, data_type type) {
        return new pooling_forward.primitive_desc(new pooling_forward.desc(kind, algorithm.pooling_max, src,
                Memories.any(outputDims, type), poolStride, poolKernel, poolPadBegin, poolPadEnd), runtime.engine());
    }

    /** The backward primitives, built on the first backward pass. */
    private final class Backward {
        private final memory diffOutPlain;
        private final memory diffInPlain;
        private final memory diffPooled;
        private final memory diffZ;
        private final memory diffY;
        private final memory diffX;
        private final memory dataWeights;
        private final memory diffWeights;
        private final memory diffWeightsPlain;
        private final memory diffScale;
        private final memory diffShift;
        private final reorder loadDiffOut;
        private final reorder loadDataWeights;
        private final reorder storeDiffWeights;
        private final reorder storeDiffIn;
        private final pooling_backward pool;
        private final IntMemoryMap poolArgs = new IntMemoryMap();
        private final batch_normalization_backward norm;
        private final IntMemoryMap normArgs = new IntMemoryMap();
        private final convolution_backward_data data;
        private final IntMemoryMap dataArgs = new IntMemoryMap();
        private final convolution_backward_weights weightsGrad;
        private final IntMemoryMap weightsArgs = new IntMemoryMap();
        /** dy and x in the layouts the backward primitives chose (copies in slots 6–8 when they differ). */
        private final StagedMemory dataDiffDst;
        private final StagedMemory weightsDiffDst;
        private final StagedMemory weightsSrc;

        Backward() {
            memory.desc act = y.get_desc();
            pooling_backward.primitive_desc poolDesc = new pooling_backward.primitive_desc(
                    new pooling_backward.desc(algorithm.pooling_max, act, pooled.get_desc(), poolStride, poolKernel,
                            poolPadBegin, poolPadEnd), runtime.engine(), trainingPoolDesc);
            pool = new pooling_backward(poolDesc);
            int flags = normalization_flags.use_scale.value | normalization_flags.use_shift.value
                    | normalization_flags.fuse_norm_relu.value;
            norm = new batch_normalization_backward(new batch_normalization_backward.primitive_desc(
                    new batch_normalization_backward.desc(prop_kind.backward.value, act, act, epsilon, flags),
                    runtime.engine(), trainingNormDesc));
            // the convolution's backward primitives choose their own layouts: forcing the forward's (a 3-channel
            // input) leaves only oneDNN's reference kernels, an order of magnitude slower
            convolution_backward_data.primitive_desc dataDesc = new convolution_backward_data.primitive_desc(
                    new convolution_backward_data.desc(algorithm.convolution_direct, Memories.any(conv.srcDims()),
                            Memories.any(conv.weightDims()), Memories.any(conv.dstDims()), conv.strides(),
                            conv.oneDnnDilation(), conv.padBegin(), conv.padEnd()), runtime.engine(), convDesc);
            data = new convolution_backward_data(dataDesc);
            convolution_backward_weights.primitive_desc weightsDesc = new convolution_backward_weights.primitive_desc(
                    new convolution_backward_weights.desc(algorithm.convolution_direct, Memories.any(conv.srcDims()),
                            Memories.any(conv.weightDims()), Memories.any(conv.dstDims()), conv.strides(),
                            conv.oneDnnDilation(), conv.padBegin(), conv.padEnd()), runtime.engine(), convDesc);
            weightsGrad = new convolution_backward_weights(weightsDesc);
            LOG.debug("stem {}: backward-data {}, backward-weights {}", conv.key(),
                    dataDesc.impl_info_str().getString(), weightsDesc.impl_info_str().getString());

            diffOutPlain = Memories.unbound(runtime, outPlain.get_desc());
            diffInPlain = Memories.unbound(runtime, xPlain.get_desc());
            diffPooled = Memories.unbound(runtime, pooled.get_desc());
            diffZ = Memories.unbound(runtime, act);
            diffY = Memories.unbound(runtime, act);
            diffX = Memories.unbound(runtime, dataDesc.diff_src_desc());
            dataDiffDst = new StagedMemory(runtime, act, dataDesc.diff_dst_desc(), 6);
            weightsDiffDst = new StagedMemory(runtime, act, weightsDesc.diff_dst_desc(), 7);
            weightsSrc = new StagedMemory(runtime, x.get_desc(), weightsDesc.src_desc(), 8);
            dataWeights = Memories.unbound(runtime, dataDesc.weights_desc());
            diffWeights = Memories.unbound(runtime, weightsDesc.diff_weights_desc());
            diffWeightsPlain = Memories.unbound(runtime, weightsPlain.get_desc());
            diffScale = Memories.unbound(runtime, scale.get_desc());
            diffShift = Memories.unbound(runtime, shift.get_desc());
            loadDiffOut = new reorder(diffOutPlain, diffPooled);
            loadDataWeights = new reorder(weightsPlain, dataWeights);
            storeDiffWeights = new reorder(diffWeights, diffWeightsPlain);
            storeDiffIn = new reorder(diffX, diffInPlain);

            poolArgs.put(DNNL_ARG_DIFF_DST, diffPooled);
            poolArgs.put(DNNL_ARG_DIFF_SRC, diffZ);
            poolArgs.put(DNNL_ARG_WORKSPACE, poolMask);
            normArgs.put(DNNL_ARG_SRC, y);
            normArgs.put(DNNL_ARG_MEAN, mean);
            normArgs.put(DNNL_ARG_VARIANCE, variance);
            normArgs.put(DNNL_ARG_SCALE, scale);
            normArgs.put(DNNL_ARG_SHIFT, shift);
            normArgs.put(DNNL_ARG_WORKSPACE, normMask);
            normArgs.put(DNNL_ARG_DIFF_DST, diffZ);
            normArgs.put(DNNL_ARG_DIFF_SRC, diffY);
            normArgs.put(DNNL_ARG_DIFF_SCALE, diffScale);
            normArgs.put(DNNL_ARG_DIFF_SHIFT, diffShift);
            dataArgs.put(DNNL_ARG_DIFF_DST, dataDiffDst.forPrimitive());
            dataArgs.put(DNNL_ARG_WEIGHTS, dataWeights);
            dataArgs.put(DNNL_ARG_DIFF_SRC, diffX);
            weightsArgs.put(DNNL_ARG_SRC, weightsSrc.forPrimitive());
            weightsArgs.put(DNNL_ARG_DIFF_DST, weightsDiffDst.forPrimitive());
            weightsArgs.put(DNNL_ARG_DIFF_WEIGHTS, diffWeights);
        }

        void run(long diffOutput, long diffInput, long weightsAddress, BranchAddresses gradients, Scratch scratch) {
            Memories.bind(diffOutPlain, diffOutput);
            Memories.bind(diffInPlain, diffInput);
            Memories.bind(weightsPlain, weightsAddress);
            Memories.bind(diffPooled, scratch.address(1, Memories.size(diffPooled)));
            Memories.bind(diffZ, scratch.address(2, Memories.size(diffZ)));
            Memories.bind(diffY, scratch.address(3, Memories.size(diffY)));
            Memories.bind(diffWeights, scratch.address(4, Memories.size(diffWeights)));
            weightsDiffDst.bind(Memories.address(diffY), scratch);
            weightsSrc.bind(Memories.address(x), scratch);
            Memories.bind(diffWeightsPlain, gradients.weights()[0]);
            Memories.bind(diffScale, gradients.gammas()[0]);
            Memories.bind(diffShift, gradients.betas()[0]);
            loadDiffOut.execute(runtime.stream(), diffOutPlain, diffPooled);
            pool.execute(runtime.stream(), poolArgs);
            norm.execute(runtime.stream(), normArgs);
            weightsSrc.load();
            weightsDiffDst.load();
            weightsGrad.execute(runtime.stream(), weightsArgs);
            storeDiffWeights.execute(runtime.stream(), diffWeights, diffWeightsPlain);
            if (diffInput == 0) {
                return; // the network's input: no gradient wanted
            }
            Memories.bind(dataWeights, scratch.address(0, Memories.size(dataWeights)));
            Memories.bind(diffX, scratch.address(5, Memories.size(diffX)));
            dataDiffDst.bind(Memories.address(diffY), scratch);
            loadDataWeights.execute(runtime.stream(), weightsPlain, dataWeights);
            dataDiffDst.load();
            data.execute(runtime.stream(), dataArgs);
            storeDiffIn.execute(runtime.stream(), diffX, diffInPlain);
        }
    }
}
