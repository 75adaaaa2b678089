package org.densereg.network;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.densereg.loss.MaskedHeatmapMseLoss;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * Single blocks of the full-width ResNet-18 DenseReg backbone as standalone graphs (the block, then a mean-squared
 * error loss on its output), built by the same code as the network, for per-block benchmarks against PyTorch
 * ({@code scripts/bench/reference_block.py} builds the same blocks).
 */
public final class BlockGraphs {

    /** The block types of the backbone, with the shapes they have in the network. */
    public enum Block {
        /** 7×7/2 convolution 3→64, BN, ReLU, 3×3/2 max-pool; input [N, 3, S, S]. */
        STEM(3, 64, 1, 1, 0),
        /** Basic block 64→64 (res2_1); input [N, 64, S/4, S/4]. */
        BASIC(64, 64, 1, 1, 2),
        /** Basic block 64→128, stride 2, 1×1 projection shortcut (res3_0); input [N, 64, S/4, S/4]. */
        PROJECTION(64, 128, 2, 1, 2),
        /** Basic block 256→256 with dilation 2 (res4_1); input [N, 256, S/8, S/8]. */
        DILATED2(256, 256, 1, 2, 3),
        /** Basic block 512→512 with dilation 4 (res5_1); input [N, 512, S/8, S/8]. */
        DILATED4(512, 512, 1, 4, 3);

        final int inChannels;
        final int outChannels;
        final int stride;
        final int dilation;
        final int halvings;

        Block(int inChannels, int outChannels, int stride, int dilation, int halvings) {
            this.inChannels = inChannels;
            this.outChannels = outChannels;
            this.stride = stride;
            this.dilation = dilation;
            this.halvings = halvings;
        }

        /**
         * The block's input shape inside a network with input side {@code networkSide} (8k+1).
         *
         * @return [N, C, s, s]
         */
        public long[] inputShape(int batch, int networkSide) {
            long side = networkSide;
            for (int i = 0; i < halvings; i++) {
                side = (side - 1) / 2 + 1;
            }
            return new long[] {batch, inChannels, side, side};
        }
    }

    private BlockGraphs() {
    }

    /**
     * The block as a graph "input" → block → "loss" (mean squared error over all elements, for labels ≥ 0), float32,
     * seeded, accelerated as the networks are ({@link Accelerators#active()}).
     *
     * @param networkSide the network input side the block's shapes are taken from (8k+1)
     */
    public static ComputationGraph build(Block block, int networkSide, long seed) {
        long[] in = block.inputShape(1, networkSide);
        GraphBuilder g = new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.FLOAT)
                .updater(new NoOp()).weightInit(WeightInit.RELU).convolutionMode(ConvolutionMode.Truncate)
                .graphBuilder().addInputs(DenseRegNetworkFactory.INPUT)
                .setInputTypes(InputType.convolutional(in[2], in[3], in[1]));
        String out = block == Block.STEM
                ? DenseRegNetworkFactory.addStem(g, DenseRegNetworkFactory.INPUT, block.outChannels)
                : new DenseRegNetworkFactory.Builder(g).basic("block", DenseRegNetworkFactory.INPUT,
                        block.outChannels, block.stride, block.dilation,
                        block.stride != 1 || block.inChannels != block.outChannels);
        // the project's mean squared error (every element supervised: labels ≥ 0), which runs as the networks'
        // losses do (PixelLossOutputLayer, on the 4-D layout); DL4J's own MSE layer copies its input and labels about
        // ten times and weighed as much as the block's backward pass
        g.addLayer("loss", new CnnLossLayer.Builder(new MaskedHeatmapMseLoss(1.0, 0)).activation(Activation.IDENTITY)
                .build(), out);
        g.setOutputs("loss");
        ComputationGraph graph = new ComputationGraph(g.build());
        graph.init();
        return Accelerators.active().accelerate(graph);
    }
}
