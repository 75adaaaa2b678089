package org.densereg.network.onednn;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.densereg.network.Accelerator;
import org.densereg.network.Precision;

/**
 * The oneDNN {@link Accelerator} (CPU backend): {@link OneDnnAcceleration} puts oneDNN helpers behind DL4J's
 * convolution and batch-norm layers and {@link BlockFusion} fuses residual blocks and stems into single layers for
 * running, and converts a graph back to DL4J's standard layers for saving. Registered as a
 * {@link java.util.ServiceLoader} provider; {@link org.densereg.network.Accelerators#active()} chooses it.
 *
 * <p>Unavailable with {@code -D}{@value OneDnnAcceleration#PROPERTY}{@code =false}, on any backend other than the CPU
 * one, and when the oneDNN natives do not load; {@code -D}{@value OneDnnAcceleration#FUSE_PROPERTY}{@code =false}
 * keeps the blocks unfused (each layer still run by oneDNN).
 */
public final class OneDnnAccelerator implements Accelerator {

    /** The provider constructor {@link java.util.ServiceLoader} calls; the instance holds no state. */
    public OneDnnAccelerator() {
    }

    @Override
    public String name() {
        return "oneDNN";
    }

    @Override
    public String unavailableReason() {
        return OneDnnAcceleration.unavailableReason();
    }

    @Override
    public String description() {
        String off = unavailableReason();
        if (off != null) {
            return "off: " + off;
        }
        return OneDnnAcceleration.fusesBlocks() ? "convolutions and batch norm; residual blocks fused"
                : "convolutions and batch norm; residual blocks unfused: -D" + OneDnnAcceleration.FUSE_PROPERTY
                        + "=false";
    }

    @Override
    public ComputationGraph accelerate(ComputationGraph graph) {
        return OneDnnAcceleration.accelerate(graph);
    }

    @Override
    public void accelerateInPlace(ComputationGraph graph) {
        OneDnnAcceleration.install(graph);
    }

    @Override
    public String bf16UnavailableReason() {
        return OneDnnAcceleration.bf16UnavailableReason();
    }

    @Override
    public int accelerateForInference(ComputationGraph graph, Precision precision) {
        if (precision == Precision.AUTO) {
            throw new IllegalArgumentException("resolve AUTO first (InferencePrecision)");
        }
        return OneDnnAcceleration.installForInference(graph, precision == Precision.BF16);
    }

    @Override
    public ComputationGraph portable(ComputationGraph graph) {
        return BlockFusion.standard(graph);
    }
}
