package org.densereg.network;

/**
 * Which published ResNet the backbone's layers follow, so that pretrained weights of that family compute in our
 * graph what they compute in theirs (dilation aside, see {@link DenseRegNetworkFactory}).
 */
public enum ResNetVariant {

    /**
     * torchvision's ResNet ("v1.5"), the default: a downsampling bottleneck block strides in its 3×3 convolution;
     * convolutions without bias (batch norm follows each); batch norm ε = 10⁻⁵.
     */
    TORCHVISION(1e-5, false, false),

    /**
     * Keras applications' ResNet50/101 ("v1", {@code keras.applications.ResNet50}): a downsampling bottleneck block
     * strides in its first 1×1 convolution (and its 1×1 projection); every convolution has a bias; batch norm ε =
     * 1.001·10⁻⁵. Bottleneck depths (50, 101) only: Keras applications have no ResNet-18/34.
     */
    KERAS(1.001e-5, true, true);

    private final double batchNormEpsilon;
    private final boolean convolutionBias;
    private final boolean strideInFirstConvolution;

    ResNetVariant(double batchNormEpsilon, boolean convolutionBias, boolean strideInFirstConvolution) {
        this.batchNormEpsilon = batchNormEpsilon;
        this.convolutionBias = convolutionBias;
        this.strideInFirstConvolution = strideInFirstConvolution;
    }

    /** @return ε added to the variance by every batch norm of the backbone */
    public double batchNormEpsilon() {
        return batchNormEpsilon;
    }

    /** @return whether every backbone convolution has a bias */
    public boolean convolutionBias() {
        return convolutionBias;
    }

    /** @return true: a strided bottleneck block strides in its first 1×1 convolution; false: in its 3×3 */
    public boolean strideInFirstConvolution() {
        return strideInFirstConvolution;
    }
}
