package org.densereg.network;

import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The "none" {@link Accelerator}: DL4J's own code runs everything (any backend without an implementation, such as
 * CUDA today, or every implementation switched off). It still converts graphs back to their portable form through
 * the installed implementations, so a graph accelerated earlier in the process saves as it always did.
 */
final class NoAccelerator implements Accelerator {

    private static final Logger LOG = LoggerFactory.getLogger(NoAccelerator.class);
    private static volatile boolean reported;
    private static volatile boolean cudnnReported;

    private final List<Accelerator> installed;
    private final String why;

    /**
     * @param installed every installed implementation (each one unavailable here)
     * @param why       why none of them is used, e.g. "oneDNN acceleration off: -Ddensereg.onednn=false"
     */
    NoAccelerator(List<Accelerator> installed, String why) {
        this.installed = List.copyOf(installed);
        this.why = why;
    }

    @Override
    public String name() {
        return "none";
    }

    @Override
    public String unavailableReason() {
        return null;
    }

    @Override
    public String description() {
        return why;
    }

    @Override
    public ComputationGraph accelerate(ComputationGraph graph) {
        report();
        if (!cudnnReported) {
            cudnnReported = true;
            LOG.info("cuDNN: {}", LayerHelpers.cudnnStatus());
        }
        return graph;
    }

    @Override
    public void accelerateInPlace(ComputationGraph graph) {
        report();
    }

    @Override
    public String bf16UnavailableReason() {
        return "no accelerator runs (" + why + ")";
    }

    @Override
    public ComputationGraph portable(ComputationGraph graph) {
        ComputationGraph out = graph;
        for (Accelerator accelerator : installed) {
            out = accelerator.portable(out);
        }
        return out;
    }

    private void report() {
        if (!reported) {
            reported = true;
            LOG.info(why);
        }
    }
}
