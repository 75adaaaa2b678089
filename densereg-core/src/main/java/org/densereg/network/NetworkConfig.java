package org.densereg.network;

/**
 * Architecture and loss weights of a DenseReg face network (DESIGN §3, §4).
 *
 * @param depth                ResNet depth: 18 or 34 (basic blocks), 50 or 101 (bottleneck blocks)
 * @param widthMultiplier      channel multiplier in (0, 4] applied to every stage (1 = standard ResNet widths
 *                             64/128/256/512; 1/16 gives tiny test networks); channels are rounded, at least 1
 * @param bins                 K, bins per coordinate; each face head has K + 1 channels
 * @param inputHeight          input height in pixels, 8k + 1 with k ≥ 2 (e.g. 129, 321, 513)
 * @param inputWidth           input width in pixels, 8k + 1 with k ≥ 2
 * @param heatmapChannels      landmark-heatmap head channels (0 = no heatmap head)
 * @param clsWeight            λ_cls of the two bin cross-entropies, ≥ 0
 * @param regWeight            λ_reg of the two residual smooth-L1 losses, ≥ 0
 * @param heatmapWeight        λ of the heatmap MSE, ≥ 0 (unused without a heatmap head)
 * @param fullResolutionOutput true: heads are upsampled ×8 (bilinear, aligned corners) inside the graph and the
 *                             losses see input-sized maps; false: outputs and labels are at stride 8
 *                             ((H−1)/8 + 1 per side), upsample only at inference (see docs/network.md)
 * @param seed                 weight-initialisation seed
 * @param resnetVariant        which ResNet's block layout the backbone follows ({@link ResNetVariant}): TORCHVISION
 *                             (default; also when absent, as in configurations written before the key existed) or
 *                             KERAS (stride in the first 1×1 convolution, convolution biases, batch norm ε 1.001e-5;
 *                             depth 50 or 101), for initialising from Keras applications' {@code .h5} weights
 */
public record NetworkConfig(int depth, double widthMultiplier, int bins, int inputHeight, int inputWidth,
        int heatmapChannels, double clsWeight, double regWeight, double heatmapWeight, boolean fullResolutionOutput,
        long seed, ResNetVariant resnetVariant) {

    /** The output stride of the backbone. */
    public static final int OUTPUT_STRIDE = 8;

    /** A configuration with torchvision's ResNet layout ({@link ResNetVariant#TORCHVISION}). */
    public NetworkConfig(int depth, double widthMultiplier, int bins, int inputHeight, int inputWidth,
            int heatmapChannels, double clsWeight, double regWeight, double heatmapWeight,
            boolean fullResolutionOutput, long seed) {
        this(depth, widthMultiplier, bins, inputHeight, inputWidth, heatmapChannels, clsWeight, regWeight,
                heatmapWeight, fullResolutionOutput, seed, ResNetVariant.TORCHVISION);
    }

    /**
     * Validates every value; messages name the field and the allowed range. A null {@code resnetVariant} reads as
     * {@link ResNetVariant#TORCHVISION}.
     */
    public NetworkConfig {
        if (depth != 18 && depth != 34 && depth != 50 && depth != 101) {
            throw new IllegalArgumentException("depth must be 18, 34, 50 or 101, got " + depth);
        }
        resnetVariant = resnetVariant == null ? ResNetVariant.TORCHVISION : resnetVariant;
        if (resnetVariant == ResNetVariant.KERAS && depth < 50) {
            throw new IllegalArgumentException("resnetVariant KERAS needs depth 50 or 101 (Keras applications' ResNet"
                    + " v1 has bottleneck blocks only), got depth " + depth);
        }
        if (!(widthMultiplier > 0 && widthMultiplier <= 4)) {
            throw new IllegalArgumentException("widthMultiplier must be in (0, 4], got " + widthMultiplier);
        }
        if (bins < 1 || bins > 1000) {
            throw new IllegalArgumentException("bins must be in 1..1000, got " + bins);
        }
        checkSide("inputHeight", inputHeight);
        checkSide("inputWidth", inputWidth);
        if (heatmapChannels < 0) {
            throw new IllegalArgumentException("heatmapChannels must be >= 0, got " + heatmapChannels);
        }
        checkWeight("clsWeight", clsWeight);
        checkWeight("regWeight", regWeight);
        checkWeight("heatmapWeight", heatmapWeight);
    }

    private static void checkSide(String name, int side) {
        if (side < 17 || (side - 1) % OUTPUT_STRIDE != 0) {
            int k = Math.max(2, Math.round((side - 1) / (float) OUTPUT_STRIDE));
            throw new IllegalArgumentException(name + " must be 8k+1 with k >= 2 (e.g. 129, 321, 513), got " + side
                    + " (nearest valid: " + (OUTPUT_STRIDE * k + 1) + ")");
        }
    }

    private static void checkWeight(String name, double w) {
        if (!(w >= 0) || Double.isInfinite(w)) {
            throw new IllegalArgumentException(name + " must be finite and >= 0, got " + w);
        }
    }

    /**
     * The CPU-sized default: ResNet-18, width 1, K = 10, 129×129 input, no heatmap head, λ = 1, losses at
     * full resolution (see docs/network.md for the measurement behind that choice), seed 42.
     */
    public static NetworkConfig defaults() {
        return new NetworkConfig(18, 1.0, 10, 129, 129, 0, 1.0, 1.0, 1.0, true, 42L);
    }

    /** K + 1, the channel count of each face head. */
    public int headChannels() {
        return bins + 1;
    }

    /** Height of the stride-8 feature map: (inputHeight − 1)/8 + 1. */
    public int featureHeight() {
        return (inputHeight - 1) / OUTPUT_STRIDE + 1;
    }

    /** Width of the stride-8 feature map: (inputWidth − 1)/8 + 1. */
    public int featureWidth() {
        return (inputWidth - 1) / OUTPUT_STRIDE + 1;
    }

    /** Height of the network outputs: inputHeight at full resolution, else featureHeight. */
    public int outputHeight() {
        return fullResolutionOutput ? inputHeight : featureHeight();
    }

    /** Width of the network outputs: inputWidth at full resolution, else featureWidth. */
    public int outputWidth() {
        return fullResolutionOutput ? inputWidth : featureWidth();
    }

    /** Channels of a standard ResNet stage (64, 128, 256, 512 for stage 0..3) times the width multiplier. */
    public int stageWidth(int stage) {
        return Math.max(1, (int) Math.round((64 << stage) * widthMultiplier));
    }

    /** True for ResNet-50/101 (bottleneck blocks, expansion 4). */
    public boolean bottleneck() {
        return depth >= 50;
    }

    /** Blocks per stage (conv2_x … conv5_x). */
    public int[] blocksPerStage() {
        return switch (depth) {
            case 18 -> new int[] {2, 2, 2, 2};
            case 34, 50 -> new int[] {3, 4, 6, 3};
            default -> new int[] {3, 4, 23, 3};
        };
    }

    /** A copy with another input size. */
    public NetworkConfig withInputSize(int height, int width) {
        return new NetworkConfig(depth, widthMultiplier, bins, height, width, heatmapChannels, clsWeight, regWeight,
                heatmapWeight, fullResolutionOutput, seed, resnetVariant);
    }

    /** A copy with another width multiplier. */
    public NetworkConfig withWidthMultiplier(double multiplier) {
        return new NetworkConfig(depth, multiplier, bins, inputHeight, inputWidth, heatmapChannels, clsWeight,
                regWeight, heatmapWeight, fullResolutionOutput, seed, resnetVariant);
    }

    /** A copy with another depth. */
    public NetworkConfig withDepth(int newDepth) {
        return new NetworkConfig(newDepth, widthMultiplier, bins, inputHeight, inputWidth, heatmapChannels, clsWeight,
                regWeight, heatmapWeight, fullResolutionOutput, seed, resnetVariant);
    }

    /** A copy with the loss computed at full resolution ({@code true}) or at stride 8. */
    public NetworkConfig withFullResolutionOutput(boolean full) {
        return new NetworkConfig(depth, widthMultiplier, bins, inputHeight, inputWidth, heatmapChannels, clsWeight,
                regWeight, heatmapWeight, full, seed, resnetVariant);
    }

    /** A copy with a heatmap head of the given channel count (0 = none). */
    public NetworkConfig withHeatmapChannels(int channels) {
        return new NetworkConfig(depth, widthMultiplier, bins, inputHeight, inputWidth, channels, clsWeight,
                regWeight, heatmapWeight, fullResolutionOutput, seed, resnetVariant);
    }

    /** A copy with another ResNet block layout. */
    public NetworkConfig withResNetVariant(ResNetVariant variant) {
        return new NetworkConfig(depth, widthMultiplier, bins, inputHeight, inputWidth, heatmapChannels, clsWeight,
                regWeight, heatmapWeight, fullResolutionOutput, seed, variant);
    }

    /** A copy with other loss weights (λ_cls, λ_reg, λ_heatmap). */
    public NetworkConfig withLossWeights(double cls, double reg, double heatmap) {
        return new NetworkConfig(depth, widthMultiplier, bins, inputHeight, inputWidth, heatmapChannels, cls, reg,
                heatmap, fullResolutionOutput, seed, resnetVariant);
    }
}
