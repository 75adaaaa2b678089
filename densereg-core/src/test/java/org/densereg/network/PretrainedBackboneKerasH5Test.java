package org.densereg.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.densereg.io.BadInputException;
import org.densereg.io.tensors.KerasH5Reader;
import org.densereg.io.tensors.Tensor;
import org.densereg.io.tensors.TensorFile;
import org.densereg.io.tensors.TensorFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Keras {@code .h5} initialisation without Python: Keras-layout files (root {@code layer_names}, per-layer
 * {@code weight_names}, datasets {@code layer/layer/variable:0}, kernels [kH, kW, in, out]) written by the test with
 * jHDF from a tiny {@link ResNetVariant#KERAS} graph's own shapes.
 */
class PretrainedBackboneKerasH5Test {

    @TempDir
    Path dir;

    @Test
    void kerasNamesMapOntoOurLayers() {
        assertEquals("conv1_conv", PretrainedBackbone.kerasName("stem"));
        assertEquals("conv1_bn", PretrainedBackbone.kerasName("stem_bn"));
        assertEquals("conv2_block1_0_conv", PretrainedBackbone.kerasName("res2_0_proj"));
        assertEquals("conv2_block1_1_conv", PretrainedBackbone.kerasName("res2_0_a"));
        assertEquals("conv3_block4_2_bn", PretrainedBackbone.kerasName("res3_3_b_bn"));
        assertEquals("conv5_block3_3_bn", PretrainedBackbone.kerasName("res5_2_c_bn"));
        assertEquals("conv4_block23_3_conv", PretrainedBackbone.kerasName("res4_22_c"));
        assertNull(PretrainedBackbone.kerasName("heatmap_head"));
    }

    @Test
    void theKerasVariantStridesInTheFirstConvolutionWithBiasesAndKerasEpsilon() {
        ComputationGraph graph = standard(tiny());
        var a = (org.deeplearning4j.nn.conf.layers.ConvolutionLayer) graph.getLayer("res3_0_a").conf().getLayer();
        var b = (org.deeplearning4j.nn.conf.layers.ConvolutionLayer) graph.getLayer("res3_0_b").conf().getLayer();
        assertArrayEquals(new int[] {2, 2}, a.getStride());
        assertArrayEquals(new int[] {1, 1}, b.getStride());
        assertTrue(a.hasBias() && b.hasBias());
        assertEquals(1.001e-5, ((BatchNormalization) graph.getLayer("stem_bn").conf().getLayer()).getEps(), 0);
        var dilated = (org.deeplearning4j.nn.conf.layers.ConvolutionLayer) graph.getLayer("res5_0_b").conf()
                .getLayer();
        assertArrayEquals(new int[] {4, 4}, dilated.getDilation());
        assertThrows(IllegalArgumentException.class, () -> tiny().withDepth(18));
    }

    @Test
    void everyBackboneTensorLoadsTransposedAndTheStemTakesRgbInputsIn0To1() throws IOException {
        NetworkConfig config = tiny();
        Map<String, float[]> written = new LinkedHashMap<>();
        Path file = write(standard(config), new Random(3), null, written, Layout.ROOT);
        ComputationGraph graph = standard(config);
        PretrainedBackbone.Report report = PretrainedBackbone.load(graph, file);
        assertEquals(2 + 16 * 6 + 4 * 2, report.loaded().size());
        assertEquals(List.of("predictions/kernel"), report.ignored());
        // res3_0_a: [out, in, 1, 1] from [1, 1, in, out]
        float[] kernel = written.get("conv3_block1_1_conv/kernel");
        INDArray w = graph.getLayer("res3_0_a").getParam("W");
        long out = w.size(0);
        long in = w.size(1);
        for (int o = 0; o < out; o++) {
            for (int i = 0; i < in; i++) {
                assertEquals(kernel[(int) (i * out + o)], w.getFloat(o, i, 0, 0), 0f, "W[" + o + ", " + i + "]");
            }
        }
        assertArrayEquals(written.get("conv3_block1_1_conv/bias"),
                graph.getLayer("res3_0_a").getParam("b").dup().data().asFloat(), 0f);
        // stem: channel c of ours = 255 × channel 2 − c (BGR) of Keras's
        float[] stem = written.get("conv1_conv/kernel");
        INDArray s = graph.getLayer("stem").getParam("W");
        long so = s.size(0);
        assertEquals(255f * stem[(int) ((((3 * 7 + 4) * 3) + 2) * so + 1)], s.getFloat(1, 0, 3, 4), 1e-4f);
        assertArrayEquals(written.get("conv2_block2_3_bn/moving_mean"),
                graph.getLayer("res2_1_c_bn").getParam("mean").dup().data().asFloat(), 0f);
    }

    @Test
    void aFullModelFileReadsFromItsModelWeightsGroup() throws IOException {
        Path file = write(standard(tiny()), new Random(4), null, new LinkedHashMap<>(), Layout.MODEL_WEIGHTS);
        TensorFile read = TensorFiles.read(file);
        assertEquals(KerasH5Reader.FORMAT, read.format());
        assertArrayEquals(new long[] {7, 7, 3, 4}, read.tensors().get("conv1_conv/kernel").shape());
        PretrainedBackbone.load(standard(tiny()), read);
    }

    @Test
    void layerNamesSplitIntoChunksAreReadInOrder() throws IOException {
        Map<String, float[]> written = new LinkedHashMap<>();
        Path file = write(standard(tiny()), new Random(9), null, written, Layout.CHUNKED);
        TensorFile read = TensorFiles.read(file);
        assertEquals(written.size() + 1, read.tensors().size(), "every weight and the predictions kernel");
        assertEquals("conv1_conv/kernel", read.tensors().keySet().iterator().next());
        PretrainedBackbone.load(standard(tiny()), read);
    }

    /** Where a test file keeps its layer list: save_weights' root, save's model_weights, or Keras's chunks. */
    private enum Layout { ROOT, MODEL_WEIGHTS, CHUNKED }

    @Test
    void aTensorOfAnotherShapeIsRefusedByNameAndNothingIsWritten() throws IOException {
        Path file = write(standard(tiny()), new Random(5), "conv3_block1_0_conv/kernel", new LinkedHashMap<>(),
                Layout.ROOT);
        ComputationGraph graph = standard(tiny());
        INDArray before = graph.params().dup();
        BadInputException e = assertThrows(BadInputException.class, () -> PretrainedBackbone.load(graph, file));
        assertTrue(e.getMessage().contains("tensor conv3_block1_0_conv/kernel (for layer res3_0_proj): expected shape"
                + " [1, 1, 16, 32], found [3, 3, 16, 32]"), e.getMessage());
        assertEquals(before, graph.params(), "a refused file changes nothing");
    }

    @Test
    void aTorchvisionGraphRefusesAKerasFile() throws IOException {
        Path file = write(standard(tiny()), new Random(6), null, new LinkedHashMap<>(), Layout.ROOT);
        NetworkConfig torchvision = tiny().withResNetVariant(ResNetVariant.TORCHVISION);
        BadInputException e = assertThrows(BadInputException.class,
                () -> PretrainedBackbone.load(standard(torchvision), file));
        assertTrue(e.getMessage().contains("set network.resnetVariant: KERAS"), e.getMessage());
    }

    @Test
    void aFileWithoutLayerNamesIsNotAKerasFile() throws IOException {
        Path file = dir.resolve("plain.h5");
        try (WritableHdfFile h5 = HdfFile.write(file)) {
            h5.putDataset("x", new float[] {1, 2});
        }
        BadInputException e = assertThrows(BadInputException.class, () -> TensorFiles.read(file));
        assertTrue(e.getMessage().contains("no attribute /@layer_names"), e.getMessage());
    }

    private static NetworkConfig tiny() {
        return NetworkConfig.defaults().withDepth(50).withWidthMultiplier(1.0 / 16).withInputSize(17, 17)
                .withResNetVariant(ResNetVariant.KERAS);
    }

    private static ComputationGraph standard(NetworkConfig config) {
        ComputationGraph graph = new ComputationGraph(DenseRegNetworkFactory.configuration(config, new Adam(1e-3),
                1e-4));
        graph.init();
        return graph;
    }

    /**
     * Writes a Keras-layout file with the graph's shapes and random values (variances positive), plus a "predictions"
     * kernel; {@code wrongKernel} (a tensor name) gets a 3×3 kernel instead. (jHDF cannot write the empty
     * {@code weight_names} of weightless layers; keras_resnet_h5.py's files, with h5py, have them.)
     */
    private Path write(ComputationGraph graph, Random random, String wrongKernel, Map<String, float[]> written,
            Layout layout) {
        Map<String, Map<String, Object>> layers = new LinkedHashMap<>();
        for (String layer : graph.getConfiguration().getTopologicalOrderStr()) {
            String keras = PretrainedBackbone.kerasName(layer);
            if (keras == null) {
                continue;
            }
            Map<String, Object> weights = new LinkedHashMap<>();
            if (graph.getLayer(layer).conf().getLayer() instanceof BatchNormalization) {
                int c = (int) graph.getLayer(layer).getParam("gamma").length();
                for (String v : new String[] {"gamma", "beta", "moving_mean", "moving_variance"}) {
                    float[] values = values(random, c, v.equals("moving_variance"));
                    written.put(keras + "/" + v, values);
                    weights.put(v, values);
                }
            } else {
                long[] oihw = graph.getLayer(layer).getParam("W").shape();
                int kh = (int) oihw[2];
                if ((keras + "/kernel").equals(wrongKernel)) {
                    kh = 3;
                }
                int in = (int) oihw[1];
                int out = (int) oihw[0];
                float[][][][] kernel = new float[kh][kh][in][out];
                float[] flat = values(random, kh * kh * in * out, false);
                for (int i = 0; i < flat.length; i++) {
                    kernel[i / (kh * in * out)][(i / (in * out)) % kh][(i / out) % in][i % out] = flat[i];
                }
                written.put(keras + "/kernel", flat);
                weights.put("kernel", kernel);
                float[] bias = values(random, out, false);
                written.put(keras + "/bias", bias);
                weights.put("bias", bias);
            }
            layers.put(keras, weights);
        }
        layers.put("predictions", Map.of("kernel", new float[][] {{1, 2}, {3, 4}}));
        Path file = dir.resolve("keras" + random.nextInt(1000) + ".h5");
        try (WritableHdfFile h5 = HdfFile.write(file)) {
            WritableGroup root = layout == Layout.MODEL_WEIGHTS ? h5.putGroup("model_weights") : h5;
            String[] layerNames = layers.keySet().toArray(new String[0]);
            if (layout == Layout.CHUNKED) {
                int half = layerNames.length / 2;
                root.putAttribute("layer_names0", java.util.Arrays.copyOfRange(layerNames, 0, half));
                root.putAttribute("layer_names1", java.util.Arrays.copyOfRange(layerNames, half, layerNames.length));
            } else {
                root.putAttribute("layer_names", layerNames);
            }
            for (Map.Entry<String, Map<String, Object>> layer : layers.entrySet()) {
                WritableGroup g = root.putGroup(layer.getKey());
                List<String> names = new ArrayList<>();
                WritableGroup inner = g.putGroup(layer.getKey());
                for (Map.Entry<String, Object> w : layer.getValue().entrySet()) {
                    names.add(layer.getKey() + "/" + w.getKey() + ":0");
                    inner.putDataset(w.getKey() + ":0", w.getValue());
                }
                g.putAttribute("weight_names", names.toArray(new String[0]));
            }
        }
        return file;
    }

    private static float[] values(Random random, int n, boolean positive) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = positive ? 0.5f + random.nextFloat() : (float) random.nextGaussian();
        }
        return v;
    }
}
