package org.densereg.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.densereg.network.BlockGraphs.Block;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Each block graph has the shapes its block has inside the network (network input 65: stem 33, pool 17, stride-8 9). */
class BlockGraphsTest {

    private static final long[][] EXPECTED_OUTPUT = {
        {2, 64, 17, 17}, {2, 64, 17, 17}, {2, 128, 9, 9}, {2, 256, 9, 9}, {2, 512, 9, 9}};

    @ParameterizedTest
    @EnumSource(Block.class)
    void blockOutputsHaveTheNetworkShapes(Block block) {
        ComputationGraph graph = BlockGraphs.build(block, 65, 1L);
        INDArray input = Nd4j.rand(DataType.FLOAT, block.inputShape(2, 65));
        assertArrayEquals(EXPECTED_OUTPUT[block.ordinal()], graph.output(false, input)[0].shape());
    }

    /** The training loss is the mean squared error over all elements, as F.mse_loss in reference_block.py. */
    @Test
    void scoreIsTheMeanSquaredErrorOfTheOutput() {
        ComputationGraph graph = BlockGraphs.build(Block.BASIC, 65, 1L);
        Nd4j.getRandom().setSeed(2);
        INDArray input = Nd4j.rand(DataType.FLOAT, Block.BASIC.inputShape(2, 65));
        INDArray output = graph.output(false, input)[0];
        INDArray labels = Nd4j.rand(DataType.FLOAT, output.shape());
        graph.setInputs(input);
        graph.setLabels(labels);
        graph.computeGradientAndScore();
        INDArray trainingOutput = graph.feedForward(input, true).get(graph.getConfiguration().getNetworkOutputs()
                .get(0));
        double expected = trainingOutput.sub(labels).castTo(DataType.DOUBLE).norm2Number().doubleValue();
        expected = expected * expected / output.length();
        assertEquals(expected, graph.score(), 1e-5 * expected);
    }
}
