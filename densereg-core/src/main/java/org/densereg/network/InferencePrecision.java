package org.densereg.network;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The precision that inference through {@link HeadOutputs#read(ComputationGraph, org.nd4j.linalg.api.ndarray.INDArray,
 * java.util.function.Function)} runs at in this process: {@link Precision#FP32} unless {@link #request} said
 * otherwise (the commands {@code infer}, {@code evaluate} and {@code bench network} do, from {@code --precision}).
 * Training never changes precision: bf16 runs only in inference graphs.
 *
 * <p>{@link Precision#AUTO} is decided once per graph, on its first inference: bf16 when the active
 * {@link Accelerator} can run it ({@link Accelerator#bf16UnavailableReason()}) and the graph passes
 * {@link PrecisionCheck} on the project-made input at the size of that first call, else fp32. Every decision is
 * logged once with its reason.
 */
public final class InferencePrecision {

    private static final Logger LOG = LoggerFactory.getLogger(InferencePrecision.class);
    private static volatile Precision requested = Precision.FP32;
    private static volatile boolean bf16Reported;
    /** AUTO's decision per graph (by identity, weakly held). */
    private static final List<Entry> DECISIONS = new ArrayList<>();

    private InferencePrecision() {
    }

    /**
     * Sets the precision of this process's inference. {@link Precision#BF16} is checked at once, so that a job
     * asking for it fails before it starts where it cannot run.
     *
     * @param precision the precision asked for
     * @return why the request stands, in words, for the run's log ("bf16 (asked for; CPU ...)")
     * @throws UnsupportedPrecisionException for {@link Precision#BF16} where the active accelerator cannot run it
     */
    public static String request(Precision precision) {
        if (precision == Precision.BF16) {
            String reason = Accelerators.active().bf16UnavailableReason();
            if (reason != null) {
                throw new UnsupportedPrecisionException("bf16 inference cannot run here: " + reason
                        + "; use --precision fp32 or auto");
            }
        }
        requested = precision;
        return switch (precision) {
            case FP32 -> "fp32 (asked for)";
            case BF16 -> "bf16 (asked for; " + Accelerators.active().name() + " has bf16 kernels for this CPU)";
            case AUTO -> {
                String reason = Accelerators.active().bf16UnavailableReason();
                yield reason == null ? "auto: bf16 where the model passes its accuracy check, else fp32"
                        : "auto: fp32, since " + reason;
            }
        };
    }

    /** The precision asked for ({@link Precision#FP32} unless {@link #request} was called). */
    public static Precision requested() {
        return requested;
    }

    /**
     * The precision {@code graph}'s inference runs at: the requested one, with {@link Precision#AUTO} decided for
     * this graph (once; see the class comment).
     *
     * @param graph      the graph to run
     * @param inputShape [N, 3, H, W] of the inference call (H and W size the accuracy check of AUTO)
     * @return {@link Precision#FP32} or {@link Precision#BF16}
     */
    public static Precision resolve(ComputationGraph graph, long[] inputShape) {
        Precision asked = requested;
        if (asked == Precision.FP32) {
            return Precision.FP32;
        }
        if (asked == Precision.BF16) {
            if (!bf16Reported) {
                bf16Reported = true;
                LOG.info("inference precision: bf16 (asked for with --precision bf16)");
            }
            return Precision.BF16;
        }
        synchronized (DECISIONS) {
            DECISIONS.removeIf(e -> e.graph().get() == null);
            for (Entry e : DECISIONS) {
                if (e.graph().get() == graph) {
                    return e.precision();
                }
            }
        }
        Precision decided = decide(graph, inputShape);
        synchronized (DECISIONS) {
            DECISIONS.add(new Entry(new WeakReference<>(graph), decided));
        }
        return decided;
    }

    private static Precision decide(ComputationGraph graph, long[] inputShape) {
        String unavailable = Accelerators.active().bf16UnavailableReason();
        if (unavailable != null) {
            LOG.info("inference precision: fp32 (auto: {})", unavailable);
            return Precision.FP32;
        }
        PrecisionCheck.Comparison check = PrecisionCheck.compare(graph, (int) inputShape[2], (int) inputShape[3]);
        if (check.passes()) {
            LOG.info("inference precision: bf16 (auto: the CPU has bf16 kernels and the model passes the accuracy "
                    + "check: {})", check.summary());
            return Precision.BF16;
        }
        LOG.info("inference precision: fp32 (auto: the model fails the bf16 accuracy check: {})", check.summary());
        return Precision.FP32;
    }

    /** A graph and AUTO's decision for it. */
    private record Entry(WeakReference<ComputationGraph> graph, Precision precision) {
    }
}
