package org.densereg.network;

import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * The one acceleration hook: what a backend-specific implementation does to make a DL4J graph run faster, without
 * changing what the graph computes or the form it is saved in. Training, inference, model archives, checkpoints and
 * the benchmarks reach an implementation only through this interface, chosen once per call by
 * {@link Accelerators#active()}.
 *
 * <p>Two implementations exist: oneDNN on the CPU backend ({@code org.densereg.network.onednn.OneDnnAccelerator}:
 * oneDNN helpers behind DL4J's convolution and batch-norm layers, residual blocks and stems fused into single layers)
 * and "none" (DL4J's own code, for any other backend such as CUDA, or when an implementation is switched off). A
 * future GPU implementation (e.g. fused cuDNN blocks on the CUDA backend) goes in its own subpackage of
 * {@code network} next to {@code onednn}, implements this interface, and is registered as a
 * {@link java.util.ServiceLoader} provider in {@code META-INF/services/org.densereg.network.Accelerator}; nothing
 * outside that subpackage changes.
 *
 * <p>Contract: {@link #accelerate} may return a new graph whose layers differ (fused), so a caller keeps using the
 * returned graph and saves it through {@link #portable}; a graph saved that way loads and runs under any
 * implementation, and vice versa. Implementations are stateless and thread-safe.
 */
public interface Accelerator {

    /**
     * The implementation's name as logs and {@code densereg env} show it, e.g. {@code oneDNN}; {@code none} for DL4J's
     * own code.
     */
    String name();

    /**
     * Why this implementation cannot be used in this process (switched off by a system property, another ND4J
     * backend, natives that do not load), or null when it can.
     */
    String unavailableReason();

    /**
     * What runs accelerated, in a few words for {@code densereg env} and benchmark logs, e.g. "convolutions and batch
     * norm; residual blocks fused"; for "none", why nothing is.
     */
    String description();

    /**
     * The graph as it runs fastest here, for training or inference: {@code graph} itself with helpers attached, or a
     * new graph in an accelerated form (e.g. fused blocks) holding the same parameters, updater state and counters.
     * Logs once per process what is (or is not) accelerated.
     *
     * @param graph an initialised graph in standard (portable) form
     * @return the graph to train or run from now on
     */
    ComputationGraph accelerate(ComputationGraph graph);

    /**
     * Accelerates {@code graph} in place, keeping its layers as they are: for a graph derived from an accelerated one
     * (an inference graph sharing its parameters, a graph rebuilt from its configuration with another optimiser),
     * which must not be converted again. Calling it twice is harmless.
     *
     * @param graph an initialised graph, standard or already in this implementation's accelerated form
     */
    void accelerateInPlace(ComputationGraph graph);

    /**
     * Why bf16 inference ({@link Precision#BF16}) cannot run in this process (no reduced-precision path, a CPU
     * without bf16 instructions, ...), or null when it can. The default: no reduced-precision path.
     */
    default String bf16UnavailableReason() {
        return name() + " has no bf16 path";
    }

    /**
     * Accelerates an inference graph in place ({@link #accelerateInPlace}) to run at {@code precision}: for a graph
     * that only ever runs inference, such as {@link HeadOutputs}' companion, since a bf16 graph's layers must not be
     * trained.
     *
     * @param graph     an initialised graph, standard or already in this implementation's accelerated form
     * @param precision {@link Precision#FP32} or {@link Precision#BF16} (resolve {@link Precision#AUTO} first)
     * @return how many layers run at bf16 (0 for fp32)
     * @throws IllegalStateException when bf16 is asked for and {@link #bf16UnavailableReason()} is not null
     */
    default int accelerateForInference(ComputationGraph graph, Precision precision) {
        if (precision == Precision.AUTO) {
            throw new IllegalArgumentException("resolve AUTO first (InferencePrecision)");
        }
        if (precision == Precision.BF16) {
            throw new IllegalStateException("bf16 inference is not available: " + bf16UnavailableReason());
        }
        accelerateInPlace(graph);
        return 0;
    }

    /**
     * The graph in its portable (standard) form, the form model archives and checkpoints are written in: a new graph
     * with the same parameters, updater state and counters when {@code graph} holds layers of an accelerated form,
     * else {@code graph} itself. Accepts any graph, accelerated by this implementation or not.
     *
     * @param graph an initialised graph
     * @return a graph made only of DL4J's own layers and the project's serialisable ones
     */
    ComputationGraph portable(ComputationGraph graph);
}
