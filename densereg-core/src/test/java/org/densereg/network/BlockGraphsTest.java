package org.densereg.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.densereg.network.BlockGraphs.Block;
import org.deeplearning4j.nn.graph.ComputationGraph;
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
}
