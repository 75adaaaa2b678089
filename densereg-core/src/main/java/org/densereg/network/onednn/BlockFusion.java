package org.densereg.network.onednn;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Converts a graph between its standard form (DL4J's own layers, the form models are saved in) and its fused form,
 * where each post-activation residual basic block built by the network factories ({@code X_a}, {@code X_a_bn},
 * {@code X_a_relu}, {@code X_b}, {@code X_b_bn}, [{@code X_proj}, {@code X_proj_bn}], {@code X_add}, {@code X_out})
 * is one {@link ResidualBlockLayer} named {@code X_out}, and each stem (a bias-free convolution, batch norm and
 * ReLU, each read only by the next, then a max-pooling layer P) is one {@link StemLayer} named P. Loss layers with a
 * pixel loss and the identity become {@link PixelLossOutputLayer}s (same fields, fewer copies). Every other vertex is
 * kept as it is, so the graph's inputs, outputs and heads keep their names.
 *
 * <p>Conversions carry everything training needs: parameters (batch-norm running statistics included), the
 * updater's state (e.g. Adam's moments) and the iteration and epoch counts; {@code standardConfiguration(
 * fusedConfiguration(c))} gives {@code c} back. Blocks that do not match the pattern exactly (bottleneck blocks,
 * other layouts, shared intermediate outputs) stay as standard layers.
 */
public final class BlockFusion {

    private static final String[] MEMBERS = {"_a", "_a_bn", "_a_relu", "_b", "_b_bn", "_proj", "_proj_bn", "_add"};

    private BlockFusion() {
    }

    /** True when the configuration holds at least one fused layer or fast loss layer. */
    public static boolean isFused(ComputationGraphConfiguration conf) {
        return conf.getVertices().entrySet().stream().anyMatch(e -> isBlock(conf, e.getKey())
                || e.getValue() instanceof LayerVertex lv && lv.getLayerConf() != null
                        && lv.getLayerConf().getLayer() instanceof PixelLossOutputLayer);
    }

    /**
     * The graph in fused form: a new graph with the same parameters, updater state and counters, or {@code graph}
     * itself when it has no block to fuse or is fused already.
     */
    public static ComputationGraph fuse(ComputationGraph graph) {
        ComputationGraphConfiguration conf = graph.getConfiguration();
        ComputationGraphConfiguration fused = fusedConfiguration(conf);
        if (fused == conf) {
            return graph;
        }
        return convert(graph, fused, fusedToStandardKey(fused));
    }

    /**
     * The graph in standard form: a new graph with the same parameters, updater state and counters, or
     * {@code graph} itself when it holds no fused block.
     */
    public static ComputationGraph standard(ComputationGraph graph) {
        ComputationGraphConfiguration conf = graph.getConfiguration();
        if (!isFused(conf)) {
            return graph;
        }
        return convert(graph, standardConfiguration(conf), standardToFusedKey(conf));
    }

    /** The fused configuration, or {@code conf} itself when nothing matches. */
    public static ComputationGraphConfiguration fusedConfiguration(ComputationGraphConfiguration conf) {
        // fused vertex name → its layer, and the standard vertex whose position (and input) it takes
        Map<String, Layer> fused = new LinkedHashMap<>();
        Map<String, String> position = new HashMap<>();
        Map<String, String> memberOf = new HashMap<>();
        for (String name : conf.getVertices().keySet()) {
            if (name.endsWith("_add")) {
                String block = name.substring(0, name.length() - "_add".length());
                ResidualBlockLayer layer = match(conf, block);
                if (layer != null) {
                    fused.put(block + "_out", layer);
                    position.put(block + "_a", block + "_out");
                    for (String suffix : MEMBERS) {
                        memberOf.put(block + suffix, block + "_out");
                    }
                    memberOf.put(block + "_out", block + "_out");
                }
            }
            StemLayer stem = matchStem(conf, name);
            if (stem != null) {
                fused.put(name, stem);
                position.put(stem.getConvName(), name);
                for (String member : List.of(stem.getConvName(), stem.getNormName(), stem.getReluName(), name)) {
                    memberOf.put(member, name);
                }
            }
        }
        boolean losses = conf.getVertices().values().stream().anyMatch(v -> v instanceof LayerVertex lv
                && lv.getLayerConf() != null && PixelLossOutputLayer.accepts(lv.getLayerConf().getLayer()));
        if (fused.isEmpty() && !losses) {
            return conf;
        }
        ComputationGraphConfiguration out = conf.clone();
        Map<String, GraphVertex> newVertices = new LinkedHashMap<>();
        Map<String, List<String>> newInputs = new LinkedHashMap<>();
        for (Map.Entry<String, GraphVertex> e : out.getVertices().entrySet()) {
            String name = e.getKey();
            if (e.getValue() instanceof LayerVertex lv && lv.getLayerConf() != null
                    && PixelLossOutputLayer.accepts(lv.getLayerConf().getLayer())) {
                newVertices.put(name, withLayer(lv, PixelLossOutputLayer.of(
                        (org.deeplearning4j.nn.conf.layers.CnnLossLayer) lv.getLayerConf().getLayer())));
                newInputs.put(name, out.getVertexInputs().get(name));
            } else if (!memberOf.containsKey(name)) {
                newVertices.put(name, e.getValue());
                newInputs.put(name, out.getVertexInputs().get(name));
            } else if (position.containsKey(name)) {
                String fusedName = position.get(name);
                NeuralNetConfiguration layerConf = ((LayerVertex) e.getValue()).getLayerConf().clone();
                layerConf.clearVariables();
                Layer layer = fused.get(fusedName).clone();
                layer.setLayerName(fusedName);
                layerConf.setLayer(layer);
                newVertices.put(fusedName, new LayerVertex(layerConf, null));
                newInputs.put(fusedName, new ArrayList<>(out.getVertexInputs().get(name)));
            }
        }
        out.setVertices(newVertices);
        out.setVertexInputs(newInputs);
        forgetTopologicalOrder(out);
        return out;
    }

    /** The standard configuration of a (possibly) fused one; {@code conf} itself when nothing is fused. */
    public static ComputationGraphConfiguration standardConfiguration(ComputationGraphConfiguration conf) {
        if (!isFused(conf)) {
            return conf;
        }
        ComputationGraphConfiguration out = conf.clone();
        Map<String, GraphVertex> newVertices = new LinkedHashMap<>();
        Map<String, List<String>> newInputs = new LinkedHashMap<>();
        for (Map.Entry<String, GraphVertex> e : out.getVertices().entrySet()) {
            String name = e.getKey();
            Layer layer = e.getValue() instanceof LayerVertex lv ? lv.getLayerConf().getLayer() : null;
            String in = layer instanceof FusedLayerConfig ? out.getVertexInputs().get(name).get(0) : null;
            NeuralNetConfiguration base = layer instanceof FusedLayerConfig
                    ? ((LayerVertex) e.getValue()).getLayerConf() : null;
            if (layer instanceof ResidualBlockLayer block) {
                String x = name.substring(0, name.length() - "_out".length());
                addLayer(newVertices, newInputs, base, x + "_a", block.getConvA().clone(), in);
                addLayer(newVertices, newInputs, base, x + "_a_bn", block.getNormA().clone(), x + "_a");
                addLayer(newVertices, newInputs, base, x + "_a_relu", new ActivationLayer(Activation.RELU),
                        x + "_a_bn");
                addLayer(newVertices, newInputs, base, x + "_b", block.getConvB().clone(), x + "_a_relu");
                addLayer(newVertices, newInputs, base, x + "_b_bn", block.getNormB().clone(), x + "_b");
                String shortcut = in;
                if (block.isProjection()) {
                    addLayer(newVertices, newInputs, base, x + "_proj", block.getConvProjection().clone(), in);
                    addLayer(newVertices, newInputs, base, x + "_proj_bn", block.getNormProjection().clone(),
                            x + "_proj");
                    shortcut = x + "_proj_bn";
                }
                newVertices.put(x + "_add", new ElementWiseVertex(ElementWiseVertex.Op.Add));
                newInputs.put(x + "_add", List.of(x + "_b_bn", shortcut));
                addLayer(newVertices, newInputs, base, x + "_out", new ActivationLayer(Activation.RELU), x + "_add");
            } else if (layer instanceof PixelLossOutputLayer loss) {
                newVertices.put(name, withLayer((LayerVertex) e.getValue(), loss.standard()));
                newInputs.put(name, out.getVertexInputs().get(name));
            } else if (layer instanceof StemLayer stem) {
                addLayer(newVertices, newInputs, base, stem.getConvName(), stem.getConv().clone(), in);
                addLayer(newVertices, newInputs, base, stem.getNormName(), stem.getNorm().clone(), stem.getConvName());
                addLayer(newVertices, newInputs, base, stem.getReluName(), new ActivationLayer(Activation.RELU),
                        stem.getNormName());
                addLayer(newVertices, newInputs, base, name, stem.getPool().clone(), stem.getReluName());
            } else {
                newVertices.put(name, e.getValue());
                newInputs.put(name, out.getVertexInputs().get(name));
            }
        }
        out.setVertices(newVertices);
        out.setVertexInputs(newInputs);
        forgetTopologicalOrder(out);
        return out;
    }

    /**
     * The stem layer for a max-pooling vertex {@code pool} fed by ReLU ← batch norm ← bias-free convolution, each
     * read by the next only; null when anything differs.
     */
    private static StemLayer matchStem(ComputationGraphConfiguration conf, String pool) {
        SubsamplingLayer pooling = layer(conf, pool, SubsamplingLayer.class);
        if (pooling == null || pooling.getPoolingType() != PoolingType.MAX
                || pooling.getConvolutionMode() != ConvolutionMode.Truncate
                || pooling.getCnn2dDataFormat() != CNN2DFormat.NCHW || !square(pooling.getKernelSize())
                || !square(pooling.getStride()) || !square(pooling.getPadding())
                || pooling.getDilation()[0] != 1 || pooling.getDilation()[1] != 1) {
            return null;
        }
        String relu = singleInput(conf, pool);
        String norm = relu == null ? null : singleInput(conf, relu);
        String convName = norm == null ? null : singleInput(conf, norm);
        if (convName == null || !isRelu(conf, relu) || singleInput(conf, convName) == null) {
            return null;
        }
        BatchNormalization bn = layer(conf, norm, BatchNormalization.class);
        ConvolutionLayer conv = layer(conf, convName, ConvolutionLayer.class);
        if (bn == null || conv == null || !normFits(bn, bn) || !square(conv.getKernelSize())
                || !square(conv.getStride()) || !convolutionFits(conv, conv.getKernelSize()[0], conv.getStride()[0], 1,
                        conv.getNIn(), conv.getNOut())
                || readers(conf, convName) != 1 || readers(conf, norm) != 1 || readers(conf, relu) != 1
                || conf.getNetworkOutputs().stream().anyMatch(o -> o.equals(convName) || o.equals(norm)
                        || o.equals(relu))) {
            return null;
        }
        StemLayer stem = new StemLayer(conv, bn, pooling, convName, norm, relu);
        stem.setInputGradient(!conf.getNetworkInputs().contains(singleInput(conf, convName)));
        return stem;
    }

    private static boolean square(int[] values) {
        return values != null && values.length == 2 && values[0] == values[1];
    }

    /** The single input of a vertex, or null. */
    private static String singleInput(ComputationGraphConfiguration conf, String name) {
        List<String> in = conf.getVertexInputs().get(name);
        return in != null && in.size() == 1 ? in.get(0) : null;
    }

    /** How many vertices read {@code name}. */
    private static long readers(ComputationGraphConfiguration conf, String name) {
        return conf.getVertexInputs().values().stream().filter(in -> in.contains(name)).count();
    }

    /** A copy of a layer vertex (same preprocessor and output flag) holding {@code layer}. */
    private static LayerVertex withLayer(LayerVertex vertex, Layer layer) {
        LayerVertex copy = (LayerVertex) vertex.clone();
        copy.getLayerConf().setLayer(layer);
        return copy;
    }

    /** A configuration caches its graph's topological order, which names the vertices before a rewrite. */
    private static void forgetTopologicalOrder(ComputationGraphConfiguration conf) {
        conf.setTopologicalOrder(null);
        conf.setTopologicalOrderStr(null);
    }

    private static void addLayer(Map<String, GraphVertex> vertices, Map<String, List<String>> inputs,
            NeuralNetConfiguration base, String name, Layer layer, String input) {
        NeuralNetConfiguration layerConf = base.clone();
        layerConf.clearVariables();
        layer.setLayerName(name);
        layerConf.setLayer(layer);
        vertices.put(name, new LayerVertex(layerConf, null));
        inputs.put(name, List.of(input));
    }

    /** The block layer for the standard block named {@code x}, or null when its vertices do not match exactly. */
    private static ResidualBlockLayer match(ComputationGraphConfiguration conf, String x) {
        Map<String, List<String>> inputs = conf.getVertexInputs();
        if (!(conf.getVertices().get(x + "_add") instanceof ElementWiseVertex add)
                || add.getOp() != ElementWiseVertex.Op.Add) {
            return null;
        }
        ConvolutionLayer convA = layer(conf, x + "_a", ConvolutionLayer.class);
        BatchNormalization normA = layer(conf, x + "_a_bn", BatchNormalization.class);
        ConvolutionLayer convB = layer(conf, x + "_b", ConvolutionLayer.class);
        BatchNormalization normB = layer(conf, x + "_b_bn", BatchNormalization.class);
        if (convA == null || normA == null || convB == null || normB == null || !isRelu(conf, x + "_a_relu")
                || !isRelu(conf, x + "_out") || conf.getNetworkOutputs().stream().anyMatch(o -> o.startsWith(x + "_")
                        && !o.equals(x + "_out"))) {
            return null;
        }
        List<String> in = inputs.get(x + "_a");
        if (in == null || in.size() != 1 || !List.of(x + "_a").equals(inputs.get(x + "_a_bn"))
                || !List.of(x + "_a_bn").equals(inputs.get(x + "_a_relu"))
                || !List.of(x + "_a_relu").equals(inputs.get(x + "_b"))
                || !List.of(x + "_b").equals(inputs.get(x + "_b_bn"))
                || !List.of(x + "_add").equals(inputs.get(x + "_out"))) {
            return null;
        }
        List<String> addInputs = inputs.get(x + "_add");
        if (addInputs == null || addInputs.size() != 2 || !addInputs.get(0).equals(x + "_b_bn")) {
            return null;
        }
        ConvolutionLayer convP = null;
        BatchNormalization normP = null;
        String shortcut = addInputs.get(1);
        if (shortcut.equals(x + "_proj_bn")) {
            convP = layer(conf, x + "_proj", ConvolutionLayer.class);
            normP = layer(conf, x + "_proj_bn", BatchNormalization.class);
            if (convP == null || normP == null || !in.equals(inputs.get(x + "_proj"))
                    || !List.of(x + "_proj").equals(inputs.get(x + "_proj_bn"))
                    || !convolutionFits(convP, 1, convA.getStride()[0], 1, convA.getNIn(), convA.getNOut())
                    || !normFits(normP, normA)) {
                return null;
            }
        } else if (!shortcut.equals(in.get(0)) || convA.getNIn() != convA.getNOut() || convA.getStride()[0] != 1
                || conf.getVertices().containsKey(x + "_proj")) {
            return null;
        }
        int dilation = convA.getDilation()[0];
        if (!convolutionFits(convA, 3, convA.getStride()[0], dilation, convA.getNIn(), convA.getNOut())
                || !convolutionFits(convB, 3, 1, dilation, convA.getNOut(), convA.getNOut())
                || !normFits(normA, normA) || !normFits(normB, normA) || usedOutside(conf, x)) {
            return null;
        }
        return new ResidualBlockLayer(convA, normA, convB, normB, convP, normP);
    }

    /** Whether a vertex outside block {@code x} reads one of the block's intermediate vertices. */
    private static boolean usedOutside(ComputationGraphConfiguration conf, String x) {
        for (Map.Entry<String, List<String>> e : conf.getVertexInputs().entrySet()) {
            if (memberOf(e.getKey(), x)) {
                continue;
            }
            for (String input : e.getValue()) {
                if (memberOf(input, x) && !input.equals(x + "_out")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean memberOf(String name, String x) {
        for (String suffix : MEMBERS) {
            if (name.equals(x + suffix)) {
                return true;
            }
        }
        return name.equals(x + "_out");
    }

    private static boolean convolutionFits(ConvolutionLayer c, int kernel, int stride, int dilation, long nIn,
            long nOut) {
        int padding = dilation * (kernel - 1) / 2;
        return !c.hasBias() && c.getNIn() == nIn && c.getNOut() == nOut
                && c.getKernelSize()[0] == kernel && c.getKernelSize()[1] == kernel
                && c.getStride()[0] == stride && c.getStride()[1] == stride
                && c.getDilation()[0] == dilation && c.getDilation()[1] == dilation
                && c.getPadding()[0] == padding && c.getPadding()[1] == padding
                && c.getConvolutionMode() == ConvolutionMode.Truncate && c.getCnn2dDataFormat() == CNN2DFormat.NCHW
                && c.getActivationFn() instanceof ActivationIdentity && c.getIDropout() == null
                && c.getWeightNoise() == null && (c.getConstraints() == null || c.getConstraints().isEmpty());
    }

    private static boolean normFits(BatchNormalization n, BatchNormalization reference) {
        return n.isUseLogStd() && !n.isLockGammaBeta() && n.getCnn2DFormat() == CNN2DFormat.NCHW
                && n.getDecay() == reference.getDecay() && n.getEps() == reference.getEps() && n.getIDropout() == null
                && (n.getConstraints() == null || n.getConstraints().isEmpty());
    }

    private static boolean isRelu(ComputationGraphConfiguration conf, String name) {
        ActivationLayer a = layer(conf, name, ActivationLayer.class);
        return a != null && a.getActivationFn() instanceof ActivationReLU r && r.equals(new ActivationReLU())
                && a.getIDropout() == null;
    }

    private static <T extends Layer> T layer(ComputationGraphConfiguration conf, String name, Class<T> type) {
        if (conf.getVertices().get(name) instanceof LayerVertex lv && lv.getPreProcessor() == null
                && lv.getLayerConf() != null && type.isInstance(lv.getLayerConf().getLayer())
                && lv.getLayerConf().getLayer().getClass() == type) {
            return type.cast(lv.getLayerConf().getLayer());
        }
        return null;
    }

    /** Maps "layer/param" keys of a fused graph to the standard graph's. */
    private static UnaryOperator<String> fusedToStandardKey(ComputationGraphConfiguration fused) {
        return key -> {
            int slash = key.indexOf('/');
            String layer = key.substring(0, slash);
            String param = key.substring(slash + 1);
            if (!isBlock(fused, layer)) {
                return key;
            }
            return fusedLayer(fused, layer).standardKey(layer, param);
        };
    }

    /** Maps "layer/param" keys of a standard graph to the fused graph's ({@code fused} names the blocks). */
    private static UnaryOperator<String> standardToFusedKey(ComputationGraphConfiguration fused) {
        Map<String, String> map = new HashMap<>();
        for (Map.Entry<String, GraphVertex> e : fused.getVertices().entrySet()) {
            if (isBlock(fused, e.getKey())) {
                org.deeplearning4j.nn.conf.layers.Layer block = ((LayerVertex) e.getValue()).getLayerConf().getLayer();
                UnaryOperator<String> forward = fusedToStandardKey(fused);
                for (String param : block.initializer().paramKeys(block)) {
                    String key = e.getKey() + "/" + param;
                    map.put(forward.apply(key), key);
                }
            }
        }
        return key -> map.getOrDefault(key, key);
    }

    private static boolean isBlock(ComputationGraphConfiguration conf, String name) {
        return fusedLayer(conf, name) != null;
    }

    /** The fused layer configuration of vertex {@code name}, or null when it is not one. */
    private static FusedLayerConfig fusedLayer(ComputationGraphConfiguration conf, String name) {
        return conf.getVertices().get(name) instanceof LayerVertex lv && lv.getLayerConf() != null
                && lv.getLayerConf().getLayer() instanceof FusedLayerConfig f ? f : null;
    }

    /**
     * A new graph of configuration {@code target} holding {@code source}'s parameters, updater state and counters.
     *
     * @param targetKeyOf maps a "layer/param" key of the target graph to the source graph's key
     */
    private static ComputationGraph convert(ComputationGraph source, ComputationGraphConfiguration target,
            UnaryOperator<String> targetKeyOf) {
        ComputationGraph out = new ComputationGraph(target);
        out.init();
        for (org.deeplearning4j.nn.api.Layer layer : out.getLayers()) {
            String name = layer.conf().getLayer().getLayerName();
            for (Map.Entry<String, INDArray> e : layer.paramTable().entrySet()) {
                String sourceKey = targetKeyOf.apply(name + "/" + e.getKey());
                int slash = sourceKey.indexOf('/');
                org.deeplearning4j.nn.api.Layer sourceLayer = source.getLayer(sourceKey.substring(0, slash));
                INDArray value = sourceLayer == null ? null : sourceLayer.getParam(sourceKey.substring(slash + 1));
                if (value == null || value.length() != e.getValue().length()) {
                    throw new IllegalStateException("cannot convert parameter " + name + "/" + e.getKey()
                            + ": the source graph has no " + sourceKey + " of that size");
                }
                e.getValue().assign(value.reshape(e.getValue().shape()));
            }
        }
        Map<String, List<INDArray>> sourceState = updaterState(source, false);
        if (!sourceState.isEmpty()) {
            for (Map.Entry<String, List<INDArray>> e : updaterState(out, true).entrySet()) {
                List<INDArray> from = sourceState.get(targetKeyOf.apply(e.getKey()));
                if (from == null || from.size() != e.getValue().size()) {
                    throw new IllegalStateException("cannot convert the updater state of " + e.getKey());
                }
                for (int i = 0; i < from.size(); i++) {
                    e.getValue().get(i).assign(from.get(i));
                }
            }
        }
        out.getConfiguration().setIterationCount(source.getConfiguration().getIterationCount());
        out.getConfiguration().setEpochCount(source.getConfiguration().getEpochCount());
        OneDnnAcceleration.install(out);
        return out;
    }

    /**
     * The updater state of each parameter, keyed "layer/param": one array per state component (e.g. Adam's M and
     * V), each a view of the graph's updater state with the parameter's length. Empty when the graph has no
     * updater state yet. DL4J lays out an updater block's state as its components one after another, each covering
     * the whole block, which every DL4J updater follows (state size = components × parameters).
     */
    static Map<String, List<INDArray>> updaterState(ComputationGraph graph, boolean create) {
        Map<String, List<INDArray>> out = new LinkedHashMap<>();
        if (graph.getUpdater(create) == null) {
            return out;
        }
        for (UpdaterBlock block : graph.getUpdater().getUpdaterBlocks()) {
            INDArray view = block.getUpdaterView();
            long blockLength = block.getParamOffsetEnd() - block.getParamOffsetStart();
            if (view == null || view.length() == 0 || blockLength == 0) {
                continue;
            }
            INDArray flat = view.reshape(view.length());
            long components = view.length() / blockLength;
            for (UpdaterBlock.ParamState p : block.getLayersAndVariablesInBlock()) {
                long offset = p.getParamOffsetStart() - block.getParamOffsetStart();
                long length = p.getParamOffsetEnd() - p.getParamOffsetStart();
                List<INDArray> parts = new ArrayList<>();
                for (long c = 0; c < components; c++) {
                    long start = c * blockLength + offset;
                    parts.add(flat.get(NDArrayIndex.interval(start, start + length)));
                }
                out.put(p.getLayer().getConfig().getLayerName() + "/" + p.getParamName(), parts);
            }
        }
        return out;
    }
}
