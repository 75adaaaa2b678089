package org.densereg.network;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.densereg.loss.BinCrossEntropyLoss;
import org.densereg.loss.BinResidualSmoothL1Loss;
import org.densereg.loss.MaskedHeatmapMseLoss;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * Builds the DenseReg body network (DESIGN §2 "Bodies", §3, §4): the same dilated ResNet backbone as
 * {@link DenseRegNetworkFactory} with the body heads. The {@link NetworkConfig} is read as for faces except that
 * {@link NetworkConfig#bins()} is P, the number of body parts (the body's "quantization" is the part), so every
 * dense head has P + 1 channels (channel 0 = background):
 * <ul>
 *   <li>"part": [N, P+1, Ho, Wo] part-index logits, {@link BinCrossEntropyLoss} with λ = clsWeight (all pixels);</li>
 *   <li>"u", "v": [N, P+1, Ho, Wo] u and v of each part's chart (channel p = part p; channel 0 unused),
 *       {@link BinResidualSmoothL1Loss} with λ = regWeight: labels hold the true value at the ground-truth part's
 *       channel of foreground pixels and −1 elsewhere, so only that channel of foreground pixels is supervised;</li>
 *   <li>"heatmap" (when heatmapChannels &gt; 0): [N, J, Ho, Wo] joint heatmaps, {@link MaskedHeatmapMseLoss}
 *       with λ = heatmapWeight (channels of missing joints labelled −1).</li>
 * </ul>
 * A weight of 0 keeps the head (identical architecture and initialisation) but trains nothing through it, which is
 * how the heatmap-only and dense-only variants of the LSP experiment share one architecture.
 */
public final class BodyNetworkFactory {

    /** Name of the part-index output. */
    public static final String PART_OUTPUT = "part";
    /** Name of the per-part u output. */
    public static final String U_OUTPUT = "u";
    /** Name of the per-part v output. */
    public static final String V_OUTPUT = "v";
    /** Output names of the dense heads in label order. */
    public static final List<String> BODY_OUTPUTS = List.of(PART_OUTPUT, U_OUTPUT, V_OUTPUT);

    private BodyNetworkFactory() {
    }

    /** Builds and initialises the network with Adam (learning rate 1e-3) and weight decay 1e-4. */
    public static ComputationGraph build(NetworkConfig config) {
        return build(config, new Adam(1e-3), DenseRegNetworkFactory.DEFAULT_WEIGHT_DECAY);
    }

    /**
     * Builds and initialises the network.
     *
     * @param config      architecture and loss weights; {@code bins} = P body parts
     * @param updater     the optimiser
     * @param weightDecay weight-decay coefficient ≥ 0
     */
    public static ComputationGraph build(NetworkConfig config, IUpdater updater, double weightDecay) {
        ComputationGraph graph = new ComputationGraph(configuration(config, updater, weightDecay));
        graph.init();
        return Accelerators.active().accelerate(graph);
    }

    /**
     * Builds the network with Adam (learning rate 1e-3) and weight decay 1e-4, its backbone initialised from a
     * pretrained weight file ({@link PretrainedBackbone}; the heads stay fresh), then accelerated.
     *
     * @param config architecture and loss weights (depth as the file's ResNet, width multiplier 1)
     * @param init   a torchvision ResNet state dict ({@code .pth} or {@code .safetensors}) or a Keras ResNet
     *               {@code .h5} (with {@link ResNetVariant#KERAS}), or null for fresh weights
     * @throws org.densereg.io.BadInputException when the file cannot be read or does not fit the backbone
     * @throws IOException                       when the file cannot be read
     */
    public static ComputationGraph build(NetworkConfig config, Path init) throws IOException {
        if (init == null) {
            return build(config);
        }
        ComputationGraph graph = new ComputationGraph(configuration(config, new Adam(1e-3), DenseRegNetworkFactory.DEFAULT_WEIGHT_DECAY));
        graph.init();
        PretrainedBackbone.load(graph, init);
        return Accelerators.active().accelerate(graph);
    }

    /** The output names of a body network built from {@code config}, in label order. */
    public static List<String> outputNames(NetworkConfig config) {
        List<String> names = new ArrayList<>(BODY_OUTPUTS);
        if (config.heatmapChannels() > 0) {
            names.add(DenseRegNetworkFactory.HEATMAP_OUTPUT);
        }
        return names;
    }

    /**
     * The graph configuration without allocating parameters.
     *
     * @param config      architecture and loss weights; {@code bins} = P body parts
     * @param updater     the optimiser
     * @param weightDecay weight-decay coefficient ≥ 0
     */
    public static ComputationGraphConfiguration configuration(NetworkConfig config, IUpdater updater,
            double weightDecay) {
        GraphBuilder g = DenseRegNetworkFactory.graphBuilder(config, updater, weightDecay);
        String x = DenseRegNetworkFactory.addBackbone(g, config);
        int pixels = config.outputHeight() * config.outputWidth();
        int channels = config.headChannels();
        DenseRegNetworkFactory.addHead(g, config, x, PART_OUTPUT, channels,
                new BinCrossEntropyLoss(config.clsWeight(), pixels));
        DenseRegNetworkFactory.addHead(g, config, x, U_OUTPUT, channels,
                new BinResidualSmoothL1Loss(config.regWeight(), pixels));
        DenseRegNetworkFactory.addHead(g, config, x, V_OUTPUT, channels,
                new BinResidualSmoothL1Loss(config.regWeight(), pixels));
        if (config.heatmapChannels() > 0) {
            DenseRegNetworkFactory.addHead(g, config, x, DenseRegNetworkFactory.HEATMAP_OUTPUT,
                    config.heatmapChannels(), new MaskedHeatmapMseLoss(config.heatmapWeight(), pixels));
        }
        g.setOutputs(outputNames(config).toArray(new String[0]));
        ComputationGraphConfiguration conf = g.build();
        DenseRegNetworkFactory.setWeightDecay(conf, weightDecay);
        return conf;
    }
}
