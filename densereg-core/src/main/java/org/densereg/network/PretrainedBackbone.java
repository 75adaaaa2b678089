package org.densereg.network;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.densereg.io.BadInputException;
import org.densereg.io.tensors.KerasH5Reader;
import org.densereg.io.tensors.Tensor;
import org.densereg.io.tensors.TensorFile;
import org.densereg.io.tensors.TensorFiles;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Initialises the ResNet backbone of a DenseReg graph (face or body) from ImageNet-style weights in torchvision's
 * naming: a PyTorch state dict ({@code .pth}) or a {@code .safetensors} file ({@link TensorFiles}); or in Keras
 * applications' naming, a Keras ResNet50/101 {@code .h5} (below).
 *
 * <p>Names: {@code conv1}/{@code bn1} → {@code stem}/{@code stem_bn}; {@code layerS.I.convK}/{@code bnK} (K = 1, 2,
 * 3) → {@code res(S+1)_I_a|b|c} and {@code …_bn}; {@code layerS.I.downsample.0}/{@code .1} → {@code res(S+1)_I_proj}
 * and {@code …_proj_bn}. Layouts: convolution weights are [out, in, kH, kW] in both (copied as they are); batch norm
 * takes {@code weight} → γ, {@code bias} → β, {@code running_mean} → mean and {@code running_var} → DL4J's
 * log10 σ = ½·log10(running_var) (DL4J adds ε itself, 1e-5 as PyTorch). The dilated stages (conv4_x, conv5_x: no
 * stride, dilation 2 and 4) have the same weight shapes as torchvision's strided ones, so the same tensors load;
 * only the feature maps differ in size. A leading {@code module.} (DataParallel) is dropped from every name.
 *
 * <p>Input scale: torchvision's backbones take {@code (x/255 − mean)/std} per RGB channel, our networks
 * {@code x/255 − mean} ({@link InputNormalisation#imagenet()}, the only normalisation training uses). The stem
 * convolution is linear, without bias and zero-padded, so dividing its weights by {@link
 * InputNormalisation#IMAGENET_STD} per input channel on loading makes it compute exactly what torchvision's stem
 * computes on its own inputs ({@link #foldInputStd}).
 *
 * <p>All backbone tensors must be present with the shape the layer needs (a torchvision ResNet of the same depth at
 * width multiplier 1), else the file is refused before anything is written, naming the first tensor that does not
 * fit. The heads and any other layer stay as initialised; file tensors without a layer here ({@code fc.*},
 * {@code num_batches_tracked}) are ignored. What was loaded, left fresh and ignored is returned and logged.
 *
 * <p><b>Keras</b> ({@code .h5} of {@code keras.applications.ResNet50/101}, read by {@link KerasH5Reader}; the graph
 * must be built with {@link ResNetVariant#KERAS}, which has Keras's stride placement, biases and ε): {@code
 * conv1_conv}/{@code conv1_bn} → {@code stem}/{@code stem_bn}; {@code convS_blockI_K_conv}/{@code _bn} (K = 1, 2, 3)
 * → {@code resS_(I−1)_a|b|c} and {@code …_bn}; {@code convS_blockI_0_conv}/{@code _bn} → {@code resS_(I−1)_proj} and
 * {@code …_proj_bn}. Kernels [kH, kW, in, out] are transposed to [out, in, kH, kW], biases copied; batch norm takes
 * {@code gamma}, {@code beta}, {@code moving_mean} and {@code moving_variance} (ε 1.001e-5 is the graph's). Keras's
 * ResNets take Caffe-style inputs ({@code preprocess_input}: BGR, 0..255 minus the Caffe means 103.939, 116.779,
 * 123.68); the stem's kernel is re-ordered BGR → RGB and multiplied by 255 ({@link #foldKerasInput}), so that our
 * network on an image computes exactly what the Keras model computes on that image shifted by the difference of the
 * means, (0.005, 0.499, 0.409) grey levels in R, G, B: below one grey level, and exact including the zero padding.
 */
public final class PretrainedBackbone {

    private static final Logger LOG = LoggerFactory.getLogger(PretrainedBackbone.class);

    private static final Pattern BLOCK = Pattern.compile("res(\\d)_(\\d+)_(a|b|c|proj)(_bn)?");
    private static final Map<String, String> CONV = Map.of("a", "conv1", "b", "conv2", "c", "conv3",
            "proj", "downsample.0");
    private static final Map<String, String> NORM = Map.of("a", "bn1", "b", "bn2", "c", "bn3",
            "proj", "downsample.1");

    /**
     * What an initialisation did.
     *
     * @param file    the weight file
     * @param format  its format in words
     * @param loaded  our layers that took the file's weights, in graph order
     * @param fresh   our layers with parameters that kept their fresh initialisation (the heads)
     * @param ignored the file's tensors that no layer took (e.g. {@code fc.weight}, {@code num_batches_tracked})
     */
    public record Report(Path file, String format, List<String> loaded, List<String> fresh, List<String> ignored) {

        /** One paragraph for the log: counts, then the fresh layers and the ignored tensors by name. */
        public String summary() {
            return "initialised " + loaded.size() + " backbone layers from " + file + " (" + format + "); fresh: "
                    + (fresh.isEmpty() ? "none" : String.join(", ", fresh)) + "; ignored tensors: "
                    + (ignored.isEmpty() ? "none" : abbreviate(ignored));
        }

        private static String abbreviate(List<String> names) {
            List<String> others = names.stream().filter(n -> !n.endsWith("num_batches_tracked")).toList();
            long counters = names.size() - others.size();
            String text = String.join(", ", others);
            return counters == 0 ? text : text + (text.isEmpty() ? "" : ", ") + counters + " × num_batches_tracked";
        }
    }

    private PretrainedBackbone() {
    }

    /** The torchvision name of one of our backbone layers, or null when the layer is not part of the backbone. */
    public static String torchvisionName(String layer) {
        if (layer.equals("stem")) {
            return "conv1";
        }
        if (layer.equals("stem_bn")) {
            return "bn1";
        }
        Matcher m = BLOCK.matcher(layer);
        if (!m.matches()) {
            return null;
        }
        String block = "layer" + (Integer.parseInt(m.group(1)) - 1) + "." + m.group(2) + ".";
        return block + (m.group(4) == null ? CONV : NORM).get(m.group(3));
    }

    /**
     * The Keras applications name of one of our backbone layers ({@code conv1_conv}, {@code conv2_block1_0_bn}, …),
     * or null when the layer is not part of the backbone.
     */
    public static String kerasName(String layer) {
        if (layer.equals("stem")) {
            return "conv1_conv";
        }
        if (layer.equals("stem_bn")) {
            return "conv1_bn";
        }
        Matcher m = BLOCK.matcher(layer);
        if (!m.matches()) {
            return null;
        }
        String k = switch (m.group(3)) {
            case "proj" -> "0";
            case "a" -> "1";
            case "b" -> "2";
            default -> "3";
        };
        return "conv" + m.group(1) + "_block" + (Integer.parseInt(m.group(2)) + 1) + "_" + k
                + (m.group(4) == null ? "_conv" : "_bn");
    }

    /**
     * Reads {@code file} and loads it into {@code graph}'s backbone ({@link #load(ComputationGraph, TensorFile)}).
     *
     * @param graph a DenseReg graph in standard form (before {@link Accelerator#accelerate})
     * @param file  a {@code .pth} or {@code .safetensors} file of a torchvision ResNet state dict, or a Keras
     *              applications ResNet {@code .h5} (the graph built with {@link ResNetVariant#KERAS})
     * @return what was loaded, left fresh and ignored
     * @throws BadInputException when the file cannot be read or does not fit the backbone
     * @throws IOException       when the file cannot be read
     */
    public static Report load(ComputationGraph graph, Path file) throws IOException {
        return load(graph, TensorFiles.read(file));
    }

    /**
     * Loads torchvision-named tensors into {@code graph}'s backbone, after checking every one of them: nothing is
     * written unless all fit. Logs {@link Report#summary()}.
     *
     * @param graph   a DenseReg graph in standard form (before {@link Accelerator#accelerate}), initialised
     * @param weights the tensors of a torchvision ResNet state dict, or of a Keras ResNet {@code .h5} ({@link
     *                KerasH5Reader}), of the graph's depth, width multiplier 1
     * @return what was loaded, left fresh and ignored
     * @throws BadInputException naming the first tensor that is missing or has another shape (name, expected shape,
     *                           found shape)
     * @throws IllegalArgumentException when the graph is in an accelerated (fused) form
     */
    public static Report load(ComputationGraph graph, TensorFile weights) {
        boolean keras = KerasH5Reader.FORMAT.equals(weights.format());
        checkVariant(graph, weights, keras);
        Map<String, Tensor> byName = new LinkedHashMap<>();
        for (Tensor t : weights.tensors().values()) {
            byName.put(t.name().startsWith("module.") ? t.name().substring("module.".length()) : t.name(), t);
        }
        String hint = keras ? KERAS_HINT : HINT;
        List<Write> writes = new ArrayList<>();  // not a map: INDArray equality compares values
        Set<String> used = new LinkedHashSet<>();
        List<String> loaded = new ArrayList<>();
        List<String> fresh = new ArrayList<>();
        for (String name : graph.getConfiguration().getTopologicalOrderStr()) {
            GraphVertex vertex = graph.getVertex(name);
            if (!vertex.hasLayer() || vertex.getLayer().numParams() == 0) {
                continue;
            }
            Layer layer = vertex.getLayer();
            String source = keras ? kerasName(name) : torchvisionName(name);
            org.deeplearning4j.nn.conf.layers.Layer conf = layer.conf().getLayer();
            if (source == null) {
                if (name.startsWith("stem") || BLOCK.matcher(name.replaceAll("_out$", "_a")).matches()) {
                    throw new IllegalArgumentException("layer " + name + " is fused (" + conf.getClass().getSimpleName()
                            + "): load pretrained weights into the graph's standard form, before"
                            + " Accelerator.accelerate");
                }
                fresh.add(name);
                continue;
            }
            if (keras) {
                loadKeras(weights, byName, name, source, layer, conf, writes, used);
            } else if (conf instanceof BatchNormalization bn) {
                String[][] pairs = {{"weight", BatchNormalizationParamInitializer.GAMMA},
                    {"bias", BatchNormalizationParamInitializer.BETA},
                    {"running_mean", BatchNormalizationParamInitializer.GLOBAL_MEAN},
                    {"running_var", bn.isUseLogStd() ? BatchNormalizationParamInitializer.GLOBAL_LOG_STD
                        : BatchNormalizationParamInitializer.GLOBAL_VAR}};
                for (String[] pair : pairs) {
                    INDArray param = layer.getParam(pair[1]);
                    float[] values = take(weights, byName, name, source + "." + pair[0],
                            new long[] {param.length()}, used, hint);
                    if (pair[1].equals(BatchNormalizationParamInitializer.GLOBAL_LOG_STD)) {
                        values = log10Std(weights, source + ".running_var", values);
                    }
                    writes.add(new Write(param, values));
                }
            } else if (conf instanceof ConvolutionLayer) {
                INDArray w = layer.getParam(ConvolutionParamInitializer.WEIGHT_KEY);
                float[] values = take(weights, byName, name, source + ".weight", w.shape(), used, hint);
                writes.add(new Write(w, name.equals("stem") ? foldInputStd(values, w.shape()) : values));
            } else {
                throw new IllegalArgumentException("layer " + name + " is a " + conf.getClass().getSimpleName()
                        + ", expected a convolution or batch norm: load into the graph's standard form");
            }
            loaded.add(name);
        }
        for (Write w : writes) {
            w.target.assign(Nd4j.create(w.values, w.target.shape(), w.target.ordering()).castTo(w.target.dataType()));
        }
        List<String> ignored = byName.keySet().stream().filter(n -> !used.contains(n)).toList();
        Report report = new Report(weights.file(), weights.format(), List.copyOf(loaded), List.copyOf(fresh),
                ignored);
        LOG.info("{}", report.summary());
        return report;
    }

    /**
     * The stem's weights for our inputs: torchvision's weights divided by the ImageNet standard deviation of their
     * input channel.
     *
     * @param oihw  [out, 3, kH, kW] torchvision stem weights, flat in C order
     * @param shape the weights' shape, {@code [out, 3, kH, kW]}
     * @return a new array, {@code w[o, c, y, x] / IMAGENET_STD[c]}
     */
    static float[] foldInputStd(float[] oihw, long[] shape) {
        if (shape.length != 4 || shape[1] != InputNormalisation.IMAGENET_STD.length) {
            throw new IllegalArgumentException("stem weights must be [out, 3, kH, kW], got " + Arrays.toString(shape));
        }
        int plane = (int) (shape[2] * shape[3]);
        float[] out = new float[oihw.length];
        for (int i = 0; i < out.length; i++) {
            int channel = (i / plane) % 3;
            out[i] = (float) (oihw[i] / InputNormalisation.IMAGENET_STD[channel]);
        }
        return out;
    }

    /**
     * Refuses a file of the other ResNet family than the graph's: the stem convolution has a bias exactly in
     * {@link ResNetVariant#KERAS} graphs.
     */
    private static void checkVariant(ComputationGraph graph, TensorFile weights, boolean keras) {
        GraphVertex stem = graph.getVertex("stem");
        if (stem == null || !stem.hasLayer()
                || !(stem.getLayer().conf().getLayer() instanceof ConvolutionLayer conv)) {
            return; // fused or unusual: the layer loop says what is wrong
        }
        if (keras && !conv.hasBias()) {
            throw new BadInputException(weights.file(), "a Keras ResNet (" + weights.format() + ") needs the network"
                    + " built as Keras builds it: set network.resnetVariant: KERAS (stride in the first 1x1"
                    + " convolution, convolution biases, batch norm epsilon 1.001e-5; depth 50 or 101)");
        }
        if (!keras && conv.hasBias()) {
            throw new BadInputException(weights.file(), "a torchvision ResNet (" + weights.format() + ") needs"
                    + " network.resnetVariant: TORCHVISION; the network is built with KERAS");
        }
    }

    /** Queues the writes of one Keras layer: kernel (HWIO → OIHW) and bias, or the four batch-norm tensors. */
    private static void loadKeras(TensorFile weights, Map<String, Tensor> byName, String name, String source,
            Layer layer, org.deeplearning4j.nn.conf.layers.Layer conf, List<Write> writes, Set<String> used) {
        if (conf instanceof BatchNormalization bn) {
            String[][] pairs = {{"gamma", BatchNormalizationParamInitializer.GAMMA},
                {"beta", BatchNormalizationParamInitializer.BETA},
                {"moving_mean", BatchNormalizationParamInitializer.GLOBAL_MEAN},
                {"moving_variance", bn.isUseLogStd() ? BatchNormalizationParamInitializer.GLOBAL_LOG_STD
                    : BatchNormalizationParamInitializer.GLOBAL_VAR}};
            for (String[] pair : pairs) {
                INDArray param = layer.getParam(pair[1]);
                String tensor = source + "/" + pair[0];
                float[] values = take(weights, byName, name, tensor, new long[] {param.length()}, used, KERAS_HINT);
                if (pair[1].equals(BatchNormalizationParamInitializer.GLOBAL_LOG_STD)) {
                    values = log10Std(weights, tensor, values);
                }
                writes.add(new Write(param, values));
            }
        } else if (conf instanceof ConvolutionLayer conv) {
            INDArray w = layer.getParam(ConvolutionParamInitializer.WEIGHT_KEY);
            long[] oihw = w.shape();
            long[] hwio = {oihw[2], oihw[3], oihw[1], oihw[0]};
            float[] kernel = take(weights, byName, name, source + "/kernel", hwio, used, KERAS_HINT);
            float[] values = hwioToOihw(kernel, hwio);
            writes.add(new Write(w, name.equals("stem") ? foldKerasInput(values, oihw) : values));
            if (conv.hasBias()) {
                INDArray b = layer.getParam(ConvolutionParamInitializer.BIAS_KEY);
                writes.add(new Write(b, take(weights, byName, name, source + "/bias", new long[] {b.length()}, used,
                        KERAS_HINT)));
            }
        } else {
            throw new IllegalArgumentException("layer " + name + " is a " + conf.getClass().getSimpleName()
                    + ", expected a convolution or batch norm: load into the graph's standard form");
        }
    }

    /**
     * Keras's kernel layout to ours.
     *
     * @param hwio  [kH, kW, in, out] kernel, flat in C order
     * @param shape {@code [kH, kW, in, out]}
     * @return [out, in, kH, kW] flat in C order: {@code out[o, i, y, x] = hwio[y, x, i, o]}
     */
    static float[] hwioToOihw(float[] hwio, long[] shape) {
        int kh = (int) shape[0];
        int kw = (int) shape[1];
        int in = (int) shape[2];
        int out = (int) shape[3];
        float[] oihw = new float[hwio.length];
        for (int y = 0; y < kh; y++) {
            for (int x = 0; x < kw; x++) {
                for (int i = 0; i < in; i++) {
                    for (int o = 0; o < out; o++) {
                        oihw[((o * in + i) * kh + y) * kw + x] = hwio[((y * kw + x) * in + i) * out + o];
                    }
                }
            }
        }
        return oihw;
    }

    /**
     * The stem's weights for our inputs from a Keras stem that takes Caffe-style inputs (BGR, 0..255 minus the Caffe
     * means): input channels re-ordered BGR → RGB and multiplied by 255, since our inputs are RGB x/255 − mean.
     *
     * @param oihw  [out, 3, kH, kW] Keras stem weights already in our layout, input channels B, G, R
     * @param shape {@code [out, 3, kH, kW]}
     * @return a new array, {@code w[o, c, y, x] = 255 · keras[o, 2 − c, y, x]}
     */
    static float[] foldKerasInput(float[] oihw, long[] shape) {
        if (shape.length != 4 || shape[1] != 3) {
            throw new IllegalArgumentException("stem weights must be [out, 3, kH, kW], got " + Arrays.toString(shape));
        }
        int plane = (int) (shape[2] * shape[3]);
        float[] out = new float[oihw.length];
        for (int o = 0; o < shape[0]; o++) {
            for (int c = 0; c < 3; c++) {
                int to = (o * 3 + c) * plane;
                int from = (o * 3 + (2 - c)) * plane;
                for (int k = 0; k < plane; k++) {
                    out[to + k] = 255f * oihw[from + k];
                }
            }
        }
        return out;
    }

    /** A parameter view and the values it takes. */
    private record Write(INDArray target, float[] values) {
    }

    private static float[] take(TensorFile file, Map<String, Tensor> byName, String layer, String tensor,
            long[] expected, Set<String> used, String hint) {
        Tensor t = byName.get(tensor);
        if (t == null) {
            throw new BadInputException(file.file(), "tensor " + tensor + " (for layer " + layer + "): expected shape "
                    + Arrays.toString(expected) + ", not in the file" + hint);
        }
        if (!Arrays.equals(t.shape(), expected)) {
            throw new BadInputException(file.file(), "tensor " + tensor + " (for layer " + layer + "): expected shape "
                    + Arrays.toString(expected) + ", found " + t.shapeText() + hint);
        }
        used.add(tensor);
        return t.values();
    }

    private static final String HINT = " (the file must hold a torchvision ResNet of the network's depth at"
            + " network.widthMultiplier 1)";

    private static final String KERAS_HINT = " (the file must hold a Keras applications ResNet50 or ResNet101 v1 of"
            + " the network's depth, channels_last, at network.widthMultiplier 1)";

    private static float[] log10Std(TensorFile file, String tensor, float[] variance) {
        float[] out = new float[variance.length];
        for (int i = 0; i < out.length; i++) {
            if (!(variance[i] > 0) || Float.isInfinite(variance[i])) {
                throw new BadInputException(file.file(), "tensor " + tensor + ": running variance " + variance[i]
                        + " at channel " + i + " is not a positive finite number");
            }
            out[i] = (float) (0.5 * Math.log10(variance[i]));
        }
        return out;
    }
}
