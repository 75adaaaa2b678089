package org.densereg.network.onednn;

import java.util.List;
import org.deeplearning4j.nn.weights.IWeightInit;

/**
 * What a fused layer configuration ({@link ResidualBlockLayer}, {@link StemLayer}) tells its parameters
 * ({@link FusedParams}), its runtime layer ({@link OneDnnFusedLayer}) and {@link BlockFusion}. A fused layer is a
 * sequence of "branches", each a bias-free convolution followed by a batch norm with running mean and log10 σ.
 */
interface FusedLayerConfig {

    /** The branch prefixes of the parameter names, in parameter order (e.g. "a", "b", "proj"). */
    List<String> branches();

    /** [C, Cin, kH, kW] of a branch's convolution weights. */
    long[] weightShape(int branch);

    /** A branch convolution's stride (for the weight initialisation's fan-out, as DL4J computes it). */
    int weightStride(int branch);

    /** Batch-norm running-statistics decay. */
    double getDecay();

    /** Batch-norm ε. */
    double getEps();

    /** The weight initialisation. */
    IWeightInit getWeightInitFn();

    /**
     * Whether the backward pass computes the gradient at the layer's input: not where that input is the network's
     * own input, whose gradient nothing reads (the layer then returns no epsilon, as DL4J allows).
     */
    boolean computesInputGradient();

    /**
     * The oneDNN primitives for one input shape [N, C, H, W].
     *
     * @param bf16 bf16 activations and weights, for inference only; else float32
     */
    FusedPlan newPlan(OneDnnRuntime runtime, long[] inputShape, boolean bf16);

    /**
     * The standard graph's "layer/param" for one of this layer's parameters.
     *
     * @param fusedName the fused layer's vertex name
     * @param key       a parameter key ({@link FusedParams})
     */
    String standardKey(String fusedName, String key);
}
