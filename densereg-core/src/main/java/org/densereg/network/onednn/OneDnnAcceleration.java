package org.densereg.network.onednn;

import java.lang.reflect.Field;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.densereg.runtime.Nd4jEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts oneDNN behind the convolution and batch-normalisation layers of a DL4J graph on the CPU backend.
 *
 * <p>DL4J's ConvolutionLayer and BatchNormalization layers call a "helper" when one is set (the hook DL4J uses for
 * cuDNN); {@link #install} sets oneDNN helpers on every such layer. Nothing in the graph's configuration or saved
 * form changes, so a model trained with oneDNN loads and runs without it and vice versa; any call the helpers do not
 * handle (another layout or data type) runs DL4J's own code, and a helper that fails once is replaced by DL4J's
 * code for that layer with a logged warning.
 *
 * <p>Disabled by the system property {@value #PROPERTY}{@code =false}, on any backend other than the CPU one, and when
 * the oneDNN natives cannot be loaded (the reason is logged).
 */
public final class OneDnnAcceleration {

    /** System property; {@code false} keeps DL4J's own implementations. */
    public static final String PROPERTY = "densereg.onednn";
    /** System property; {@code false} keeps the residual blocks as separate layers (each still run by oneDNN). */
    public static final String FUSE_PROPERTY = "densereg.onednn.fuse";

    private static final Logger LOG = LoggerFactory.getLogger(OneDnnAcceleration.class);
    private static volatile boolean reported;

    private OneDnnAcceleration() {
    }

    /**
     * The graph as it runs fastest here: on the CPU backend with oneDNN, its fused form ({@link BlockFusion#fuse}: a
     * new graph with the same parameters, updater state and counters, whose residual basic blocks and stem are
     * {@link ResidualBlockLayer}s and a {@link StemLayer} and whose pixel-loss layers are
     * {@link PixelLossOutputLayer}s), with oneDNN helpers on its other convolution and batch-norm layers; otherwise
     * {@code graph} itself. Save the result through {@link BlockFusion#standard}.
     *
     * @param graph an initialised graph in standard form
     */
    public static ComputationGraph accelerate(ComputationGraph graph) {
        if (install(graph) == 0 || !fusesBlocks()) {
            return graph;
        }
        return BlockFusion.fuse(graph);
    }

    /** Whether {@link #accelerate} fuses residual blocks: oneDNN is usable and {@value #FUSE_PROPERTY} is not false. */
    public static boolean fusesBlocks() {
        return unavailableReason() == null
                && !"false".equalsIgnoreCase(System.getProperty(FUSE_PROPERTY, "true").trim());
    }

    /**
     * Sets oneDNN helpers on the graph's convolution and batch-normalisation layers when this process may use them.
     * Call after {@code graph.init()}; calling again is harmless.
     *
     * @param graph an initialised graph
     * @return the number of layers now run by oneDNN (0 when disabled or unavailable)
     */
    public static int install(ComputationGraph graph) {
        String reason = unavailableReason();
        if (reason != null) {
            report("oneDNN acceleration off: " + reason);
            return 0;
        }
        OneDnnRuntime runtime = OneDnnRuntime.get();
        int count = 0;
        for (Layer layer : graph.getLayers()) {
            if (layer.getClass() == ConvolutionLayer.class) {
                boolean bias = ((ConvolutionLayer) layer).hasBias();
                setHelper(ConvolutionLayer.class, layer, new OneDnnConvolutionHelper(runtime, bias));
                count++;
            } else if (layer.getClass() == BatchNormalization.class
                    && !((org.deeplearning4j.nn.conf.layers.BatchNormalization) layer.conf().getLayer())
                            .isLockGammaBeta()) {
                setHelper(BatchNormalization.class, layer, new OneDnnBatchNormHelper(runtime));
                count++;
            }
        }
        report("oneDNN acceleration on: convolutions and batch norm run by oneDNN"
                + (fusesBlocks() ? ", residual blocks and stem fused"
                        : ", blocks unfused (-D" + FUSE_PROPERTY + "=false)")
                + " (-D" + PROPERTY + "=false turns it off)");
        return count;
    }

    /**
     * Null when bf16 inference can run here, else why not: oneDNN unavailable, the blocks unfused (bf16 runs in the
     * fused layers only), or a CPU without bf16 instructions ({@link Bf16Support#cpuUnavailableReason()}).
     */
    public static String bf16UnavailableReason() {
        String reason = unavailableReason();
        if (reason != null) {
            return "oneDNN is off: " + reason;
        }
        if (!fusesBlocks()) {
            return "the blocks are unfused (-D" + FUSE_PROPERTY + "=false); bf16 runs only in the fused layers";
        }
        return Bf16Support.cpuUnavailableReason();
    }

    /**
     * Sets up an inference graph (one that is never trained, such as {@code HeadOutputs}' companion) to run at
     * {@code bf16}: the oneDNN helpers as {@link #install} sets them, and, for bf16, every fused layer's inference in
     * bf16 (the heads' convolutions and everything DL4J runs stay float32). Training passes of the graph would stay
     * float32.
     *
     * @param graph an initialised graph in fused form
     * @param bf16  bf16 inference in the fused layers; false leaves them float32
     * @return the number of fused layers now running bf16 inference
     * @throws IllegalStateException when bf16 is asked for and {@link #bf16UnavailableReason()} is not null
     */
    public static int installForInference(ComputationGraph graph, boolean bf16) {
        install(graph);
        if (!bf16) {
            return 0;
        }
        String reason = bf16UnavailableReason();
        if (reason != null) {
            throw new IllegalStateException("bf16 inference is not available: " + reason);
        }
        int count = 0;
        for (Layer layer : graph.getLayers()) {
            if (layer instanceof OneDnnFusedLayer fused) {
                fused.runInferenceInBf16();
                count++;
            }
        }
        return count;
    }

    /**
     * The implementation names oneDNN chose for the bf16 primitives built so far in this process, by primitive kind
     * (e.g. "convolution …" → {@code jit:avx512_core_bf16}); a name starting with {@code ref} is a slow reference
     * kernel.
     */
    public static java.util.Map<String, java.util.Set<String>> bf16Implementations() {
        return Bf16Support.implementations();
    }

    /** oneDNN's effective CPU instruction set in words, e.g. {@code avx512_core_bf16}. */
    public static String effectiveIsa() {
        return Bf16Support.effectiveIsa();
    }

    /** Null when oneDNN will be used, else why not (property, backend or loading failure). */
    public static String unavailableReason() {
        if ("false".equalsIgnoreCase(System.getProperty(PROPERTY, "true").trim())) {
            return "-D" + PROPERTY + "=false";
        }
        Nd4jEnvironment env = Nd4jEnvironment.current();
        if (!env.isCpu()) {
            return "backend " + env.backend() + " (oneDNN helpers are for the CPU backend)";
        }
        return OneDnnRuntime.unavailableReason();
    }

    private static void setHelper(Class<?> owner, Layer layer, Object helper) {
        try {
            Field field = owner.getDeclaredField("helper");
            field.setAccessible(true);
            field.set(layer, helper);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot set a oneDNN helper on " + owner.getName()
                    + " (DL4J version mismatch?): " + e, e);
        }
    }

    private static void report(String message) {
        if (!reported) {
            reported = true;
            LOG.info(message);
        }
    }
}
