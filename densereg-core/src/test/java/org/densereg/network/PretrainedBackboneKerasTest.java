package org.densereg.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.densereg.io.NpyArray;
import org.densereg.io.NpyReader;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Our backbone built as {@link ResNetVariant#KERAS} with Keras ResNet50 weights ({@code .h5}) computes what the Keras
 * network computes. No TensorFlow here: {@code keras_resnet_h5.py} (test resources) builds Keras applications'
 * ResNet50 v1 from a few torch modules (stride in the first 1×1 convolution, convolution biases, batch norm ε
 * 1.001e-5, Caffe-style BGR 0..255 inputs), randomly initialised and seeded, with DenseReg's dilation (conv4/conv5
 * unstrided, dilation 2 and 4), writes its weights with h5py in the layout of Keras 2's {@code save_weights}, and
 * its outputs on a fixed input: the max-pool output ({@code stem_pool}), the last conv3 block's output ({@code
 * res3_3_out}: past the stage whose stride Keras places in the 1×1 convolution) and the last block's ({@code
 * res5_2_out}). Needs {@code /usr/bin/python3} with torch and h5py (Debian's python3-torch, python3-h5py); skipped
 * with that reason otherwise.
 *
 * <p>Tolerance: largest absolute difference 1e-4 against PyTorch's float32 result for {@code stem_pool} and {@code
 * res3_3_out} (features of order 1–10); for {@code res5_2_out}, where PyTorch's own float32 result is ~6e-4 from the
 * float64 one, ours must be as close to the float64 result as PyTorch's float32 one is (at most 1.5 times its
 * distance, and never required below 1e-4), as in {@link PretrainedBackboneTorchTest}.
 */
@Tag("torch")
class PretrainedBackboneKerasTest {

    private static final String PYTHON = "/usr/bin/python3";
    private static final double TOLERANCE = 1e-4;
    private static final int SIZE = 65;

    @TempDir
    static Path dir;

    @BeforeAll
    static void needsTorchAndH5py() throws IOException, InterruptedException, URISyntaxException {
        boolean available = Files.isExecutable(Path.of(PYTHON))
                && run(dir, PYTHON, "-c", "import torch, h5py, numpy") == 0;
        Assumptions.assumeTrue(available, PYTHON + " with torch and h5py is not available (Debian: apt-get install"
                + " python3-torch python3-h5py); the Keras .h5 comparison is skipped");
        Path script = Path.of(PretrainedBackboneKerasTest.class.getResource("keras_resnet_h5.py").toURI());
        int rc = run(dir, PYTHON, script.toString(), dir.toString(), "50", Integer.toString(SIZE), "7");
        assertEquals(0, rc, "keras_resnet_h5.py failed: " + Files.readString(dir.resolve("python.log")));
    }

    @Test
    void ourFeaturesEqualKerasResNet50s() throws IOException {
        NetworkConfig config = NetworkConfig.defaults().withDepth(50).withInputSize(SIZE, SIZE)
                .withResNetVariant(ResNetVariant.KERAS);
        ComputationGraph graph = DenseRegNetworkFactory.build(config, dir.resolve("keras_resnet50.h5"));
        INDArray input = array(NpyReader.read(dir.resolve("input.npy")));
        Map<String, INDArray> ours = graph.feedForward(new INDArray[] {input}, false);
        double stem = maxAbsDiff(ours.get("stem_pool"), array(NpyReader.read(dir.resolve("stem.npy"))));
        double conv3 = maxAbsDiff(ours.get("res3_3_out"), array(NpyReader.read(dir.resolve("conv3.npy"))));
        INDArray reference32 = array(NpyReader.read(dir.resolve("features.npy")));
        INDArray exact = array64(NpyReader.read(dir.resolve("features64.npy")));
        double features = maxAbsDiff(ours.get("res5_2_out"), reference32);
        double oursError = maxAbsDiff(ours.get("res5_2_out"), exact);
        double referenceError = maxAbsDiff(reference32, exact);
        System.out.printf("Keras ResNet-50 from .h5 (%s): max |ours - reference| stem_pool %.3g, res3_3_out %.3g,"
                + " res5_2_out %.3g; against float64: ours %.3g, reference float32 %.3g (max |feature| %.3g)%n",
                Accelerators.active().name(), stem, conv3, features, oursError, referenceError,
                ours.get("res5_2_out").amaxNumber().doubleValue());
        assertTrue(stem <= TOLERANCE, "stem_pool differs from the reference max-pool output by " + stem);
        assertTrue(conv3 <= TOLERANCE, "res3_3_out differs from the reference conv3 output by " + conv3);
        double bound = Math.max(TOLERANCE, 1.5 * referenceError);
        assertTrue(oursError <= bound, "res5_2_out is " + oursError + " from the float64 result, the reference's"
                + " float32 " + referenceError);
    }

    @Test
    void theReportNamesTheLoadedFreshAndIgnoredLayers() {
        NetworkConfig config = NetworkConfig.defaults().withDepth(50).withInputSize(SIZE, SIZE)
                .withResNetVariant(ResNetVariant.KERAS);
        ComputationGraph graph = new ComputationGraph(DenseRegNetworkFactory.configuration(config, new Adam(1e-3),
                1e-4));
        graph.init();
        PretrainedBackbone.Report report;
        try {
            report = PretrainedBackbone.load(graph, dir.resolve("keras_resnet50.h5"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        // stem + stem_bn, 16 blocks × 3 conv/bn pairs, 4 projections × 2
        assertEquals(2 + 16 * 6 + 4 * 2, report.loaded().size());
        assertEquals(List.of("predictions/kernel", "predictions/bias"), report.ignored());
        assertEquals(java.util.Set.of("u_class_head", "v_class_head", "u_residual_head", "v_residual_head"),
                java.util.Set.copyOf(report.fresh()));
    }

    @Test
    void aTorchvisionGraphRefusesTheKerasFile() {
        NetworkConfig config = NetworkConfig.defaults().withDepth(50).withInputSize(SIZE, SIZE);
        org.densereg.io.BadInputException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.densereg.io.BadInputException.class,
                () -> DenseRegNetworkFactory.build(config, dir.resolve("keras_resnet50.h5")));
        assertTrue(e.getMessage().contains("network.resnetVariant: KERAS"), e.getMessage());
    }

    private static int run(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("python.log").toFile()).start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    private static INDArray array(NpyArray npy) {
        long[] shape = Arrays.stream(npy.shape()).asLongStream().toArray();
        return Nd4j.create(npy.toFloats(), shape, 'c');
    }

    private static INDArray array64(NpyArray npy) {
        long[] shape = Arrays.stream(npy.shape()).asLongStream().toArray();
        return Nd4j.create(npy.data(), shape, 'c');
    }

    private static double maxAbsDiff(INDArray a, INDArray b) {
        assertArrayEquals(b.shape(), a.shape(), "feature shape");
        return a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
    }
}
