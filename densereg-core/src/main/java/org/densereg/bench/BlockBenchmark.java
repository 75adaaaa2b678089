package org.densereg.bench;

import java.util.Locale;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.densereg.network.BlockGraphs;
import org.densereg.network.BlockGraphs.Block;
import org.densereg.network.HeadOutputs;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Times one backbone block ({@link BlockGraphs}) on random data: inference forward (the block's output, read
 * before the loss layer as the predictors do, {@link HeadOutputs}), and training forward + backward (gradients of a
 * mean-squared error on the block's output, no update), the protocol of {@code scripts/bench/reference_block.py}.
 */
public final class BlockBenchmark {

    /**
     * Figures of one run.
     *
     * @param block          the block type
     * @param networkSide    input side of the network the block's shapes come from
     * @param batch          images per call
     * @param forwardMs      inference forward, ms per call (mean over timed calls)
     * @param trainMs        forward + backward, ms per call (mean over timed calls)
     * @param warmupTrainMs  forward + backward, ms per call, mean over the untimed warm-up calls
     */
    public record Result(Block block, int networkSide, int batch, double forwardMs, double trainMs,
            double warmupTrainMs) {

        /** {@code result impl=dl4j block=NAME ...}, the line scripts/bench/compare-blocks.sh parses. */
        public String toLine() {
            return String.format(Locale.ROOT, "result impl=dl4j block=%s size=%d batch=%d forward_ms=%.2f "
                    + "train_ms=%.2f warmup_train_ms=%.2f", block.name().toLowerCase(Locale.ROOT), networkSide, batch,
                    forwardMs, trainMs, warmupTrainMs);
        }
    }

    private BlockBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param networkSide network input side (8k+1) that sets the block's shapes
     * @param batch       images per call (≥ 1)
     * @param warmup      untimed calls before each measurement (≥ 0)
     * @param iterations  timed calls (≥ 1)
     */
    public static Result run(Block block, int networkSide, int batch, int warmup, int iterations) {
        if (batch < 1 || warmup < 0 || iterations < 1) {
            throw new IllegalArgumentException("need batch >= 1, warmup >= 0, iterations >= 1");
        }
        ComputationGraph graph = BlockGraphs.build(block, networkSide, 42L);
        Nd4j.getRandom().setSeed(42L);
        INDArray input = Nd4j.rand(DataType.FLOAT, block.inputShape(batch, networkSide)).subi(0.5);
        INDArray labels = Nd4j.rand(DataType.FLOAT, graph.output(false, input)[0].shape());
        graph.setInputs(input);
        graph.setLabels(labels);
        long start = System.nanoTime();
        for (int i = 0; i < warmup; i++) {
            graph.computeGradientAndScore();
        }
        double warmupMs = (System.nanoTime() - start) / 1e6 / Math.max(1, warmup);
        start = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            graph.computeGradientAndScore();
        }
        double trainMs = (System.nanoTime() - start) / 1e6 / iterations;
        for (int i = 0; i < warmup; i++) {
            HeadOutputs.read(graph, input, out -> null);
        }
        start = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            HeadOutputs.read(graph, input, out -> null);
        }
        double forwardMs = (System.nanoTime() - start) / 1e6 / iterations;
        return new Result(block, networkSide, batch, forwardMs, trainMs, warmupMs);
    }
}
