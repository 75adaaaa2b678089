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
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC_0;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC_1;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_VARIANCE;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WEIGHTS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WORKSPACE;

import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.batch_normalization_backward;
import org.bytedeco.dnnl.batch_normalization_forward;
import org.bytedeco.dnnl.binary;
import org.bytedeco.dnnl.convolution_backward_data;
import org.bytedeco.dnnl.convolution_backward_weights;
import org.bytedeco.dnnl.convolution_forward;
import org.bytedeco.dnnl.eltwise_backward;
import org.bytedeco.dnnl.eltwise_forward;
import org.bytedeco.dnnl.global.dnnl.algorithm;
import org.bytedeco.dnnl.global.dnnl.normalization_flags;
import org.bytedeco.dnnl.global.dnnl.prop_kind;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.memory.data_type;
import org.bytedeco.dnnl.memory.format_tag;
import org.bytedeco.dnnl.post_ops;
import org.bytedeco.dnnl.primitive_attr;
import org.bytedeco.dnnl.reorder;

/**
 * The oneDNN primitives of one post-activation residual basic block at one input shape, run in blocked layout from
 * the block's input to its output:
 * <pre>
 *   ya = conv_a(x)          3×3, stride s, dilation d
 *   za = relu(bn_a(ya))     batch norm with the ReLU fused
 *   yb = conv_b(za)         3×3, stride 1, dilation d
 *   yp = conv_p(x)          1×1, stride s (projection shortcut only)
 *   out = relu(bn_b(yb) + (projection ? bn_p(yp) : x))
 * </pre>
 * The plain NCHW input is reordered once into the layout oneDNN chose for the first convolution and the output once
 * back to NCHW; everything in between stays blocked. The training forward keeps the tensors the backward pass needs
 * (ya, za, the fused ReLU's mask, yb and yp) in a caller-supplied state buffer, laid out by {@link #stateFloats()}.
 * The output ReLU's backward reads the plain output and the backward pass reorders x again from the plain input:
 * DL4J keeps both anyway. Every other intermediate lives in the call's {@link Scratch} (forward: 0 the weights of the
 * branch being run, 3 bn_b(yb), 4 bn_p(yp) or the reordered shortcut, 5 the blocked output, 6 x). Branch index 0 is
 * conv/bn a, 1 is conv/bn b, 2 the projection.
 *
 * <p>A bf16 plan is for inference only: every tensor between the input and output
 * reorders is bf16 (the reorders convert), the convolutions accumulate in float32, batch norm keeps float32 scale,
 * shift and statistics, and each branch's weights are converted to bf16 once and kept ({@link CachedWeights}).
 */
final class ResidualBlockPlan implements FusedPlan {

    static final int A = 0;
    static final int B = 1;
    static final int P = 2;

    private final OneDnnRuntime runtime;
    private final boolean projection;
    private final long[] outputDims;

    private final memory xPlain;
    private final memory outPlain;
    private final memory x;
    private final memory ya;
    private final memory za;
    private final memory workspaceA;
    private final memory yb;
    private final memory yp;
    private final memory zb;
    private final memory zp;
    private final memory shortcut;
    private final memory out;
    private final memory[] weightsPlain = new memory[3];
    private final memory[] weights = new memory[3];
    private final memory[] scale = new memory[3];
    private final memory[] shift = new memory[3];
    private final memory[] mean = new memory[3];
    private final memory[] variance = new memory[3];
    private final ConvolutionGeometry[] geometries = new ConvolutionGeometry[3];
    private final float epsilon;
    private final StateLayout state;
    /** bf16 (inference only) or f32. */
    private final boolean bf16;
    private final CachedWeights[] cachedWeights = new CachedWeights[3];

    private final convolution_forward.primitive_desc[] convDescs = new convolution_forward.primitive_desc[3];
    private final convolution_forward[] convs = new convolution_forward[3];
    private final IntMemoryMap[] convArgs = new IntMemoryMap[3];
    private final reorder[] weightReorders = new reorder[3];
    private final batch_normalization_forward.primitive_desc[] trainingNormDescs =
            new batch_normalization_forward.primitive_desc[3];
    private final batch_normalization_forward[] trainingNorms = new batch_normalization_forward[3];
    private final batch_normalization_forward[] inferenceNorms = new batch_normalization_forward[3];
    private final IntMemoryMap[] normArgs = new IntMemoryMap[3];
    private final binary addRelu;
    private final IntMemoryMap addArgs = new IntMemoryMap();
    private final reorder loadInput;
    private final reorder storeOutput;
    private final reorder inputToShortcut;

    private Backward backward;

    /**
     * @param inputDims  [N, Cin, H, W]
     * @param channels   C, the block's width
     * @param stride     stride of conv a and the projection
     * @param dilation   dilation (= padding) of the 3×3 convolutions
     * @param projection whether the shortcut is a 1×1 convolution + batch norm (else the identity; then Cin = C and
     *                   stride = 1)
     * @param epsilon    batch-norm ε
     * @param bf16       bf16 activations and weights, inference only (else float32, training and inference)
     */
    ResidualBlockPlan(OneDnnRuntime runtime, long[] inputDims, int channels, int stride, int dilation,
            boolean projection, double epsilon, boolean bf16) {
        this.runtime = runtime;
        this.projection = projection;
        this.epsilon = (float) epsilon;
        this.bf16 = bf16;
        data_type type = bf16 ? data_type.bf16 : data_type.f32;
        ConvolutionGeometry geometryA = ConvolutionGeometry.truncate(inputDims, channels, 3, stride, dilation);
        outputDims = geometryA.dstDims();
        ConvolutionGeometry geometryB = ConvolutionGeometry.truncate(outputDims, channels, 3, 1, dilation);
        ConvolutionGeometry geometryP = ConvolutionGeometry.truncate(inputDims, channels, 1, stride, 1);
        geometries[A] = geometryA;
        geometries[B] = geometryB;
        geometries[P] = geometryP;

        convDescs[A] = convolutionDesc(geometryA, Memories.any(inputDims, type), Memories.any(outputDims, type));
        memory.desc xDesc = convDescs[A].src_desc();
        memory.desc act = convDescs[A].dst_desc();
        convDescs[B] = convolutionDesc(geometryB, act, act);
        if (projection) {
            convDescs[P] = convolutionDesc(geometryP, xDesc, act);
        }

        xPlain = Memories.unbound(runtime, Memories.nchw(inputDims));
        outPlain = Memories.unbound(runtime, Memories.nchw(outputDims));
        x = Memories.unbound(runtime, xDesc);
        ya = Memories.unbound(runtime, act);
        za = Memories.unbound(runtime, act);
        yb = Memories.unbound(runtime, act);
        zb = Memories.unbound(runtime, act);
        yp = Memories.unbound(runtime, act);
        zp = Memories.unbound(runtime, act);
        out = Memories.unbound(runtime, act);
        shortcut = projection ? zp : (xDesc.equals(act) ? x : Memories.unbound(runtime, act));

        float eps = this.epsilon;
        int scaleShift = normalization_flags.use_scale.value | normalization_flags.use_shift.value;
        memory.desc channel = new memory.desc(new long[] {channels}, data_type.f32, format_tag.x);
        for (int branch = 0; branch < 3; branch++) {
            if (branch == P && !projection) {
                continue;
            }
            ConvolutionGeometry g = geometries[branch];
            convs[branch] = new convolution_forward(convDescs[branch]);
            weightsPlain[branch] = Memories.unbound(runtime,
                    new memory.desc(g.weightDims(), data_type.f32, format_tag.oihw));
            weights[branch] = Memories.unbound(runtime, convDescs[branch].weights_desc());
            weightReorders[branch] = new reorder(weightsPlain[branch], weights[branch]);
            if (bf16) {
                cachedWeights[branch] = new CachedWeights(runtime, weightsPlain[branch], weights[branch]);
                Bf16Support.record("convolution " + g.key(), convDescs[branch].impl_info_str().getString());
            }
            scale[branch] = Memories.unbound(runtime, channel);
            shift[branch] = Memories.unbound(runtime, channel);
            mean[branch] = Memories.unbound(runtime, channel);
            variance[branch] = Memories.unbound(runtime, channel);
            int flags = scaleShift | (branch == A ? normalization_flags.fuse_norm_relu.value : 0);
            trainingNormDescs[branch] = new batch_normalization_forward.primitive_desc(
                    new batch_normalization_forward.desc(prop_kind.forward_training.value, act, eps, flags),
                    runtime.engine());
            trainingNorms[branch] = new batch_normalization_forward(trainingNormDescs[branch]);
            batch_normalization_forward.primitive_desc inferenceNormDesc =
                    new batch_normalization_forward.primitive_desc(new batch_normalization_forward.desc(
                            prop_kind.forward_inference.value, act, eps,
                            flags | normalization_flags.use_global_stats.value), runtime.engine());
            inferenceNorms[branch] = new batch_normalization_forward(inferenceNormDesc);
            if (bf16) {
                Bf16Support.record("batch norm", inferenceNormDesc.impl_info_str().getString());
            }
            memory convSrc = branch == B ? za : x;
            memory convDst = branch == A ? ya : branch == B ? yb : yp;
            memory normDst = branch == A ? za : branch == B ? zb : zp;
            convArgs[branch] = new IntMemoryMap();
            convArgs[branch].put(DNNL_ARG_SRC, convSrc);
            convArgs[branch].put(DNNL_ARG_WEIGHTS, weights[branch]);
            convArgs[branch].put(DNNL_ARG_DST, convDst);
            normArgs[branch] = new IntMemoryMap();
            normArgs[branch].put(DNNL_ARG_SRC, convDst);
            normArgs[branch].put(DNNL_ARG_DST, normDst);
            normArgs[branch].put(DNNL_ARG_SCALE, scale[branch]);
            normArgs[branch].put(DNNL_ARG_SHIFT, shift[branch]);
            normArgs[branch].put(DNNL_ARG_MEAN, mean[branch]);
            normArgs[branch].put(DNNL_ARG_VARIANCE, variance[branch]);
        }
        workspaceA = Memories.unbound(runtime, trainingNormDescs[A].workspace_desc());
        normArgs[A].put(DNNL_ARG_WORKSPACE, workspaceA);

        post_ops relu = new post_ops();
        relu.append_eltwise(1f, algorithm.eltwise_relu, 0f, 0f);
        primitive_attr attr = new primitive_attr();
        attr.set_post_ops(relu);
        binary.primitive_desc addDesc = new binary.primitive_desc(
                new binary.desc(algorithm.binary_add, act, act, act), attr, runtime.engine());
        addRelu = new binary(addDesc);
        if (bf16) {
            Bf16Support.record("add + ReLU", addDesc.impl_info_str().getString());
        }
        addArgs.put(DNNL_ARG_SRC_0, zb);
        addArgs.put(DNNL_ARG_SRC_1, shortcut);
        addArgs.put(DNNL_ARG_DST, out);
        loadInput = new reorder(xPlain, x);
        storeOutput = new reorder(out, outPlain);
        inputToShortcut = shortcut == x || projection ? null : new reorder(x, shortcut);

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
            throw new IllegalStateException("a bf16 residual block plan runs inference only");
        }
        Memories.bind(x, scratch.address(6, Memories.size(x)));
        if (training) {
            bindState(stateAddress);
        } else {
            bindScratch(scratch);
        }
        Memories.bind(zb, scratch.address(3, Memories.size(zb)));
        if (projection) {
            Memories.bind(zp, scratch.address(4, Memories.size(zp)));
        }
        Memories.bind(out, scratch.address(5, Memories.size(out)));
        Memories.bind(xPlain, input);
        Memories.bind(outPlain, output);
        loadInput.execute(runtime.stream(), xPlain, x);
        for (int branch : branches()) {
            Memories.bind(scale[branch], params.gammas()[branch]);
            Memories.bind(shift[branch], params.betas()[branch]);
            Memories.bind(mean[branch], means[branch]);
            Memories.bind(variance[branch], variances[branch]);
            if (bf16) {
                // bf16: each branch's converted weights are kept, and converted again only when stale
                cachedWeights[branch].refresh(params.weights()[branch]);
            } else {
                // one branch's blocked weights at a time: slot 0 holds the largest weight tensor once, not three
                Memories.bind(weightsPlain[branch], params.weights()[branch]);
                Memories.bind(weights[branch], scratch.address(0, Memories.size(weights[branch])));
                weightReorders[branch].execute(runtime.stream(), weightsPlain[branch], weights[branch]);
            }
            run(branch, training);
        }
        if (!projection && inputToShortcut != null) {
            Memories.bind(shortcut, scratch.address(4, Memories.size(shortcut)));
            inputToShortcut.execute(runtime.stream(), x, shortcut);
        }
        addRelu.execute(runtime.stream(), addArgs);
        storeOutput.execute(runtime.stream(), out, outPlain);
    }

    @Override
    public void backward(long stateAddress, long input, long output, long diffOutput, long diffInput,
            BranchAddresses params, long[] means, long[] variances, BranchAddresses gradients, Scratch scratch) {
        if (bf16) {
            throw new IllegalStateException("a bf16 residual block plan runs inference only");
        }
        if (backward == null) {
            backward = new Backward();
        }
        bindState(stateAddress);
        // x again from the plain input (which DL4J keeps anyway) rather than a blocked copy in the state
        Memories.bind(xPlain, input);
        Memories.bind(x, scratch.address(8, Memories.size(x)));
        loadInput.execute(runtime.stream(), xPlain, x);
        for (int branch : branches()) {
            Memories.bind(scale[branch], params.gammas()[branch]);
            Memories.bind(shift[branch], params.betas()[branch]);
            Memories.bind(mean[branch], means[branch]);
            Memories.bind(variance[branch], variances[branch]);
        }
        backward.run(output, diffOutput, diffInput, params, gradients, scratch);
    }

    private int[] branches() {
        return projection ? new int[] {A, B, P} : new int[] {A, B};
    }

    private void run(int branch, boolean training) {
        convs[branch].execute(runtime.stream(), convArgs[branch]);
        (training ? trainingNorms[branch] : inferenceNorms[branch]).execute(runtime.stream(), normArgs[branch]);
    }

    /** The tensors the training forward keeps for the backward pass, in state-buffer order. */
    private memory[] kept() {
        return new memory[] {ya, za, workspaceA, yb, yp};
    }

    private void bindState(long base) {
        state.bind(kept(), base);
    }

    /**
     * Inference: the tensors training keeps live in scratch, sharing slots where one is dead before the next is
     * written: ya, then yb, then yp in 7; za in 8; the ReLU mask (unused) in 9.
     */
    private void bindScratch(Scratch scratch) {
        Memories.bind(ya, scratch.address(7, Memories.size(ya)));
        Memories.bind(yb, scratch.address(7, Memories.size(yb)));
        Memories.bind(yp, scratch.address(7, Memories.size(yp)));
        Memories.bind(za, scratch.address(8, Memories.size(za)));
        Memories.bind(workspaceA, scratch.address(9, Memories.size(workspaceA)));
    }

    private convolution_forward.primitive_desc convolutionDesc(ConvolutionGeometry g, memory.desc src,
            memory.desc dst) {
        return new convolution_forward.primitive_desc(new convolution_forward.desc(
                bf16 ? prop_kind.forward_inference : prop_kind.forward_training, algorithm.convolution_direct, src,
                Memories.any(g.weightDims(), bf16 ? data_type.bf16 : data_type.f32), dst, g.strides(),
                g.oneDnnDilation(), g.padBegin(), g.padEnd()), runtime.engine());
    }

    /**
     * The backward primitives, built on the first backward pass. Scratch slots, shared where one tensor is dead
     * before the next is written (branches run projection, b, a): 0 the branch's weights in backward-data layout, 3
     * the gradient at the sum, 4 dyp, then dyb, then dya; 5 dxp (or, for the identity, the shortcut's gradient
     * reordered to the input's layout when oneDNN chose another); 6 dza, then dx; 7 the branch's weight gradient in
     * oneDNN's layout; 8 x.
     */
    private final class Backward {
        private final memory outputPlain;
        private final memory diffOutPlain;
        private final memory diffInPlain;
        private final memory diffSum;
        private final memory diffYp;
        private final memory diffXp;
        private final memory diffYb;
        private final memory diffZa;
        private final memory diffYa;
        private final memory diffX;
        private final memory[] dataWeights = new memory[3];
        private final reorder[] dataWeightReorders = new reorder[3];
        private final memory[] diffWeights = new memory[3];
        private final memory[] diffWeightsPlain = new memory[3];
        private final reorder[] diffWeightReorders = new reorder[3];
        private final memory[] diffScale = new memory[3];
        private final memory[] diffShift = new memory[3];
        private final convolution_backward_data[] data = new convolution_backward_data[3];
        private final IntMemoryMap[] dataArgs = new IntMemoryMap[3];
        private final convolution_backward_weights[] weightsGrad = new convolution_backward_weights[3];
        private final IntMemoryMap[] weightsArgs = new IntMemoryMap[3];
        private final batch_normalization_backward[] norms = new batch_normalization_backward[3];
        private final IntMemoryMap[] normArgs = new IntMemoryMap[3];
        private final eltwise_backward relu;
        private final IntMemoryMap reluArgs = new IntMemoryMap();
        /** The shortcut's gradient in the input's layout: a reorder of it when oneDNN chose another layout. */
        private final memory shortcutInInputLayout;
        private final reorder shortcutToInputLayout;
        private final binary addInputGradients;
        private final IntMemoryMap addArgs = new IntMemoryMap();
        private final reorder loadDiffOut;
        private final reorder storeDiffIn;

        Backward() {
            memory.desc act = out.get_desc();
            memory.desc xDesc = x.get_desc();
            outputPlain = Memories.unbound(runtime, outPlain.get_desc());
            diffOutPlain = Memories.unbound(runtime, outPlain.get_desc());
            diffInPlain = Memories.unbound(runtime, xPlain.get_desc());
            diffSum = Memories.unbound(runtime, act);
            diffYp = Memories.unbound(runtime, act);
            diffXp = Memories.unbound(runtime, xDesc);
            diffYb = Memories.unbound(runtime, act);
            diffZa = Memories.unbound(runtime, act);
            diffYa = Memories.unbound(runtime, act);
            diffX = Memories.unbound(runtime, xDesc);
            // the output ReLU's backward runs on the plain output DL4J keeps, in place on the plain gradient
            memory.desc plainOut = outPlain.get_desc();
            eltwise_forward.primitive_desc reluHint = new eltwise_forward.primitive_desc(
                    new eltwise_forward.desc(prop_kind.forward_training, algorithm.eltwise_relu_use_dst_for_bwd,
                            plainOut, 0f, 0f), runtime.engine());
            relu = new eltwise_backward(new eltwise_backward.primitive_desc(new eltwise_backward.desc(
                    algorithm.eltwise_relu_use_dst_for_bwd, plainOut, plainOut, 0f, 0f), runtime.engine(),
                    reluHint));
            reluArgs.put(DNNL_ARG_DST, outputPlain);
            reluArgs.put(DNNL_ARG_DIFF_DST, diffOutPlain);
            reluArgs.put(DNNL_ARG_DIFF_SRC, diffOutPlain);
            int scaleShift = normalization_flags.use_scale.value | normalization_flags.use_shift.value;
            for (int branch : branches()) {
                convolution_forward.primitive_desc forward = convDescs[branch];
                memory.desc src = branch == B ? act : xDesc;
                ConvolutionGeometry g = geometries[branch];
                memory.desc weightsAny = Memories.any(g.weightDims());
                convolution_backward_data.primitive_desc dataDesc = new convolution_backward_data.primitive_desc(
                        new convolution_backward_data.desc(algorithm.convolution_direct, src, weightsAny, act,
                                g.strides(), g.oneDnnDilation(), g.padBegin(), g.padEnd()),
                        runtime.engine(), forward);
                data[branch] = new convolution_backward_data(dataDesc);
                dataWeights[branch] = Memories.unbound(runtime, dataDesc.weights_desc());
                dataWeightReorders[branch] = new reorder(weightsPlain[branch], dataWeights[branch]);
                convolution_backward_weights.primitive_desc weightsDesc =
                        new convolution_backward_weights.primitive_desc(new convolution_backward_weights.desc(
                                algorithm.convolution_direct, src, weightsAny, act, g.strides(), g.oneDnnDilation(),
                                g.padBegin(), g.padEnd()), runtime.engine(), forward);
                weightsGrad[branch] = new convolution_backward_weights(weightsDesc);
                diffWeights[branch] = Memories.unbound(runtime, weightsDesc.diff_weights_desc());
                diffWeightsPlain[branch] = Memories.unbound(runtime, weightsPlain[branch].get_desc());
                diffWeightReorders[branch] = new reorder(diffWeights[branch], diffWeightsPlain[branch]);
                diffScale[branch] = Memories.unbound(runtime, scale[branch].get_desc());
                diffShift[branch] = Memories.unbound(runtime, shift[branch].get_desc());
                int flags = scaleShift | (branch == A ? normalization_flags.fuse_norm_relu.value : 0);
                norms[branch] = new batch_normalization_backward(new batch_normalization_backward.primitive_desc(
                        new batch_normalization_backward.desc(prop_kind.backward.value, act, act,
                                epsilon, flags), runtime.engine(), trainingNormDescs[branch]));

                memory diffConvOut = branch == A ? diffYa : branch == B ? diffYb : diffYp;
                memory diffNormOut = branch == A ? diffZa : diffSum;
                memory diffConvIn = branch == A ? diffX : branch == B ? diffZa : diffXp;
                memory convIn = branch == B ? za : x;
                normArgs[branch] = new IntMemoryMap();
                normArgs[branch].put(DNNL_ARG_SRC, branch == A ? ya : branch == B ? yb : yp);
                normArgs[branch].put(DNNL_ARG_MEAN, mean[branch]);
                normArgs[branch].put(DNNL_ARG_VARIANCE, variance[branch]);
                normArgs[branch].put(DNNL_ARG_SCALE, scale[branch]);
                normArgs[branch].put(DNNL_ARG_SHIFT, shift[branch]);
                normArgs[branch].put(DNNL_ARG_DIFF_DST, diffNormOut);
                normArgs[branch].put(DNNL_ARG_DIFF_SRC, diffConvOut);
                normArgs[branch].put(DNNL_ARG_DIFF_SCALE, diffScale[branch]);
                normArgs[branch].put(DNNL_ARG_DIFF_SHIFT, diffShift[branch]);
                if (branch == A) {
                    normArgs[branch].put(DNNL_ARG_WORKSPACE, workspaceA);
                }
                dataArgs[branch] = new IntMemoryMap();
                dataArgs[branch].put(DNNL_ARG_DIFF_DST, diffConvOut);
                dataArgs[branch].put(DNNL_ARG_WEIGHTS, dataWeights[branch]);
                dataArgs[branch].put(DNNL_ARG_DIFF_SRC, diffConvIn);
                weightsArgs[branch] = new IntMemoryMap();
                weightsArgs[branch].put(DNNL_ARG_SRC, convIn);
                weightsArgs[branch].put(DNNL_ARG_DIFF_DST, diffConvOut);
                weightsArgs[branch].put(DNNL_ARG_DIFF_WEIGHTS, diffWeights[branch]);
            }
            memory shortcutGradient = projection ? diffXp : diffSum;
            if (shortcutGradient.get_desc().equals(xDesc)) {
                shortcutInInputLayout = shortcutGradient;
                shortcutToInputLayout = null;
            } else {
                shortcutInInputLayout = Memories.unbound(runtime, xDesc);
                shortcutToInputLayout = new reorder(shortcutGradient, shortcutInInputLayout);
            }
            addInputGradients = new binary(new binary.primitive_desc(
                    new binary.desc(algorithm.binary_add, xDesc, xDesc, xDesc), runtime.engine()));
            addArgs.put(DNNL_ARG_SRC_0, diffX);
            addArgs.put(DNNL_ARG_SRC_1, shortcutInInputLayout);
            addArgs.put(DNNL_ARG_DST, diffX);
            loadDiffOut = new reorder(diffOutPlain, diffSum);
            storeDiffIn = new reorder(diffX, diffInPlain);
        }

        void run(long output, long diffOutput, long diffInput, BranchAddresses params, BranchAddresses gradients,
                Scratch scratch) {
            Memories.bind(outputPlain, output);
            Memories.bind(diffOutPlain, diffOutput);
            Memories.bind(diffInPlain, diffInput);
            Memories.bind(diffSum, scratch.address(3, Memories.size(diffSum)));
            Memories.bind(diffYp, scratch.address(4, Memories.size(diffYp)));
            Memories.bind(diffXp, scratch.address(5, Memories.size(diffXp)));
            Memories.bind(diffYb, scratch.address(4, Memories.size(diffYb)));
            Memories.bind(diffZa, scratch.address(6, Memories.size(diffZa)));
            Memories.bind(diffYa, scratch.address(4, Memories.size(diffYa)));
            Memories.bind(diffX, scratch.address(6, Memories.size(diffX)));
            relu.execute(runtime.stream(), reluArgs);
            loadDiffOut.execute(runtime.stream(), diffOutPlain, diffSum);
            int[] order = projection ? new int[] {P, B, A} : new int[] {B, A};
            for (int branch : order) {
                Memories.bind(weightsPlain[branch], params.weights()[branch]);
                Memories.bind(dataWeights[branch], scratch.address(0, Memories.size(dataWeights[branch])));
                dataWeightReorders[branch].execute(runtime.stream(), weightsPlain[branch], dataWeights[branch]);
                Memories.bind(diffScale[branch], gradients.gammas()[branch]);
                Memories.bind(diffShift[branch], gradients.betas()[branch]);
                norms[branch].execute(runtime.stream(), normArgs[branch]);
                data[branch].execute(runtime.stream(), dataArgs[branch]);
                Memories.bind(diffWeights[branch], scratch.address(7, Memories.size(diffWeights[branch])));
                weightsGrad[branch].execute(runtime.stream(), weightsArgs[branch]);
                Memories.bind(diffWeightsPlain[branch], gradients.weights()[branch]);
                diffWeightReorders[branch].execute(runtime.stream(), diffWeights[branch], diffWeightsPlain[branch]);
            }
            if (shortcutToInputLayout != null) {
                Memories.bind(shortcutInInputLayout, scratch.address(5, Memories.size(shortcutInInputLayout)));
                shortcutToInputLayout.execute(runtime.stream(), projection ? diffXp : diffSum, shortcutInInputLayout);
            }
            addInputGradients.execute(runtime.stream(), addArgs);
            storeDiffIn.execute(runtime.stream(), diffX, diffInPlain);
        }
    }
}
