package org.densereg.network.onednn;

import java.util.List;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;

/**
 * Configuration of a network stem as one layer, run by oneDNN in blocked layout ({@link StemPlan}): a bias-free k×k
 * convolution with stride s and padding (k − 1)/2, batch norm, ReLU and max-pooling. Input [N, Cin, H, W] NCHW,
 * output [N, C, Hp, Wp] as the pooling layer computes it.
 *
 * <p>It holds the configurations and names of the standard graph's convolution, batch-norm and ReLU layers and the
 * pooling layer it replaces (the fused layer takes the pooling layer's name), computes what they compute with the
 * same parameters ({@link FusedParams}, branch "stem"), updaters and regularisation, and passes updater and
 * regularisation settings on to the held layers, so {@link BlockFusion} can give the standard form back exactly.
 */
public class StemLayer extends FusedLayer {

    private static final long serialVersionUID = 1L;
    private static final List<String> BRANCHES = List.of("stem");

    private ConvolutionLayer conv;
    private BatchNormalization norm;
    private SubsamplingLayer pool;
    private String convName;
    private String normName;
    private String reluName;
    private boolean inputGradient = true;

    /** For serialisation. */
    public StemLayer() {
    }

    /**
     * @param conv     the convolution (square kernel k, square stride, padding (k − 1)/2, dilation 1, no bias)
     * @param norm     its batch norm
     * @param pool     the max-pooling layer (square kernel, stride and padding)
     * @param convName the convolution's vertex name in the standard graph
     * @param normName the batch norm's vertex name
     * @param reluName the ReLU's vertex name
     */
    public StemLayer(ConvolutionLayer conv, BatchNormalization norm, SubsamplingLayer pool, String convName,
            String normName, String reluName) {
        this.conv = conv;
        this.norm = norm;
        this.pool = pool;
        this.convName = convName;
        this.normName = normName;
        this.reluName = reluName;
        trainLike(conv);
    }

    public ConvolutionLayer getConv() {
        return conv;
    }

    public BatchNormalization getNorm() {
        return norm;
    }

    public SubsamplingLayer getPool() {
        return pool;
    }

    public String getConvName() {
        return convName;
    }

    public String getNormName() {
        return normName;
    }

    public String getReluName() {
        return reluName;
    }

    /** Whether the backward pass computes the gradient at the input (true unless the input is the network's). */
    public boolean isInputGradient() {
        return inputGradient;
    }

    public void setInputGradient(boolean inputGradient) {
        this.inputGradient = inputGradient;
    }

    @Override
    public boolean computesInputGradient() {
        return inputGradient;
    }

    @Override
    protected List<BaseLayer> heldLayers() {
        return present(conv, norm);
    }

    @Override
    public StemLayer clone() {
        StemLayer clone = (StemLayer) super.clone();
        clone.conv = conv.clone();
        clone.norm = norm.clone();
        clone.pool = pool.clone();
        return clone;
    }

    @Override
    public List<String> branches() {
        return BRANCHES;
    }

    @Override
    public long[] weightShape(int branch) {
        return new long[] {conv.getNOut(), conv.getNIn(), conv.getKernelSize()[0], conv.getKernelSize()[1]};
    }

    @Override
    public int weightStride(int branch) {
        return conv.getStride()[0];
    }

    @Override
    public double getDecay() {
        return norm.getDecay();
    }

    @Override
    public double getEps() {
        return norm.getEps();
    }

    @Override
    public FusedPlan newPlan(OneDnnRuntime runtime, long[] inputShape, boolean bf16) {
        return new StemPlan(runtime, inputShape, (int) conv.getNOut(), conv.getKernelSize()[0], conv.getStride()[0],
                pool.getKernelSize()[0], pool.getStride()[0], pool.getPadding()[0], norm.getEps(), bf16);
    }

    /** {@code stemW} → the convolution's {@code W}; {@code stemBnGamma} → the batch norm's {@code gamma}, ... */
    @Override
    public String standardKey(String fusedName, String key) {
        FusedParams.Key k = FusedParams.Key.of(key);
        return (k.norm() ? normName : convName) + "/" + k.param();
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return pool.getOutputType(layerIndex, conv.getOutputType(layerIndex, inputType));
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        InputType out = getOutputType(-1, inputType);
        return new LayerMemoryReport.Builder(layerName, StemLayer.class, inputType, out)
                .standardMemory(initializer().numParams(this), 0)
                .workingMemory(0, 0, 4 * conv.getOutputType(-1, inputType).arrayElementsPerExample(), 0)
                .cacheMemory(0, 0).build();
    }
}
