package org.densereg.network.onednn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.densereg.bench.NetworkBenchmark;
import org.densereg.network.DenseRegNetworkFactory;
import org.densereg.network.HeadOutputs;
import org.densereg.network.NetworkConfig;
import org.densereg.network.Precision;
import org.densereg.network.PrecisionCheck;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;

/**
 * bf16 inference in the fused layers against float32 on a small real network (ResNet-18 at width 1/8, input 33²,
 * so every block type runs: stem, identity blocks, strided projections, dilated stages). Tolerance: the mean
 * |bf16 − fp32| over all outputs at most 2 % of the mean |fp32| and the class arg-max agreeing at ≥ 98 % of the pixels
 * ({@link PrecisionCheck#passes()}), with bf16's 8-bit mantissa (relative rounding 2^-9) over some 20 layers.
 * Skipped, with the reason, on a CPU without bf16 instructions.
 */
class Bf16InferenceTest {

    private static NetworkConfig config() {
        return new NetworkConfig(18, 0.125, 10, 33, 33, 0, 1.0, 1.0, 1.0, true, 11L);
    }

    @BeforeEach
    void needsBf16() {
        String reason = OneDnnAcceleration.bf16UnavailableReason();
        assumeTrue(reason == null, () -> "bf16 inference cannot run here: " + reason);
    }

    @Test
    void bf16OutputsAreCloseToFp32ButNotEqual() {
        ComputationGraph graph = DenseRegNetworkFactory.build(config());
        INDArray input = PrecisionCheck.projectInput(33, 33, 3).repeat(0, 2);
        PrecisionCheck.Comparison c = PrecisionCheck.compare(graph, input);
        assertTrue(c.passes(), c.summary());
        assertTrue(c.relativeMeanDifference() <= 0.02, c.summary());
        // bf16 really ran: a float32 path would agree to the last bits
        assertTrue(c.maxAbsDifference() > 1e-4, c.summary());
        assertTrue(c.meanAbsReference() > 1e-3, "outputs are not all zero: " + c.summary());
    }

    @Test
    void bf16PrimitivesAreJitKernelsNotReference() {
        ComputationGraph graph = DenseRegNetworkFactory.build(config());
        HeadOutputs.read(graph, Precision.BF16, PrecisionCheck.projectInput(33, 33, 1), out -> null);
        Map<String, Set<String>> seen = OneDnnAcceleration.bf16Implementations();
        assertFalse(seen.isEmpty());
        boolean anyConvolution = false;
        for (Map.Entry<String, Set<String>> e : seen.entrySet()) {
            for (String name : e.getValue()) {
                assertFalse(name.startsWith("ref"), e.getKey() + " ran the reference kernel " + name);
                if (e.getKey().startsWith("convolution")) {
                    anyConvolution = true;
                    // jit:avx512_core_bf16, brgconv:avx512_core_bf16, brgconv_1x1:..., or the AMX kernels
                    assertTrue(name.contains("avx512_core_bf16") || name.contains("amx"),
                            e.getKey() + " is not a bf16 jit kernel: " + name);
                }
            }
        }
        assertTrue(anyConvolution, "no bf16 convolution was built: " + seen);
    }

    /** The converted weights are kept between calls but follow the parameters through training steps. */
    @Test
    void bf16FollowsTheParametersThroughTraining() {
        NetworkConfig config = config();
        ComputationGraph graph = DenseRegNetworkFactory.build(config);
        MultiDataSet data = NetworkBenchmark.randomBatch(config, 2);
        INDArray input = data.getFeatures(0);
        INDArray before = HeadOutputs.read(graph, Precision.FP32, input, out -> out[0].detach());
        HeadOutputs.read(graph, Precision.BF16, input, out -> null);
        for (int step = 0; step < 3; step++) {
            graph.fit(data);
        }
        INDArray after = HeadOutputs.read(graph, Precision.FP32, input, out -> out[0].detach());
        INDArray afterBf16 = HeadOutputs.read(graph, Precision.BF16, input, out -> out[0].detach());
        double moved = after.sub(before).norm1Number().doubleValue();
        double off = afterBf16.sub(after).norm1Number().doubleValue();
        assertTrue(moved > 0, "training moved the outputs");
        assertTrue(off < 0.25 * moved, "bf16 after training is " + off + " from fp32 (L1), which moved by " + moved
                + ": stale weights?");
    }

    @Test
    void fp32ReadIsUnchangedByABf16Companion() {
        ComputationGraph graph = DenseRegNetworkFactory.build(config());
        INDArray input = PrecisionCheck.projectInput(33, 33, 5);
        INDArray expected = graph.output(false, input)[0].detach();
        HeadOutputs.read(graph, Precision.BF16, input, out -> null);
        INDArray fp32 = HeadOutputs.read(graph, Precision.FP32, input, out -> out[0].detach());
        INDArray bf16 = HeadOutputs.read(graph, Precision.BF16, input, out -> out[0].detach());
        assertEquals(expected, fp32);
        assertNotEquals(expected, bf16);
    }

    @Test
    void aBf16PlanRefusesTraining() {
        ResidualBlockPlan plan = new ResidualBlockPlan(OneDnnRuntime.get(), new long[] {1, 16, 9, 9}, 16, 1, 1,
                false, 1e-5, true);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> plan.forward(true, 0, 0, 0, null, null, null, null));
        assertTrue(e.getMessage().contains("inference only"), e.getMessage());
    }
}
