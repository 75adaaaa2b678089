package org.densereg.network.onednn;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_BIAS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_BIAS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_WEIGHTS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WEIGHTS;

import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.convolution_backward_data;
import org.bytedeco.dnnl.convolution_backward_weights;
import org.bytedeco.dnnl.convolution_forward;
import org.bytedeco.dnnl.global.dnnl.algorithm;
import org.bytedeco.dnnl.global.dnnl.prop_kind;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.memory.data_type;
import org.bytedeco.dnnl.memory.format_tag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The oneDNN primitives of one 2-D convolution at one input shape: forward, backward-data and backward-weights, each
 * letting oneDNN choose its layouts ({@code format_tag::any}, in practice blocked layouts such as nChw16c) with
 * reorders from and to the plain NCHW / OIHW arrays of DL4J. Built once per shape and reused; the backward
 * primitives are built on the first backward pass.
 */
final class ConvolutionPlan {

    private static final Logger LOG = LoggerFactory.getLogger(ConvolutionPlan.class);

    private final OneDnnRuntime runtime;
    private final ConvolutionGeometry geometry;

    private final convolution_forward.primitive_desc forwardDesc;
    private final convolution_forward forward;
    private final StagedMemory src;
    private final StagedMemory weights;
    private final StagedMemory bias;
    private final StagedMemory dst;
    private final IntMemoryMap forwardArgs = new IntMemoryMap();

    private BackwardPrimitives backward;

    /** The scratch of this plan's forward and backward calls. */
    final PlanScratch scratch = new PlanScratch();

    ConvolutionPlan(OneDnnRuntime runtime, ConvolutionGeometry geometry) {
        this.runtime = runtime;
        this.geometry = geometry;
        memory.desc anySrc = anyDesc(geometry.srcDims());
        memory.desc anyWeights = anyDesc(geometry.weightDims());
        memory.desc anyDst = anyDesc(geometry.dstDims());
        convolution_forward.desc desc = geometry.hasBias()
                ? new convolution_forward.desc(prop_kind.forward_training, algorithm.convolution_direct, anySrc,
                        anyWeights, plainDesc(geometry.biasDims(), format_tag.x), anyDst, geometry.strides(),
                        geometry.oneDnnDilation(), geometry.padBegin(), geometry.padEnd())
                : new convolution_forward.desc(prop_kind.forward_training, algorithm.convolution_direct, anySrc,
                        anyWeights, anyDst, geometry.strides(), geometry.oneDnnDilation(), geometry.padBegin(),
                        geometry.padEnd());
        forwardDesc = new convolution_forward.primitive_desc(desc, runtime.engine());
        forward = new convolution_forward(forwardDesc);
        LOG.debug("convolution {}: forward {}", geometry.key(), forwardDesc.impl_info_str().getString());
        src = new StagedMemory(runtime, plainDesc(geometry.srcDims(), format_tag.nchw), forwardDesc.src_desc(), 0);
        weights = new StagedMemory(runtime, plainDesc(geometry.weightDims(), format_tag.oihw),
                forwardDesc.weights_desc(), 1);
        dst = new StagedMemory(runtime, plainDesc(geometry.dstDims(), format_tag.nchw), forwardDesc.dst_desc(), 2);
        forwardArgs.put(DNNL_ARG_SRC, src.forPrimitive());
        forwardArgs.put(DNNL_ARG_WEIGHTS, weights.forPrimitive());
        forwardArgs.put(DNNL_ARG_DST, dst.forPrimitive());
        if (geometry.hasBias()) {
            bias = new StagedMemory(runtime, plainDesc(geometry.biasDims(), format_tag.x), forwardDesc.bias_desc(), 3);
            forwardArgs.put(DNNL_ARG_BIAS, bias.forPrimitive());
        } else {
            bias = null;
        }
    }

    /**
     * dst = conv(src, weights) + bias.
     *
     * @param srcAddress     [N, C, H, W] plain float input
     * @param weightsAddress [O, C, kH, kW] plain float weights
     * @param biasAddress    [O] bias (ignored without bias)
     * @param dstAddress     [N, O, Ho, Wo] plain float output
     * @param scratch        the call's blocked copies
     */
    void forward(long srcAddress, long weightsAddress, long biasAddress, long dstAddress, Scratch scratch) {
        src.bind(srcAddress, scratch);
        weights.bind(weightsAddress, scratch);
        dst.bind(dstAddress, scratch);
        src.load();
        weights.load();
        if (bias != null) {
            bias.bind(biasAddress, scratch);
            bias.load();
        }
        forward.execute(runtime.stream(), forwardArgs);
        dst.store();
    }

    /**
     * Gradients of a loss with respect to the input, the weights and the bias, given its gradient at the output.
     *
     * @param srcAddress         [N, C, H, W] the forward input
     * @param weightsAddress     [O, C, kH, kW] the weights
     * @param diffDstAddress     [N, O, Ho, Wo] gradient at the output
     * @param diffSrcAddress     [N, C, H, W] written: gradient at the input
     * @param diffWeightsAddress [O, C, kH, kW] written: weight gradient
     * @param diffBiasAddress    [O] written: bias gradient (ignored without bias)
     * @param scratch            the call's blocked copies
     */
    void backward(long srcAddress, long weightsAddress, long diffDstAddress, long diffSrcAddress,
            long diffWeightsAddress, long diffBiasAddress, Scratch scratch) {
        if (backward == null) {
            backward = new BackwardPrimitives();
        }
        backward.run(srcAddress, weightsAddress, diffDstAddress, diffSrcAddress, diffWeightsAddress, diffBiasAddress,
                scratch);
    }

    private static memory.desc anyDesc(long[] dims) {
        return new memory.desc(dims, data_type.f32, format_tag.any);
    }

    private static memory.desc plainDesc(long[] dims, format_tag tag) {
        return new memory.desc(dims, data_type.f32, tag);
    }

    /**
     * Backward-data then backward-weights. Scratch slots: backward-data uses 0 (diff_dst), 1 (weights) and 2
     * (diff_src); backward-weights reuses slot 0's diff_dst when its layout agrees (else loads it into 1), and uses
     * 2 (diff_weights), 3 (src) and 4 (diff_bias).
     */
    private final class BackwardPrimitives {
        private final convolution_backward_data data;
        private final StagedMemory dataDiffDst;
        private final StagedMemory dataWeights;
        private final StagedMemory dataDiffSrc;
        private final IntMemoryMap dataArgs = new IntMemoryMap();

        private final convolution_backward_weights weightsPrimitive;
        private final StagedMemory weightsSrc;
        /** Null when backward-weights reads the gradient in the layout backward-data already loaded. */
        private final StagedMemory weightsDiffDst;
        private final StagedMemory weightsDiff;
        private final StagedMemory biasDiff;
        private final IntMemoryMap weightsArgs = new IntMemoryMap();

        BackwardPrimitives() {
            memory.desc anySrc = anyDesc(geometry.srcDims());
            memory.desc anyWeights = anyDesc(geometry.weightDims());
            memory.desc anyDst = anyDesc(geometry.dstDims());
            convolution_backward_data.primitive_desc dataDesc = new convolution_backward_data.primitive_desc(
                    new convolution_backward_data.desc(algorithm.convolution_direct, anySrc, anyWeights, anyDst,
                            geometry.strides(), geometry.oneDnnDilation(), geometry.padBegin(), geometry.padEnd()),
                    runtime.engine(), forwardDesc);
            data = new convolution_backward_data(dataDesc);
            LOG.debug("convolution {}: backward-data {}", geometry.key(), dataDesc.impl_info_str().getString());
            dataDiffDst = new StagedMemory(runtime, plainDesc(geometry.dstDims(), format_tag.nchw),
                    dataDesc.diff_dst_desc(), 0);
            dataWeights = new StagedMemory(runtime, plainDesc(geometry.weightDims(), format_tag.oihw),
                    dataDesc.weights_desc(), 1);
            dataDiffSrc = new StagedMemory(runtime, plainDesc(geometry.srcDims(), format_tag.nchw),
                    dataDesc.diff_src_desc(), 2);
            dataArgs.put(DNNL_ARG_DIFF_DST, dataDiffDst.forPrimitive());
            dataArgs.put(DNNL_ARG_WEIGHTS, dataWeights.forPrimitive());
            dataArgs.put(DNNL_ARG_DIFF_SRC, dataDiffSrc.forPrimitive());

            convolution_backward_weights.desc weightsDescription = geometry.hasBias()
                    ? new convolution_backward_weights.desc(algorithm.convolution_direct, anySrc, anyWeights,
                            plainDesc(geometry.biasDims(), format_tag.x), anyDst, geometry.strides(),
                            geometry.oneDnnDilation(), geometry.padBegin(), geometry.padEnd())
                    : new convolution_backward_weights.desc(algorithm.convolution_direct, anySrc, anyWeights,
                            anyDst, geometry.strides(), geometry.oneDnnDilation(), geometry.padBegin(),
                            geometry.padEnd());
            convolution_backward_weights.primitive_desc weightsDesc =
                    new convolution_backward_weights.primitive_desc(weightsDescription, runtime.engine(), forwardDesc);
            weightsPrimitive = new convolution_backward_weights(weightsDesc);
            LOG.debug("convolution {}: backward-weights {}", geometry.key(), weightsDesc.impl_info_str().getString());
            // slots: backward-data's diff_dst stays in slot 0 and is reused when the layouts agree
            weightsSrc = new StagedMemory(runtime, plainDesc(geometry.srcDims(), format_tag.nchw),
                    weightsDesc.src_desc(), 3);
            boolean sameDiffDst = weightsDesc.diff_dst_desc().equals(dataDesc.diff_dst_desc());
            weightsDiffDst = sameDiffDst ? null : new StagedMemory(runtime,
                    plainDesc(geometry.dstDims(), format_tag.nchw), weightsDesc.diff_dst_desc(), 1);
            weightsDiff = new StagedMemory(runtime, plainDesc(geometry.weightDims(), format_tag.oihw),
                    weightsDesc.diff_weights_desc(), 2);
            weightsArgs.put(DNNL_ARG_SRC, weightsSrc.forPrimitive());
            weightsArgs.put(DNNL_ARG_DIFF_DST,
                    sameDiffDst ? dataDiffDst.forPrimitive() : weightsDiffDst.forPrimitive());
            weightsArgs.put(DNNL_ARG_DIFF_WEIGHTS, weightsDiff.forPrimitive());
            if (geometry.hasBias()) {
                biasDiff = new StagedMemory(runtime, plainDesc(geometry.biasDims(), format_tag.x),
                        weightsDesc.diff_bias_desc(), 4);
                weightsArgs.put(DNNL_ARG_DIFF_BIAS, biasDiff.forPrimitive());
            } else {
                biasDiff = null;
            }
        }

        void run(long srcAddress, long weightsAddress, long diffDstAddress, long diffSrcAddress,
                long diffWeightsAddress, long diffBiasAddress, Scratch scratch) {
            dataDiffDst.bind(diffDstAddress, scratch);
            dataWeights.bind(weightsAddress, scratch);
            dataDiffSrc.bind(diffSrcAddress, scratch);
            dataDiffDst.load();
            dataWeights.load();
            data.execute(runtime.stream(), dataArgs);
            dataDiffSrc.store();

            weightsSrc.bind(srcAddress, scratch);
            weightsDiff.bind(diffWeightsAddress, scratch);
            weightsSrc.load();
            if (weightsDiffDst != null) {
                weightsDiffDst.bind(diffDstAddress, scratch);
                weightsDiffDst.load();
            }
            if (biasDiff != null) {
                biasDiff.bind(diffBiasAddress, scratch);
            }
            weightsPrimitive.execute(runtime.stream(), weightsArgs);
            weightsDiff.store();
            if (biasDiff != null) {
                biasDiff.store();
            }
        }
    }
}
