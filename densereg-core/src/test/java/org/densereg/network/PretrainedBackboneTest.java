package org.densereg.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.densereg.io.BadInputException;
import org.densereg.io.tensors.SafetensorsWriter;
import org.densereg.io.tensors.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;

/** Pretrained initialisation without PyTorch: files written by the test from the graph's own shapes. */
class PretrainedBackboneTest {

    @TempDir
    Path dir;

    @Test
    void torchvisionNamesMapOntoOurLayers() {
        assertEquals("conv1", PretrainedBackbone.torchvisionName("stem"));
        assertEquals("bn1", PretrainedBackbone.torchvisionName("stem_bn"));
        assertEquals("layer1.0.conv1", PretrainedBackbone.torchvisionName("res2_0_a"));
        assertEquals("layer1.1.bn2", PretrainedBackbone.torchvisionName("res2_1_b_bn"));
        assertEquals("layer3.22.conv3", PretrainedBackbone.torchvisionName("res4_22_c"));
        assertEquals("layer4.0.downsample.0", PretrainedBackbone.torchvisionName("res5_0_proj"));
        assertEquals("layer2.0.downsample.1", PretrainedBackbone.torchvisionName("res3_0_proj_bn"));
        assertNull(PretrainedBackbone.torchvisionName("u_class_head"));
        assertNull(PretrainedBackbone.torchvisionName("res2_0_out"));
    }

    @ParameterizedTest
    @ValueSource(ints = {18, 50})
    void everyBackboneTensorLoadsAndTheHeadsStayFresh(int depth) throws IOException {
        NetworkConfig config = tiny(depth);
        List<Tensor> tensors = tensorsFor(standard(config), new Random(depth));
        tensors.add(new Tensor("fc.weight", new long[] {10, 2}, new float[20], "F32"));
        Path file = dir.resolve("r" + depth + ".safetensors");
        SafetensorsWriter.write(file, prefixed(tensors, "module."), Map.of());

        ComputationGraph graph = standard(config);
        ComputationGraph heads = standard(config);
        PretrainedBackbone.Report report = PretrainedBackbone.load(graph, file);

        Map<String, Tensor> byName = new java.util.HashMap<>();
        tensors.forEach(t -> byName.put(t.name(), t));
        for (String layer : report.loaded()) {
            String source = PretrainedBackbone.torchvisionName(layer);
            if (graph.getLayer(layer).conf().getLayer() instanceof BatchNormalization) {
                assertArrayEquals(byName.get(source + ".weight").values(), floats(graph, layer, "gamma"), 0f);
                assertArrayEquals(byName.get(source + ".bias").values(), floats(graph, layer, "beta"), 0f);
                assertArrayEquals(byName.get(source + ".running_mean").values(), floats(graph, layer, "mean"), 0f);
                float[] variance = byName.get(source + ".running_var").values();
                float[] logStd = floats(graph, layer, "log10stdev");
                for (int c = 0; c < variance.length; c++) {
                    assertEquals(variance[c], Math.pow(10, 2 * logStd[c]), 1e-5 * variance[c], layer + " var " + c);
                }
            } else {
                Tensor weight = byName.get(source + ".weight");
                float[] expected = layer.equals("stem")
                        ? PretrainedBackbone.foldInputStd(weight.values(), weight.shape()) : weight.values();
                assertArrayEquals(expected, floats(graph, layer, "W"), 0f, layer);
            }
        }
        int convs = depth == 18 ? 1 + 8 * 2 + 3 : 1 + 16 * 3 + 4;
        assertEquals(2 * convs, report.loaded().size(), "every conv and its batch norm");
        assertEquals(java.util.Set.of("u_class_head", "v_class_head", "u_residual_head", "v_residual_head"),
                java.util.Set.copyOf(report.fresh()));
        assertEquals(List.of("fc.weight"), report.ignored().stream().filter(n -> !n.endsWith("num_batches_tracked"))
                .toList());
        assertEquals(convs, report.ignored().size() - 1, "one num_batches_tracked per batch norm");
        for (String head : report.fresh()) {
            assertEquals(heads.getLayer(head).params(), graph.getLayer(head).params(), head + " untouched");
        }
        assertTrue(report.summary().contains("initialised " + 2 * convs + " backbone layers"), report.summary());
    }

    @Test
    void aTensorOfAnotherShapeIsRefusedByNameAndNothingIsWritten() throws IOException {
        NetworkConfig config = tiny(18);
        List<Tensor> tensors = tensorsFor(standard(config), new Random(5));
        int i = indexOf(tensors, "layer2.0.downsample.0.weight");
        Tensor right = tensors.get(i);
        tensors.set(i, new Tensor(right.name(), new long[] {8, 4, 3, 3}, new float[8 * 4 * 9], "F32"));
        Path file = dir.resolve("mismatch.safetensors");
        SafetensorsWriter.write(file, tensors, Map.of());

        ComputationGraph graph = standard(config);
        INDArray before = graph.params().dup();
        BadInputException e = assertThrows(BadInputException.class, () -> PretrainedBackbone.load(graph, file));
        assertTrue(e.getMessage().contains("mismatch.safetensors: tensor layer2.0.downsample.0.weight (for layer"
                + " res3_0_proj): expected shape [8, 4, 1, 1], found [8, 4, 3, 3]"), e.getMessage());
        assertEquals(before, graph.params(), "a refused file changes nothing");
    }

    @Test
    void aMissingTensorIsRefusedByName() throws IOException {
        NetworkConfig config = tiny(18);
        List<Tensor> tensors = tensorsFor(standard(config), new Random(6));
        tensors.remove(indexOf(tensors, "layer1.1.bn2.running_var"));
        Path file = dir.resolve("missing.safetensors");
        SafetensorsWriter.write(file, tensors, Map.of());
        BadInputException e = assertThrows(BadInputException.class,
                () -> PretrainedBackbone.load(standard(config), file));
        assertTrue(e.getMessage().contains("tensor layer1.1.bn2.running_var (for layer res2_1_b_bn): expected shape"
                + " [4], not in the file"), e.getMessage());
    }

    @Test
    void aFileOfAnotherDepthIsRefusedAtItsFirstDifferentTensor() throws IOException {
        Path file = dir.resolve("r50.safetensors");
        SafetensorsWriter.write(file, tensorsFor(standard(tiny(50)), new Random(7)), Map.of());
        BadInputException e = assertThrows(BadInputException.class,
                () -> PretrainedBackbone.load(standard(tiny(18)), file));
        assertTrue(e.getMessage().contains("tensor layer1.0.conv1.weight (for layer res2_0_a): expected shape"
                + " [4, 4, 3, 3], found [4, 4, 1, 1]"), e.getMessage());
    }

    @Test
    void theFactoryBuildsFromAFileAndAnAcceleratedGraphIsRefused() throws IOException {
        NetworkConfig config = tiny(18);
        Path file = dir.resolve("r18.safetensors");
        List<Tensor> tensors = tensorsFor(standard(config), new Random(8));
        SafetensorsWriter.write(file, tensors, Map.of());
        ComputationGraph built = Accelerators.active().portable(DenseRegNetworkFactory.build(config, file));
        assertArrayEquals(PretrainedBackbone.foldInputStd(tensors.get(0).values(), tensors.get(0).shape()),
                floats(built, "stem", "W"), 0f);
        ComputationGraph accelerated = Accelerators.active().accelerate(standard(config));
        if (accelerated.getVertex("res2_0_a") == null) {  // blocks fused by the active accelerator
            assertThrows(IllegalArgumentException.class, () -> PretrainedBackbone.load(accelerated, file));
        }
    }

    @Test
    void theStemIsRescaledToOurInputsByTheImagenetStd() {
        // [2, 3, 1, 2]: output o, input channel c, two taps; torchvision divides input c by std[c], we do not
        float[] w = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
        float[] folded = PretrainedBackbone.foldInputStd(w, new long[] {2, 3, 1, 2});
        double[] std = {0.229, 0.224, 0.225};
        for (int i = 0; i < w.length; i++) {
            assertEquals((float) (w[i] / std[(i / 2) % 3]), folded[i], 0f, "element " + i);
        }
        assertThrows(IllegalArgumentException.class, () -> PretrainedBackbone.foldInputStd(new float[4],
                new long[] {1, 4, 1, 1}));
    }

    private static NetworkConfig tiny(int depth) {
        return NetworkConfig.defaults().withDepth(depth).withWidthMultiplier(1.0 / 16).withInputSize(17, 17);
    }

    private static ComputationGraph standard(NetworkConfig config) {
        ComputationGraph graph = new ComputationGraph(DenseRegNetworkFactory.configuration(config, new Adam(1e-3),
                1e-4));
        graph.init();
        return graph;
    }

    /** torchvision-named tensors with the graph's shapes and random values, in graph order. */
    private static List<Tensor> tensorsFor(ComputationGraph graph, Random random) {
        List<Tensor> out = new ArrayList<>();
        for (String layer : graph.getConfiguration().getTopologicalOrderStr()) {
            String source = PretrainedBackbone.torchvisionName(layer);
            if (source == null) {
                continue;
            }
            if (graph.getLayer(layer).conf().getLayer() instanceof BatchNormalization) {
                long c = graph.getLayer(layer).getParam("gamma").length();
                for (String part : new String[] {"weight", "bias", "running_mean", "running_var"}) {
                    out.add(new Tensor(source + "." + part, new long[] {c}, values(random, (int) c,
                            part.equals("running_var")), "F32"));
                }
                out.add(new Tensor(source + ".num_batches_tracked", new long[0], new float[] {100}, "I64"));
            } else {
                long[] shape = graph.getLayer(layer).getParam("W").shape();
                out.add(new Tensor(source + ".weight", shape, values(random, (int) Tensor.elementCount(shape), false),
                        "F32"));
            }
        }
        return out;
    }

    private static List<Tensor> prefixed(List<Tensor> tensors, String prefix) {
        return tensors.stream().map(t -> new Tensor(prefix + t.name(), t.shape(), t.values(), t.dtype())).toList();
    }

    private static float[] values(Random random, int n, boolean positive) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = positive ? 0.5f + random.nextFloat() : (float) random.nextGaussian();
        }
        return out;
    }

    private static int indexOf(List<Tensor> tensors, String name) {
        for (int i = 0; i < tensors.size(); i++) {
            if (tensors.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new AssertionError(name);
    }

    private static float[] floats(ComputationGraph graph, String layer, String param) {
        return graph.getLayer(layer).getParam(param).dup().data().asFloat();
    }
}
