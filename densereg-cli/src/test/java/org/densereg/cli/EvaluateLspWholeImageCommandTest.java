package org.densereg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.densereg.cli.support.ExitCodes;
import org.densereg.data.body.BodyJoints;
import org.densereg.data.lsp.LspJoint;
import org.densereg.infer.BodyPredictor;
import org.densereg.io.ImageIo;
import org.densereg.model.ModelArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.types.MatFile;
import us.hebi.matlab.mat.types.Matrix;

/**
 * {@code densereg evaluate --dataset lsp --model X --root LSP} (the standard whole-image protocol) on an LSP folder
 * written by the test: 1000 small test images 1001-2000 (two shapes), a 3x14x2000 {@code joints.mat} and an untrained
 * tiny body model.
 */
class EvaluateLspWholeImageCommandTest {

    @TempDir
    static Path dir;

    static Path archive;
    static Path root;

    @BeforeAll
    static void fixture() throws Exception {
        archive = BodyInferCommandTest.tinyBodyArchive(dir.resolve("tiny-body.densereg.zip"));
        root = dir.resolve("lsp");
        Path images = Files.createDirectories(root.resolve("images"));
        Path wide = dir.resolve("wide.png");
        Path tall = dir.resolve("tall.png");
        ImageIo.writePng(InferCommandTest.noise(40, 24, 1), wide);
        ImageIo.writePng(InferCommandTest.noise(20, 36, 2), tall);
        for (int n = 1001; n <= 2000; n++) {
            // PNG bytes under LSP's .jpg names: images are recognised by their content
            Files.copy(n % 2 == 1 ? wide : tall, images.resolve("im" + n + ".jpg"));
        }
        // ground truth: joint j of image i at (j + 2, 3 + j % 5), 1-based
        double[] d = new double[3 * 14 * 2000];
        for (int i = 0; i < 2000; i++) {
            for (int j = 0; j < 14; j++) {
                d[3 * j + 42 * i] = j + 2;
                d[1 + 3 * j + 42 * i] = 3 + j % 5;
            }
        }
        Matrix m = Mat5.newMatrix(new int[] {3, 14, 2000});
        for (int k = 0; k < d.length; k++) {
            m.setDouble(k, d[k]);
        }
        MatFile f = Mat5.newMatFile();
        f.addArray("joints", m);
        Mat5.writeToFile(f, root.resolve("joints.mat").toFile());
    }

    @Test
    void wholeTestImagesAreScoredWithPredictionsInImagePixels() throws Exception {
        Path out = dir.resolve("eval");
        CliRun r = CliRun.of("evaluate", "--dataset", "lsp", "--model", archive.toString(), "--root", root.toString(),
                "--out", out.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.out().contains("PCK@0.2") && r.out().contains("protocol: whole image"), r.out());
        JsonNode metrics = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        JsonNode model = metrics.path("provenance").path("model");
        assertEquals("whole image", model.path("protocol").asText(), metrics.path("provenance").toString());
        assertEquals("1001-2000", model.path("images").asText());
        JsonNode preds = new ObjectMapper().readTree(out.resolve("predictions.json").toFile());
        assertEquals(0, preds.path("coordinate_base").asInt(-1));
        assertEquals(1000, preds.path("predictions").size());
        BodyPredictor predictor = new BodyPredictor(ModelArchive.read(archive));
        for (int n : new int[] {1001, 2000}) {
            BodyJoints expected = predictor.predict(ImageIo.read(root.resolve("images/im" + n + ".jpg"))).heatmapJoints();
            JsonNode got = preds.path("predictions").get(n - 1001);
            for (LspJoint j : LspJoint.values()) {
                assertEquals(expected.x(j), got.get(j.ordinal()).get(0).asDouble(), 5e-4, n + " " + j);
                assertEquals(expected.y(j), got.get(j.ordinal()).get(1).asDouble(), 5e-4, n + " " + j);
            }
        }
        // image 2000 is 20 x 36 (portrait): letterboxed, its joints stay within the padded square around the image
        JsonNode tall = preds.path("predictions").get(999);
        for (JsonNode p : tall) {
            assertTrue(p.get(0).asDouble() >= -8.5 && p.get(0).asDouble() <= 27.5, p.toString());
            assertTrue(p.get(1).asDouble() >= -0.5 && p.get(1).asDouble() <= 35.5, p.toString());
        }
    }

    @Test
    void withoutRootOrSupervisionItIsAUsageError() {
        CliRun r = CliRun.of("evaluate", "--dataset", "lsp", "--model", archive.toString(), "--out",
                dir.resolve("x").toString());
        assertEquals(ExitCodes.USAGE, r.code(), r.err());
        assertTrue(r.err().contains("--root") && r.err().contains("--supervision"), r.err());
    }

    @Test
    void aMissingTestImageIsBadInputNamingIt() throws Exception {
        Path partial = dir.resolve("partial");
        Files.createDirectories(partial.resolve("images"));
        Files.copy(root.resolve("joints.mat"), partial.resolve("joints.mat"));
        Files.copy(root.resolve("images/im1001.jpg"), partial.resolve("images/im1001.jpg"));
        CliRun r = CliRun.of("evaluate", "--dataset", "lsp", "--model", archive.toString(), "--root", partial.toString(),
                "--out", dir.resolve("partial-out").toString());
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.err());
        assertTrue(r.err().contains("im1002.jpg") && r.err().contains("999 of the LSP images 1001-2000"), r.err());
    }

    @Test
    void flipTestAveragesTheMirroredHeatmapsAndIsRecorded() throws Exception {
        Path out = dir.resolve("eval-flip");
        CliRun r = CliRun.of("evaluate", "--dataset", "lsp", "--model", archive.toString(), "--root", root.toString(),
                "--flip-test", "--out", out.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        JsonNode model = new ObjectMapper().readTree(out.resolve("metrics.json").toFile()).path("provenance")
                .path("model");
        assertTrue(model.path("test_time_flip").asBoolean(false), model.toString());
        JsonNode preds = new ObjectMapper().readTree(out.resolve("predictions.json").toFile());
        BodyPredictor flip = new BodyPredictor(ModelArchive.read(archive), true);
        BodyJoints expected = flip.predict(ImageIo.read(root.resolve("images/im1001.jpg"))).heatmapJoints();
        for (LspJoint j : LspJoint.values()) {
            assertEquals(expected.x(j), preds.path("predictions").get(0).get(j.ordinal()).get(0).asDouble(), 5e-4);
        }
    }

    @Test
    void aModelThatAsksForTheFlipGetsItUnlessTurnedOff() throws Exception {
        Path flipping = BodyInferCommandTest.tinyBodyArchive(dir.resolve("tiny-flip.densereg.zip"), true);
        Path out = dir.resolve("eval-auto");
        CliRun r = CliRun.of("evaluate", "--dataset", "lsp", "--model", flipping.toString(), "--root", root.toString(),
                "--out", out.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        JsonNode model = new ObjectMapper().readTree(out.resolve("metrics.json").toFile()).path("provenance")
                .path("model");
        assertTrue(model.path("test_time_flip").asBoolean(false), model.toString());
        assertEquals("the model's default (training.testTimeFlip)", model.path("test_time_flip_from").asText());
        assertTrue(r.out().contains("test-time flip: on (the model's default (training.testTimeFlip))"), r.out());
        assertTrue(new BodyPredictor(ModelArchive.read(flipping)).flipTest(), "infer's predictor follows the model");

        Path off = dir.resolve("eval-off");
        r = CliRun.of("evaluate", "--dataset", "lsp", "--model", flipping.toString(), "--root", root.toString(),
                "--flip-test", "off", "--out", off.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        JsonNode offModel = new ObjectMapper().readTree(off.resolve("metrics.json").toFile()).path("provenance")
                .path("model");
        assertFalse(offModel.path("test_time_flip").asBoolean(true), offModel.toString());
        // a plain model's default stays off
        assertFalse(new BodyPredictor(ModelArchive.read(archive)).flipTest());

        r = CliRun.of("evaluate", "--dataset", "lsp", "--model", flipping.toString(), "--root", root.toString(),
                "--flip-test=sometimes", "--out", dir.resolve("eval-bad").toString());
        assertEquals(ExitCodes.USAGE, r.code(), r.err());
        assertTrue(r.err().contains("--flip-test: expected auto, on or off, found 'sometimes'"), r.err());
    }

    @Test
    void flipTestIsAUsageErrorWithGroundTruthCropsOrWithoutAModel() {
        CliRun r = CliRun.of("evaluate", "--dataset", "lsp", "--model", archive.toString(), "--supervision",
                dir.toString(), "--gt", root.resolve("joints.mat").toString(), "--flip-test", "--out",
                dir.resolve("y").toString());
        assertEquals(ExitCodes.USAGE, r.code(), r.err());
        assertTrue(r.err().contains("--flip-test works on whole images"), r.err());
        r = CliRun.of("evaluate", "--dataset", "lsp", "--predictions", dir.resolve("p.json").toString(), "--flip-test",
                "--out", dir.resolve("z").toString());
        assertEquals(ExitCodes.USAGE, r.code(), r.err());
        assertTrue(r.err().contains("--flip-test is for --dataset lsp --model"), r.err());
    }
}
