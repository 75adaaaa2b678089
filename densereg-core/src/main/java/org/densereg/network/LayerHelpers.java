package org.densereg.network;

import java.util.Locale;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.LayerHelper;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.densereg.runtime.Nd4jEnvironment;

/**
 * Whether DL4J's convolution and batch-norm layers run through cuDNN on the CUDA backend, and how to tell.
 *
 * <p>DL4J's {@code ConvolutionLayer} and {@code BatchNormalization} create their cuDNN helper by class name
 * ({@value #CONVOLUTION_HELPER}, {@code …CudnnBatchNormalizationHelper}), which live in the module
 * {@code deeplearning4j-cuda-11.6}; when that class is missing the layer silently runs ND4J's own CUDA code (im2col and
 * cuBLAS GEMM for a convolution). The reliable check is therefore the helper object each layer holds after its first
 * use ({@link #cudnnLayers}), and, before any graph exists, whether the helper class loads. libnd4j's cuDNN build
 * (the {@code cudnn} classifier of {@code nd4j-cuda-11.6}, "HAVE_CUDNN" in its build information) serves libnd4j's own
 * operations (conv2d, batchnorm, pooling as SameDiff calls them), which DL4J's layers do not call.
 */
public final class LayerHelpers {

    /** The class DL4J's convolution layer loads for cuDNN on the CUDA backend. */
    public static final String CONVOLUTION_HELPER = "org.deeplearning4j.cuda.convolution.CudnnConvolutionHelper";

    private LayerHelpers() {
    }

    /** True when DL4J's cuDNN helper classes are on the classpath (never for DL4J 1.0.0-M2.1, which publishes none). */
    public static boolean cudnnHelperClassesPresent() {
        try {
            Class.forName(CONVOLUTION_HELPER, false, LayerHelpers.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * The cuDNN situation of this process in one line, for {@code densereg env} and the training log: "not applicable"
     * on the CPU backend; on CUDA, whether DL4J's helper classes exist and whether libnd4j was built with cuDNN.
     */
    public static String cudnnStatus() {
        Nd4jEnvironment env = Nd4jEnvironment.current();
        if (env.isCpu()) {
            return "not applicable (" + env.backend() + ")";
        }
        String layers = cudnnHelperClassesPresent()
                ? "DL4J's cuDNN layer helpers are on the classpath"
                : "DL4J's cuDNN layer helpers are absent (deeplearning4j-cuda-11.6 was not published for 1.0.0-M2.1): "
                        + "convolutions and batch norm run ND4J's CUDA kernels (im2col + cuBLAS)";
        return layers + "; libnd4j " + (Nd4jEnvironment.nativeBuildInfo().contains("HAVE_CUDNN")
                ? "built with cuDNN (used by its own ops, not by DL4J's layers)" : "built without cuDNN");
    }

    /**
     * How many of the graph's convolution and batch-norm layers hold a cuDNN helper, as "k of n"; meaningful after the
     * graph has run once (DL4J creates helpers lazily on some paths) and on the CUDA backend.
     *
     * @param graph an initialised graph
     * @return e.g. "0 of 24 convolution/batch-norm layers use cuDNN"
     */
    public static String cudnnLayers(ComputationGraph graph) {
        int total = 0;
        int cudnn = 0;
        for (Layer layer : graph.getLayers()) {
            LayerHelper helper = null;
            if (layer instanceof ConvolutionLayer conv) {
                helper = conv.getHelper();
            } else if (layer instanceof BatchNormalization bn) {
                helper = bn.getHelper();
            } else {
                continue;
            }
            total++;
            if (helper != null && helper.getClass().getSimpleName().toLowerCase(Locale.ROOT).contains("cudnn")) {
                cudnn++;
            }
        }
        return cudnn + " of " + total + " convolution/batch-norm layers use cuDNN";
    }
}
