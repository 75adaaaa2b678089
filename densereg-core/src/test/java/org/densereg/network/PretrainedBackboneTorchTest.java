package org.densereg.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.densereg.io.NpyArray;
import org.densereg.io.NpyReader;
import org.densereg.io.tensors.TensorFile;
import org.densereg.io.tensors.TensorFiles;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Our backbone with torchvision's weights computes what PyTorch computes. {@code torchvision_backbone.py} (test
 * resources) builds a seeded, randomly initialised torchvision ResNet, saves its state dict as {@code .pth} and
 * {@code .safetensors} and PyTorch's outputs on a fixed input: the max-pool output (our {@code stem_pool}) and the
 * last stage's output (our last block {@code res5_<n>_out}) of the same network with DenseReg's stride 8 (conv4_x
 * and conv5_x unstrided, dilation 2 and 4). Needs {@code /usr/bin/python3} with {@code torch} and {@code
 * torchvision} (Debian's python3-torch, python3-torchvision); skipped with that reason otherwise.
 */
@Tag("torch")
class PretrainedBackboneTorchTest {

    private static final String PYTHON = "/usr/bin/python3";
    /** Largest absolute difference accepted between our features and PyTorch's. */
    private static final double TOLERANCE = 1e-4;
    private static final int SIZE = 65;

    @TempDir
    static Path root;
    /** The fixture folder of the depth last asked for ({@link #fixtures}); each depth's is written once. */
    private Path dir;

    @BeforeAll
    static void needsTorch() throws IOException, InterruptedException {
        boolean available = Files.isExecutable(Path.of(PYTHON))
                && run(root, PYTHON, "-c", "import torch, torchvision, numpy") == 0;
        Assumptions.assumeTrue(available, PYTHON + " with torch and torchvision is not available (Debian:"
                + " apt-get install python3-torch python3-torchvision); the PyTorch comparison is skipped");
    }

    @ParameterizedTest(name = "ResNet-{0} from {1}")
    @CsvSource({"18, pth", "18, safetensors", "50, pth"})
    void ourFeaturesEqualPyTorchs(int depth, String format) throws IOException, InterruptedException,
            URISyntaxException {
        fixtures(depth);
        NetworkConfig config = NetworkConfig.defaults().withDepth(depth).withInputSize(SIZE, SIZE);
        ComputationGraph graph = DenseRegNetworkFactory.build(config, dir.resolve("resnet" + depth + "." + format));
        INDArray input = array(NpyReader.read(dir.resolve("input.npy")));
        Map<String, INDArray> ours = graph.feedForward(new INDArray[] {input}, false);
        String last = "res5_" + (config.blocksPerStage()[3] - 1) + "_out";
        double stem = maxAbsDiff(ours.get("stem_pool"), array(NpyReader.read(dir.resolve("stem.npy"))));
        INDArray torch32 = array(NpyReader.read(dir.resolve("features.npy")));
        INDArray exact = array64(NpyReader.read(dir.resolve("features64.npy")));
        double features = maxAbsDiff(ours.get(last), torch32);
        double oursError = maxAbsDiff(ours.get(last), exact);
        double torchError = maxAbsDiff(torch32, exact);
        System.out.printf("ResNet-%d from .%s (%s): max |ours - PyTorch| stem_pool %.3g, %s %.3g; against float64:"
                + " ours %.3g, PyTorch float32 %.3g (max |feature| %.3g)%n", depth, format,
                Accelerators.active().name(), stem, last, features, oursError, torchError,
                ours.get(last).amaxNumber().doubleValue());
        assertTrue(stem <= TOLERANCE, "stem_pool differs from PyTorch's max-pool output by " + stem);
        // Where PyTorch's own float32 result is within 1e-4 of the float64 one (ResNet-18), ours must be within
        // 1e-4 of PyTorch's. Deeper networks accumulate more float32 rounding (ResNet-50: PyTorch float32 is ~8e-4
        // from float64 at |features| ~12), so there ours must be as close to float64 as PyTorch's float32 is.
        if (torchError <= TOLERANCE / 2) {
            assertTrue(features <= TOLERANCE, last + " differs from PyTorch's layer4 output by " + features);
        }
        double bound = Math.max(TOLERANCE, 1.5 * torchError);
        assertTrue(oursError <= bound, last + " is " + oursError + " from the float64 result, PyTorch's float32 "
                + torchError);
    }

    @Test
    void theStandardGraphAgreesToo() throws IOException, InterruptedException, URISyntaxException {
        fixtures(18);
        NetworkConfig config = NetworkConfig.defaults().withInputSize(SIZE, SIZE);
        ComputationGraph graph = new ComputationGraph(DenseRegNetworkFactory.configuration(config, new Adam(1e-3),
                1e-4));
        graph.init();
        PretrainedBackbone.Report report = PretrainedBackbone.load(graph, dir.resolve("resnet18.pth"));
        assertEquals(java.util.Set.of("fc.weight", "fc.bias"), report.ignored().stream()
                .filter(n -> !n.endsWith("num_batches_tracked")).collect(java.util.stream.Collectors.toSet()));
        INDArray input = array(NpyReader.read(dir.resolve("input.npy")));
        INDArray ours = graph.feedForward(new INDArray[] {input}, false).get("res5_1_out");
        double diff = maxAbsDiff(ours, array(NpyReader.read(dir.resolve("features.npy"))));
        System.out.printf("ResNet-18 standard layers: max |ours - PyTorch| res5_1_out %.3g%n", diff);
        assertTrue(diff <= TOLERANCE, "res5_1_out differs from PyTorch's layer4 output by " + diff);
    }

    @Test
    void viewsWithStridesAndOffsetsReadAsPyTorchShowsThem() throws IOException, InterruptedException,
            URISyntaxException {
        fixtures(18);
        TensorFile views = TensorFiles.read(dir.resolve("views.pth"));
        // base = arange(24); transposed = base[:12].reshape(3, 4).t() (stride [1, 4]); slice = base[5:9] (offset 5)
        assertArrayEquals(new long[] {4, 3}, views.tensors().get("transposed").shape());
        assertArrayEquals(new float[] {0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11}, views.tensors().get("transposed").values());
        assertArrayEquals(new float[] {5, 6, 7, 8}, views.tensors().get("slice").values());
    }

    private void fixtures(int depth) throws IOException, InterruptedException, URISyntaxException {
        dir = root.resolve("resnet" + depth);
        if (Files.isRegularFile(dir.resolve("features64.npy"))) {
            return;
        }
        Files.createDirectories(dir);
        Path script = Path.of(getClass().getResource("torchvision_backbone.py").toURI());
        int rc = run(dir, PYTHON, script.toString(), dir.toString(), Integer.toString(depth), Integer.toString(SIZE),
                "7");
        assertEquals(0, rc, "torchvision_backbone.py failed: " + Files.readString(dir.resolve("python.log")));
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
        return a.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).sub(b.castTo(
                org.nd4j.linalg.api.buffer.DataType.DOUBLE)).amaxNumber().doubleValue();
    }
}
