package org.densereg.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.densereg.io.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class ModelArchiveTest {

    @TempDir
    Path dir;

    private static ComputationGraph tinyGraph() {
        ComputationGraph graph = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(7).graphBuilder()
                .addInputs("input")
                .setInputTypes(InputType.convolutional(9, 9, 3))
                .addLayer("conv", new ConvolutionLayer.Builder(1, 1).nOut(4).activation(Activation.IDENTITY).build(), "input")
                .addLayer("out", new CnnLossLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY).build(), "conv")
                .setOutputs("out")
                .build());
        graph.init();
        return graph;
    }

    private static ModelMetadata metadata() {
        double[] uv = new double[136];
        uv[0] = 0.25;
        uv[1] = Double.NaN;
        return new ModelMetadata(ModelArchive.FORMAT_VERSION, "face", "test-template/cylindrical", 10, 9,
                new double[] {123.675, 116.28, 103.53}, 1 / 255.0, ModelMetadata.boxLandmarkUv(uv), Map.of("depth", 18),
                Map.of("iterations", 3), null);
    }

    @Test
    void roundTripKeepsWeightsMetadataAndConfig() throws IOException {
        ComputationGraph graph = tinyGraph();
        Path archive = dir.resolve("m.densereg.zip");
        ModelArchive.write(archive, graph, metadata(), "network:\n  depth: 18\n");
        ModelArchive.Loaded loaded = ModelArchive.read(archive);
        assertEquals(graph.params(), loaded.graph().params());
        assertEquals("face", loaded.metadata().task());
        assertEquals(64, loaded.metadata().weightsSha256().length());
        assertEquals(0.25, loaded.metadata().landmarkUv()[0]);
        assertTrue(Double.isNaN(loaded.metadata().landmarkUv()[1]), "NaN survives as null");
        assertArrayEquals(new double[] {123.675, 116.28, 103.53}, loaded.metadata().inputMean());
        assertEquals("network:\n  depth: 18\n", loaded.resolvedConfig());
    }

    @Test
    void anArchiveReadFromItsBytesIsTheArchiveReadFromItsFile() throws IOException {
        Path archive = dir.resolve("m.densereg.zip");
        ModelArchive.write(archive, tinyGraph(), metadata(), "network:\n  depth: 18\n");
        ModelArchive.Loaded fromFile = ModelArchive.read(archive);
        ModelArchive.Loaded fromBytes = ModelArchive.read(Files.readAllBytes(archive), archive);
        assertEquals(fromFile.graph().params(), fromBytes.graph().params());
        assertEquals(fromFile.metadata().weightsSha256(), fromBytes.metadata().weightsSha256());
        assertEquals(fromFile.resolvedConfig(), fromBytes.resolvedConfig());
        byte[] cut = java.util.Arrays.copyOf(Files.readAllBytes(archive), 40);
        BadInputException e = assertThrows(BadInputException.class, () -> ModelArchive.read(cut, archive));
        assertEquals(archive, e.file(), "the error names the source given");
    }

    @Test
    void tamperedWeightsAreRejectedWithTheEntryName() throws IOException {
        Path archive = dir.resolve("m.densereg.zip");
        ModelArchive.write(archive, tinyGraph(), metadata(), "");
        Path tampered = dir.resolve("tampered.densereg.zip");
        try (InputStream in = Files.newInputStream(archive); ZipInputStream zin = new ZipInputStream(in);
                OutputStream out = Files.newOutputStream(tampered); ZipOutputStream zout = new ZipOutputStream(out)) {
            for (ZipEntry e = zin.getNextEntry(); e != null; e = zin.getNextEntry()) {
                byte[] bytes = zin.readAllBytes();
                if (e.getName().equals("weights.zip")) {
                    bytes[bytes.length / 2] ^= 1;
                }
                zout.putNextEntry(new ZipEntry(e.getName()));
                zout.write(bytes);
                zout.closeEntry();
            }
        }
        BadInputException e = assertThrows(BadInputException.class, () -> ModelArchive.read(tampered));
        assertTrue(e.getMessage().contains("weights.zip") && e.getMessage().contains("does not match"), e.getMessage());
    }

    @Test
    void aFileThatIsNoArchiveIsBadInput() throws IOException {
        Path notZip = dir.resolve("not-a-model.zip");
        Files.writeString(notZip, "hello");
        BadInputException e = assertThrows(BadInputException.class, () -> ModelArchive.read(notZip));
        assertTrue(e.getMessage().contains("not-a-model.zip"), e.getMessage());
    }

    @Test
    void aTruncatedArchiveIsBadInputNamingTheFile() throws IOException {
        Path archive = dir.resolve("m.densereg.zip");
        ModelArchive.write(archive, tinyGraph(), metadata(), "");
        byte[] bytes = Files.readAllBytes(archive);
        // cut inside the entries (a cut in the central directory at the end leaves every entry whole and readable)
        for (int keep : new int[] {40, bytes.length / 3, bytes.length / 2}) {
            Path cut = Files.write(dir.resolve("cut_" + keep + ".densereg.zip"), java.util.Arrays.copyOf(bytes, keep));
            BadInputException e = assertThrows(BadInputException.class, () -> ModelArchive.read(cut), "cut at " + keep);
            assertEquals(cut, e.file());
        }
    }

    @Test
    void metadataSavedWithBomAndCrlfReads() throws IOException {
        Path archive = dir.resolve("m.densereg.zip");
        ModelArchive.write(archive, tinyGraph(), metadata(), "");
        Path edited = dir.resolve("edited.densereg.zip");
        try (InputStream in = Files.newInputStream(archive); ZipInputStream zin = new ZipInputStream(in);
                OutputStream out = Files.newOutputStream(edited); ZipOutputStream zout = new ZipOutputStream(out)) {
            for (ZipEntry e = zin.getNextEntry(); e != null; e = zin.getNextEntry()) {
                byte[] bytes = zin.readAllBytes();
                if (e.getName().equals("metadata.json")) {
                    String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
                    bytes = org.densereg.testing.WindowsText.of(text).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                }
                zout.putNextEntry(new ZipEntry(e.getName()));
                zout.write(bytes);
                zout.closeEntry();
            }
        }
        assertEquals(ModelArchive.read(archive).metadata().task(), ModelArchive.read(edited).metadata().task());
        assertArrayEquals(metadata().inputMean(), ModelArchive.read(edited).metadata().inputMean());
    }
}
