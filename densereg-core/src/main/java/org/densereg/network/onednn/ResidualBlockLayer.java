package org.densereg.network.onednn;

import java.util.List;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;

/**
 * Configuration of a whole post-activation residual basic block as one layer, run by oneDNN in blocked layout
 * ({@link ResidualBlockPlan}): 3×3 convolution (stride s, dilation d) + batch norm + ReLU, 3×3 convolution (dilation
 * d) + batch norm, plus the shortcut (the identity, or a 1×1/s convolution + batch norm), then ReLU. Input
 * [N, Cin, H, W] NCHW, output [N, C, (H − 1)/s + 1, (W − 1)/s + 1].
 *
 * <p>It holds the configurations of the standard graph's layers it replaces ({@code X_a}, {@code X_a_bn}, {@code X_b},
 * {@code X_b_bn}, and {@code X_proj}, {@code X_proj_bn} with a projection) and computes exactly what they compute
 * with {@code X_a_relu}, {@code X_add} and {@code X_out}: same parameters ({@link FusedParams}), updaters
 * (the batch norms' running statistics take DL4J's no-op updater and are moved through their "gradient", as DL4J's
 * BatchNormalization does) and regularisation (convolution weights only). Setting the updater or the regularisation
 * on this layer sets it on the held layers, so {@link BlockFusion} can always give the standard form back exactly.
 * Graphs holding it are made by {@link BlockFusion}; saved models hold the standard form.
 */
public class ResidualBlockLayer extends FusedLayer {

    private static final long serialVersionUID = 1L;

    private ConvolutionLayer convA;
    private BatchNormalization normA;
    private ConvolutionLayer convB;
    private BatchNormalization normB;
    private ConvolutionLayer convProjection;
    private BatchNormalization normProjection;

    /** For serialisation. */
    public ResidualBlockLayer() {
    }

    /**
     * @param convA          3×3 convolution, stride s, dilation d, padding d, no bias, Cin → C
     * @param normA          its batch norm
     * @param convB          3×3 convolution, stride 1, dilation d, padding d, no bias, C → C
     * @param normB          its batch norm
     * @param convProjection 1×1 convolution, stride s, no bias, Cin → C; null for the identity shortcut
     * @param normProjection its batch norm; null for the identity shortcut
     */
    public ResidualBlockLayer(ConvolutionLayer convA, BatchNormalization normA, ConvolutionLayer convB,
            BatchNormalization normB, ConvolutionLayer convProjection, BatchNormalization normProjection) {
        this.convA = convA;
        this.normA = normA;
        this.convB = convB;
        this.normB = normB;
        this.convProjection = convProjection;
        this.normProjection = normProjection;
        if (!isProjection() && (getNIn() != getNOut() || getStride() != 1)) {
            throw new IllegalArgumentException("an identity shortcut needs Cin = C and stride 1, got Cin=" + getNIn()
                    + " C=" + getNOut() + " stride=" + getStride());
        }
        trainLike(convA);
    }

    @Override
    protected List<BaseLayer> heldLayers() {
        return present(convA, normA, convB, normB, convProjection, normProjection);
    }

    public ConvolutionLayer getConvA() {
        return convA;
    }

    public BatchNormalization getNormA() {
        return normA;
    }

    public ConvolutionLayer getConvB() {
        return convB;
    }

    public BatchNormalization getNormB() {
        return normB;
    }

    public ConvolutionLayer getConvProjection() {
        return convProjection;
    }

    public BatchNormalization getNormProjection() {
        return normProjection;
    }

    /** Cin. */
    public long getNIn() {
        return convA.getNIn();
    }

    /** C. */
    public long getNOut() {
        return convA.getNOut();
    }

    public int getStride() {
        return convA.getStride()[0];
    }

    public int getDilation() {
        return convA.getDilation()[0];
    }

    public boolean isProjection() {
        return convProjection != null;
    }

    /** Batch-norm running-statistics decay (the same for all three batch norms, checked by {@link BlockFusion}). */
    public double getDecay() {
        return normA.getDecay();
    }

    /** Batch-norm ε. */
    public double getEps() {
        return normA.getEps();
    }

    /** Output side for an input side: (s − 1)/stride + 1. */
    public long outputSize(long inputSize) {
        return (inputSize - 1) / getStride() + 1;
    }

    @Override
    public ResidualBlockLayer clone() {
        ResidualBlockLayer clone = (ResidualBlockLayer) super.clone();
        clone.convA = convA.clone();
        clone.normA = normA.clone();
        clone.convB = convB.clone();
        clone.normB = normB.clone();
        clone.convProjection = convProjection == null ? null : convProjection.clone();
        clone.normProjection = normProjection == null ? null : normProjection.clone();
        return clone;
    }

    private static final List<String> BRANCHES = List.of("a", "b");
    private static final List<String> BRANCHES_WITH_PROJECTION = List.of("a", "b", "proj");

    /** "a", "b", and "proj" with a projection shortcut. */
    @Override
    public List<String> branches() {
        return isProjection() ? BRANCHES_WITH_PROJECTION : BRANCHES;
    }

    /** [C, Cin|C, k, k] of a branch (k = 3 for a and b, 1 for the projection). */
    @Override
    public long[] weightShape(int branch) {
        long in = branch == ResidualBlockPlan.B ? getNOut() : getNIn();
        long k = branch == ResidualBlockPlan.P ? 1 : 3;
        return new long[] {getNOut(), in, k, k};
    }

    @Override
    public int weightStride(int branch) {
        return branch == ResidualBlockPlan.B ? 1 : getStride();
    }

    @Override
    public boolean computesInputGradient() {
        return true;
    }

    @Override
    public FusedPlan newPlan(OneDnnRuntime runtime, long[] inputShape, boolean bf16) {
        return new ResidualBlockPlan(runtime, inputShape, (int) getNOut(), getStride(), getDilation(),
                isProjection(), getEps(), bf16);
    }

    /**
     * {@code aW} → {@code <block>_a/W}, {@code projBnLog10stdev} → {@code <block>_proj_bn/log10stdev}, where the
     * fused layer is named {@code <block>_out}.
     */
    @Override
    public String standardKey(String fusedName, String key) {
        String block = fusedName.substring(0, fusedName.length() - "_out".length());
        FusedParams.Key k = FusedParams.Key.of(key);
        return block + "_" + k.branch() + (k.norm() ? "_bn" : "") + "/" + k.param();
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        if (!(inputType instanceof InputType.InputTypeConvolutional c)) {
            throw new IllegalArgumentException("ResidualBlockLayer needs convolutional (NCHW) input, got " + inputType);
        }
        return InputType.convolutional(outputSize(c.getHeight()), outputSize(c.getWidth()), getNOut());
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        InputType out = getOutputType(-1, inputType);
        long params = initializer().numParams(this);
        return new LayerMemoryReport.Builder(layerName, ResidualBlockLayer.class, inputType, out)
                .standardMemory(params, 0).workingMemory(0, 0, 7 * out.arrayElementsPerExample(), 0)
                .cacheMemory(0, 0).build();
    }
}
