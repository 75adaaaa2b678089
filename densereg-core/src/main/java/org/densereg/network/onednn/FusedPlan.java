package org.densereg.network.onednn;

/**
 * The oneDNN primitives of a fused layer at one input shape ({@link ResidualBlockPlan}, {@link StemPlan}). All
 * arguments are native addresses of float32 buffers; per-branch arrays are indexed like
 * {@link FusedLayerConfig#branches()}.
 */
interface FusedPlan {

    /** [N, C, Ho, Wo]. */
    long[] outputDims();

    /** Floats of the training state buffer (its base address must be 64-byte aligned). */
    long stateFloats();

    /**
     * The forward pass.
     *
     * @param training     batch statistics (written to {@code means}/{@code variances}, and the state kept for
     *                     {@link #backward}) or the given running statistics
     * @param input        [N, Cin, H, W] plain input
     * @param output       [N, C, Ho, Wo] plain output, written
     * @param stateAddress training only: the state buffer of {@link #stateFloats()} floats
     * @param params       per branch: weights (OIHW), γ, β [C]
     * @param means        per branch [C]: written in training, read in inference
     * @param variances    per branch [C] (biased batch variance): written in training, read in inference
     * @param scratch      the call's temporary tensors
     */
    void forward(boolean training, long input, long output, long stateAddress, BranchAddresses params, long[] means,
            long[] variances, Scratch scratch);

    /**
     * Gradients, after a training {@link #forward} with the same state buffer and batch statistics.
     *
     * @param stateAddress the training forward's state buffer
     * @param input        [N, Cin, H, W] the training forward's plain input
     * @param output       [N, C, Ho, Wo] the training forward's plain output
     * @param diffOutput   [N, C, Ho, Wo] plain gradient at the output; may be overwritten
     * @param diffInput    [N, Cin, H, W] plain gradient at the input, written; 0 when not wanted
     *                     ({@link FusedLayerConfig#computesInputGradient()})
     * @param params       the forward's parameters
     * @param means        the forward's batch means
     * @param variances    the forward's batch variances
     * @param gradients    per branch: written weight, γ and β gradients (plain, same shapes as the parameters)
     * @param scratch      the call's temporary tensors
     */
    void backward(long stateAddress, long input, long output, long diffOutput, long diffInput,
            BranchAddresses params, long[] means, long[] variances, BranchAddresses gradients, Scratch scratch);

    /**
     * Native addresses of one kind of per-branch argument.
     *
     * @param weights [C, Cin, k, k] OIHW
     * @param gammas  [C]
     * @param betas   [C]
     */
    record BranchAddresses(long[] weights, long[] gammas, long[] betas) {
    }
}
