package org.densereg.network;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration.GraphBuilder;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.densereg.loss.BinCrossEntropyLoss;
import org.densereg.loss.BinResidualSmoothL1Loss;
import org.densereg.loss.MaskedHeatmapMseLoss;
import org.densereg.loss.PixelLoss;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;

/**
 * Builds the DenseReg face network as a DL4J {@link ComputationGraph} (DESIGN §3).
 *
 * <p>Backbone: ResNet (torchvision layout: 7×7/2 stem conv + BN + ReLU, 3×3/2 max-pool, four stages of basic or
 * bottleneck blocks, post-activation, 1×1 projection shortcuts) with output stride 8 as in DeepLab-v2: stage 4
 * (conv4_x) and stage 5 (conv5_x) have no stride and dilation 2 and 4 in their 3×3 convolutions. Convolutions use
 * explicit padding ({@code ConvolutionMode.Truncate}), so an input side 8k+1 gives a feature side k+1 exactly.
 * {@link NetworkConfig#resnetVariant()} {@link ResNetVariant#KERAS} builds Keras applications' ResNet v1 instead:
 * conv3_1 strides in its first 1×1 convolution (a 1×1/2 convolution of an odd side s samples the same (s−1)/2 + 1
 * positions as a 3×3/2 one with padding 1), every convolution has a bias, batch norm ε is 1.001e-5; the dilation of
 * conv4_x and conv5_x is the same.
 *
 * <p>Heads: 1×1 convolutions with bias on the last stage: "u_class", "v_class", "u_residual", "v_residual" (K+1
 * channels each) and optionally "heatmap" (J channels). With {@code fullResolutionOutput} each head is upsampled
 * ×8 by a {@link BilinearUpsampleLayer} before its loss. Outputs (in this order, labels likewise):
 * <ul>
 *   <li>"u_class", "v_class": [N, K+1, Ho, Wo] logits, {@link BinCrossEntropyLoss} with λ_cls</li>
 *   <li>"u_residual", "v_residual": [N, K+1, Ho, Wo] residuals, {@link BinResidualSmoothL1Loss} with λ_reg</li>
 *   <li>"heatmap" (when heatmapChannels &gt; 0): [N, J, Ho, Wo], {@link MaskedHeatmapMseLoss}</li>
 * </ul>
 * with (Ho, Wo) = {@link NetworkConfig#outputHeight()}, {@link NetworkConfig#outputWidth()}. Input "input":
 * [N, 3, H, W] normalised RGB (see {@link InputNormalisation}).
 */
public final class DenseRegNetworkFactory {

    /** Name of the graph input. */
    public static final String INPUT = "input";
    /** Output names in label order (the heatmap output exists only when configured). */
    public static final List<String> FACE_OUTPUTS = List.of("u_class", "v_class", "u_residual", "v_residual");
    /** Name of the optional heatmap output. */
    public static final String HEATMAP_OUTPUT = "heatmap";
    /** Default weight decay (L2 coefficient applied by the updater). */
    public static final double DEFAULT_WEIGHT_DECAY = 1e-4;

    private DenseRegNetworkFactory() {
    }

    /** Builds and initialises the network with Adam (learning rate 1e-3) and weight decay 1e-4. */
    public static ComputationGraph build(NetworkConfig config) {
        return build(config, new Adam(1e-3), DEFAULT_WEIGHT_DECAY);
    }

    /**
     * Builds and initialises the network.
     *
     * @param config      architecture and loss weights
     * @param updater     the optimiser (e.g. {@code new Nesterovs(lr, 0.9)}, {@code new Adam(lr)})
     * @param weightDecay weight-decay coefficient ≥ 0 (0 = none)
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
        ComputationGraph graph = new ComputationGraph(configuration(config, new Adam(1e-3), DEFAULT_WEIGHT_DECAY));
        graph.init();
        PretrainedBackbone.load(graph, init);
        return Accelerators.active().accelerate(graph);
    }

    /** The output names of a network built from {@code config}, in label order. */
    public static List<String> outputNames(NetworkConfig config) {
        List<String> names = new ArrayList<>(FACE_OUTPUTS);
        if (config.heatmapChannels() > 0) {
            names.add(HEATMAP_OUTPUT);
        }
        return names;
    }

    /**
     * The graph configuration without allocating parameters (cheap; useful to validate large configurations).
     *
     * @param config      architecture and loss weights
     * @param updater     the optimiser
     * @param weightDecay weight-decay coefficient ≥ 0
     */
    public static ComputationGraphConfiguration configuration(NetworkConfig config, IUpdater updater,
            double weightDecay) {
        GraphBuilder g = graphBuilder(config, updater, weightDecay);
        String x = addBackbone(g, config);
        int pixels = config.outputHeight() * config.outputWidth();
        addHead(g, config, x, "u_class", config.headChannels(), new BinCrossEntropyLoss(config.clsWeight(), pixels));
        addHead(g, config, x, "v_class", config.headChannels(), new BinCrossEntropyLoss(config.clsWeight(), pixels));
        addHead(g, config, x, "u_residual", config.headChannels(),
                new BinResidualSmoothL1Loss(config.regWeight(), pixels));
        addHead(g, config, x, "v_residual", config.headChannels(),
                new BinResidualSmoothL1Loss(config.regWeight(), pixels));
        if (config.heatmapChannels() > 0) {
            addHead(g, config, x, HEATMAP_OUTPUT, config.heatmapChannels(),
                    new MaskedHeatmapMseLoss(config.heatmapWeight(), pixels));
        }
        g.setOutputs(outputNames(config).toArray(new String[0]));
        ComputationGraphConfiguration conf = g.build();
        setWeightDecay(conf, weightDecay);
        return conf;
    }

    /**
     * Sets the regularisation of every layer in place: weight decay {@code coefficient} (applied after the updater,
     * scaled by the learning rate: DL4J's {@link WeightDecay}) on the weights of every layer but batch norm, nothing
     * on biases and batch-norm parameters. DL4J's builder option for it is not used: its layer validation appends the
     * global weight decay to the one a layer already holds, so every layer ended up with two, which doubled both the
     * decay and its cost.
     *
     * @param coefficient ≥ 0; 0 removes all regularisation
     */
    public static void setWeightDecay(ComputationGraphConfiguration conf, double coefficient) {
        List<Regularization> decay = coefficient > 0 ? List.of(new WeightDecay(coefficient, true)) : List.of();
        for (GraphVertex vertex : conf.getVertices().values()) {
            if (vertex instanceof LayerVertex lv && lv.getLayerConf() != null
                    && lv.getLayerConf().getLayer() instanceof BaseLayer layer) {
                layer.setRegularization(layer instanceof BatchNormalization ? List.of() : decay);
                layer.setRegularizationBias(List.of());
            }
        }
    }

    /**
     * The graph builder with the shared settings (seed, float32, updater, ReLU init, truncate mode) and the input
     * "input" [N, 3, H, W]; the configuration it builds still needs {@link #setWeightDecay}.
     */
    static GraphBuilder graphBuilder(NetworkConfig config, IUpdater updater, double weightDecay) {
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("weightDecay must be finite and >= 0, got " + weightDecay);
        }
        NeuralNetConfiguration.Builder base = new NeuralNetConfiguration.Builder()
                .seed(config.seed())
                .dataType(DataType.FLOAT)
                .updater(updater)
                .weightInit(WeightInit.RELU)
                .convolutionMode(ConvolutionMode.Truncate);
        return base.graphBuilder()
                .addInputs(INPUT)
                .setInputTypes(InputType.convolutional(config.inputHeight(), config.inputWidth(), 3));
    }

    /** Adds the dilated ResNet backbone after "input"; returns the name of its last (stride-8) layer. */
    static String addBackbone(GraphBuilder g, NetworkConfig config) {
        Builder b = new Builder(g, config.resnetVariant());
        String x = addStem(g, INPUT, config.stageWidth(0), config.resnetVariant());
        int[] blocks = config.blocksPerStage();
        int[] strides = {1, 2, 1, 1};
        int[] dilations = {1, 1, 2, 4};
        int inChannels = config.stageWidth(0);
        for (int s = 0; s < 4; s++) {
            int width = config.stageWidth(s);
            int outChannels = config.bottleneck() ? 4 * width : width;
            for (int i = 0; i < blocks[s]; i++) {
                String name = "res" + (s + 2) + "_" + i;
                int stride = i == 0 ? strides[s] : 1;
                boolean project = i == 0 && (stride != 1 || inChannels != outChannels);
                x = config.bottleneck()
                        ? b.bottleneck(name, x, width, outChannels, stride, dilations[s], project)
                        : b.basic(name, x, width, stride, dilations[s], project);
                inChannels = outChannels;
            }
        }
        return x;
    }

    /** Adds the stem (7×7/2 convolution, BN, ReLU, 3×3/2 max-pool) after {@code in}; returns "stem_pool". */
    static String addStem(GraphBuilder g, String in, int width) {
        return addStem(g, in, width, ResNetVariant.TORCHVISION);
    }

    /** Adds the stem of a ResNet variant (bias and batch-norm ε as {@code variant} says); returns "stem_pool". */
    static String addStem(GraphBuilder g, String in, int width, ResNetVariant variant) {
        String x = new Builder(g, variant).convBnRelu("stem", in, width, 7, 2, 1, true);
        g.addLayer("stem_pool", new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(3, 3).stride(2, 2)
                .padding(1, 1).build(), x);
        return "stem_pool";
    }

    /** Adds a 1×1 head "NAME_head" on {@code from}, upsampled when configured, ending in loss layer "NAME". */
    static void addHead(GraphBuilder g, NetworkConfig config, String from, String name, int channels,
            PixelLoss loss) {
        String conv = name + "_head";
        g.addLayer(conv, new ConvolutionLayer.Builder(1, 1).nOut(channels).hasBias(true)
                .weightInit(WeightInit.XAVIER).activation(Activation.IDENTITY).build(), from);
        String last = conv;
        if (config.fullResolutionOutput()) {
            last = name + "_up";
            g.addLayer(last, new BilinearUpsampleLayer(NetworkConfig.OUTPUT_STRIDE), conv);
        }
        g.addLayer(name, new CnnLossLayer.Builder().lossFunction(loss).activation(Activation.IDENTITY).build(), last);
    }

    /**
     * Adds conv/BN/ReLU building blocks to a graph under unique names, with the convolution biases, batch-norm ε and
     * bottleneck stride placement of a {@link ResNetVariant}.
     */
    record Builder(GraphBuilder g, ResNetVariant variant) {

        /** Blocks of torchvision's layout. */
        Builder(GraphBuilder g) {
            this(g, ResNetVariant.TORCHVISION);
        }

        String convBn(String name, String in, int channels, int kernel, int stride, int dilation) {
            int padding = dilation * (kernel - 1) / 2;
            g.addLayer(name, new ConvolutionLayer.Builder(kernel, kernel).nOut(channels).stride(stride, stride)
                    .padding(padding, padding).dilation(dilation, dilation).hasBias(variant.convolutionBias())
                    .activation(Activation.IDENTITY).build(), in);
            BatchNormalization.Builder bn = new BatchNormalization.Builder();
            if (variant != ResNetVariant.TORCHVISION) {
                bn.eps(variant.batchNormEpsilon()); // torchvision's layers keep DL4J's default (1e-5) as they were
            }
            g.addLayer(name + "_bn", bn.build(), name);
            return name + "_bn";
        }

        String convBnRelu(String name, String in, int channels, int kernel, int stride, int dilation, boolean relu) {
            String bn = convBn(name, in, channels, kernel, stride, dilation);
            if (!relu) {
                return bn;
            }
            g.addLayer(name + "_relu", new ActivationLayer(Activation.RELU), bn);
            return name + "_relu";
        }

        String shortcut(String name, String in, int channels, int stride, boolean project) {
            return project ? convBn(name + "_proj", in, channels, 1, stride, 1) : in;
        }

        String join(String name, String residual, String shortcut) {
            g.addVertex(name + "_add", new ElementWiseVertex(ElementWiseVertex.Op.Add), residual, shortcut);
            g.addLayer(name + "_out", new ActivationLayer(Activation.RELU), name + "_add");
            return name + "_out";
        }

        String basic(String name, String in, int width, int stride, int dilation, boolean project) {
            String a = convBnRelu(name + "_a", in, width, 3, stride, dilation, true);
            String c = convBnRelu(name + "_b", a, width, 3, 1, dilation, false);
            return join(name, c, shortcut(name, in, width, stride, project));
        }

        String bottleneck(String name, String in, int width, int outChannels, int stride, int dilation,
                boolean project) {
            int strideA = variant.strideInFirstConvolution() ? stride : 1;
            String a = convBnRelu(name + "_a", in, width, 1, strideA, 1, true);
            String c = convBnRelu(name + "_b", a, width, 3, stride / strideA, dilation, true);
            String d = convBnRelu(name + "_c", c, outChannels, 1, 1, 1, false);
            return join(name, d, shortcut(name, in, outChannels, stride, project));
        }
    }
}
