package org.densereg.network.onednn;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SCALE;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SHIFT;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_MEAN;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SCALE;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SHIFT;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_VARIANCE;

import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.batch_normalization_backward;
import org.bytedeco.dnnl.batch_normalization_forward;
import org.bytedeco.dnnl.global.dnnl.normalization_flags;
import org.bytedeco.dnnl.global.dnnl.prop_kind;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.memory.data_type;
import org.bytedeco.dnnl.memory.format_tag;

/**
 * The oneDNN batch-normalisation primitives for one [N, C, H, W] shape, on plain NCHW data (no copies): training
 * forward (computes the batch mean and biased variance), inference forward (uses given statistics) and backward
 * (gradients at the input, scale γ and shift β). All arguments are ND4J buffers bound per call.
 */
final class BatchNormPlan {

    private final OneDnnRuntime runtime;
    private final memory src;
    private final memory dst;
    private final memory mean;
    private final memory variance;
    private final memory scale;
    private final memory shift;
    private final memory diffDst;
    private final memory diffSrc;
    private final memory diffScale;
    private final memory diffShift;

    private final batch_normalization_forward training;
    private final batch_normalization_forward inference;
    private final batch_normalization_backward backward;
    private final IntMemoryMap forwardArgs = new IntMemoryMap();
    private final IntMemoryMap backwardArgs = new IntMemoryMap();

    /**
     * @param dims    [N, C, H, W]
     * @param epsilon added to the variance
     */
    BatchNormPlan(OneDnnRuntime runtime, long[] dims, double epsilon) {
        this.runtime = runtime;
        memory.desc data = new memory.desc(dims, data_type.f32, format_tag.nchw);
        memory.desc channel = new memory.desc(new long[] {dims[1]}, data_type.f32, format_tag.x);
        int scaleShift = normalization_flags.use_scale.value | normalization_flags.use_shift.value;
        float eps = (float) epsilon;
        batch_normalization_forward.primitive_desc trainingDesc = new batch_normalization_forward.primitive_desc(
                new batch_normalization_forward.desc(prop_kind.forward_training.value, data, eps, scaleShift),
                runtime.engine());
        training = new batch_normalization_forward(trainingDesc);
        inference = new batch_normalization_forward(new batch_normalization_forward.primitive_desc(
                new batch_normalization_forward.desc(prop_kind.forward_inference.value, data, eps,
                        scaleShift | normalization_flags.use_global_stats.value),
                runtime.engine()));
        backward = new batch_normalization_backward(new batch_normalization_backward.primitive_desc(
                new batch_normalization_backward.desc(prop_kind.backward.value, data, data, eps, scaleShift),
                runtime.engine(), trainingDesc));
        src = memoryOf(data);
        dst = memoryOf(data);
        diffDst = memoryOf(data);
        diffSrc = memoryOf(data);
        mean = memoryOf(channel);
        variance = memoryOf(channel);
        scale = memoryOf(channel);
        shift = memoryOf(channel);
        diffScale = memoryOf(channel);
        diffShift = memoryOf(channel);
        forwardArgs.put(DNNL_ARG_SRC, src);
        forwardArgs.put(DNNL_ARG_DST, dst);
        forwardArgs.put(DNNL_ARG_MEAN, mean);
        forwardArgs.put(DNNL_ARG_VARIANCE, variance);
        forwardArgs.put(DNNL_ARG_SCALE, scale);
        forwardArgs.put(DNNL_ARG_SHIFT, shift);
        backwardArgs.put(DNNL_ARG_SRC, src);
        backwardArgs.put(DNNL_ARG_MEAN, mean);
        backwardArgs.put(DNNL_ARG_VARIANCE, variance);
        backwardArgs.put(DNNL_ARG_SCALE, scale);
        backwardArgs.put(DNNL_ARG_SHIFT, shift);
        backwardArgs.put(DNNL_ARG_DIFF_DST, diffDst);
        backwardArgs.put(DNNL_ARG_DIFF_SRC, diffSrc);
        backwardArgs.put(DNNL_ARG_DIFF_SCALE, diffScale);
        backwardArgs.put(DNNL_ARG_DIFF_SHIFT, diffShift);
    }

    /**
     * Normalises with batch statistics, writing them to {@code meanAddress} and {@code varianceAddress} ([C] each).
     */
    void forwardTraining(long srcAddress, long gammaAddress, long betaAddress, long dstAddress, long meanAddress,
            long varianceAddress) {
        bindForward(srcAddress, gammaAddress, betaAddress, dstAddress, meanAddress, varianceAddress);
        training.execute(runtime.stream(), forwardArgs);
    }

    /** Normalises with the given statistics (read from {@code meanAddress} and {@code varianceAddress}). */
    void forwardInference(long srcAddress, long gammaAddress, long betaAddress, long dstAddress, long meanAddress,
            long varianceAddress) {
        bindForward(srcAddress, gammaAddress, betaAddress, dstAddress, meanAddress, varianceAddress);
        inference.execute(runtime.stream(), forwardArgs);
    }

    /**
     * Gradients at the input, γ and β from the gradient at the output and the training forward's statistics
     * (oneDNN's backward takes β too, though the gradients do not depend on it).
     */
    void backward(long srcAddress, long gammaAddress, long betaAddress, long meanAddress, long varianceAddress, long diffDstAddress,
            long diffSrcAddress, long diffGammaAddress, long diffBetaAddress) {
        bind(src, srcAddress);
        bind(scale, gammaAddress);
        bind(shift, betaAddress);
        bind(mean, meanAddress);
        bind(variance, varianceAddress);
        bind(diffDst, diffDstAddress);
        bind(diffSrc, diffSrcAddress);
        bind(diffScale, diffGammaAddress);
        bind(diffShift, diffBetaAddress);
        backward.execute(runtime.stream(), backwardArgs);
    }

    private void bindForward(long srcAddress, long gammaAddress, long betaAddress, long dstAddress, long meanAddress,
            long varianceAddress) {
        bind(src, srcAddress);
        bind(scale, gammaAddress);
        bind(shift, betaAddress);
        bind(dst, dstAddress);
        bind(mean, meanAddress);
        bind(variance, varianceAddress);
    }

    private memory memoryOf(memory.desc desc) {
        return new memory(desc, runtime.engine(), new RawPointer(0));
    }

    private static void bind(memory memory, long address) {
        memory.set_data_handle(new RawPointer(address));
    }
}
