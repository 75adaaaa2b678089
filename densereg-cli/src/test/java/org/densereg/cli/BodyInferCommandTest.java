package org.densereg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.densereg.cli.support.ExitCodes;
import org.densereg.io.ImageIo;
import org.densereg.model.ModelArchive;
import org.densereg.model.ModelMetadata;
import org.densereg.network.BodyNetworkFactory;
import org.densereg.network.InputNormalisation;
import org.densereg.network.NetworkConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code densereg infer} with a body model: an untrained network written as an archive here. */
class BodyInferCommandTest {

    @TempDir
    static Path dir;

    static Path archive;

    /** An untrained body ResNet-18 at 1/16 width, 33² input, 12 parts, 14-channel heatmap head (weight 10). */
    static Path tinyBodyArchive(Path target) throws IOException {
        return tinyBodyArchive(target, false);
    }

    /** The tiny body archive, asking for the test-time flip by default when {@code testTimeFlip}. */
    static Path tinyBodyArchive(Path target, boolean testTimeFlip) throws IOException {
        NetworkConfig config = new NetworkConfig(18, 0.0625, 12, 33, 33, 14, 1, 1, 10, true, 21L);
        InputNormalisation n = InputNormalisation.imagenet();
        ModelMetadata metadata = new ModelMetadata(ModelArchive.FORMAT_VERSION, "body", "densereg-body-parts-v1", 12, 33,
                n.mean(), n.scale(), new Double[0], Map.of("clsWeight", 1.0, "regWeight", 1.0, "heatmapWeight", 10.0),
                Map.of("iterations", 0, ModelMetadata.TEST_TIME_FLIP, testTimeFlip), null);
        ModelArchive.write(target, BodyNetworkFactory.build(config), metadata, "network: {}\n");
        return target;
    }

    @BeforeAll
    static void model() throws IOException {
        archive = tinyBodyArchive(dir.resolve("tiny-body.densereg.zip"));
    }

    @Test
    void personBoxesGiveEveryBodyFileAndACorruptImageExitsThree() throws IOException {
        Path in = Files.createDirectories(dir.resolve("boxes-in"));
        ImageIo.writePng(InferCommandTest.noise(90, 64, 5), in.resolve("team.png"));
        Files.write(in.resolve("corrupt.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0});
        Files.writeString(in.resolve("people.json"), """
                [
                  {"image": "team.png", "boxes": [[4, 6, 30, 50], [50, 5, 32, 52]], "scores": [0.9, 0.8]},
                  {"image": "corrupt.png", "boxes": [[1, 1, 5, 5]]}
                ]
                """);
        Path out = dir.resolve("boxes-out");
        CliRun r = CliRun.of("-q", "infer", "--model", archive.toString(), "--boxes", in.resolve("people.json").toString(),
                "--out", out.toString(), "--threads", "2", "--batch", "2");
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.err());
        assertTrue(r.out().contains("3 persons: 2 written, 0 existing, 1 failed"), r.out());
        assertTrue(Files.readString(out.resolve("failures.csv")).contains("\ncorrupt,"));
        for (String id : new String[] {"team_0", "team_1"}) {
            BufferedImage iuv = ImageIO.read(out.resolve(id + ".iuv.png").toFile());
            BufferedImage parts = ImageIO.read(out.resolve(id + ".parts.png").toFile());
            BufferedImage vis = ImageIO.read(out.resolve(id + ".vis.png").toFile());
            for (BufferedImage img : new BufferedImage[] {iuv, parts, vis}) {
                assertEquals(90, img.getWidth(), id);
                assertEquals(64, img.getHeight(), id);
            }
            assertTrue(parts.getColorModel() instanceof IndexColorModel);
            int fg = 0;
            for (int y = 0; y < 64; y++) {
                for (int x = 0; x < 90; x++) {
                    int label = parts.getRaster().getSample(x, y, 0);
                    assertTrue(label <= 12, "part label " + label);
                    assertEquals(label, iuv.getRGB(x, y) & 0xff, "blue of the IUV is the part index");
                    if (label == 0) {
                        assertEquals(0, iuv.getRGB(x, y) & 0xffffff);
                    } else {
                        fg++;
                    }
                }
            }
            assertTrue(fg > 0, id + " has body pixels");
            JsonNode json = new ObjectMapper().readTree(out.resolve(id + ".joints.json").toFile());
            assertEquals(14, json.get("joints").size());
            assertEquals("heatmap", json.get("primary_source").asText());
            assertEquals(14, json.get("sources").get("dense").get("joints").size());
            JsonNode crop = json.get("crop");
            for (JsonNode joint : json.get("joints")) {
                // heatmap joints lie on the network's output grid: inside the crop once mapped into it
                double mx = crop.get("scale").asDouble() * joint.get(0).asDouble() + crop.get("offset_x").asDouble();
                double my = crop.get("scale").asDouble() * joint.get(1).asDouble() + crop.get("offset_y").asDouble();
                assertTrue(mx >= -1e-9 && mx <= 32 + 1e-9 && my >= -1e-9 && my <= 32 + 1e-9, joint.toString());
            }
            assertTrue(!Files.exists(out.resolve(id + ".uv.png")) && !Files.exists(out.resolve(id + ".pts")));
        }
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals("body", summary.get("task").asText());
        assertEquals(3, summary.get("persons").asInt());
        assertEquals("boxes", summary.get("localisation").asText());
    }

    @Test
    void wholeImagesAreLetterboxedPersonCrops() throws IOException {
        Path in = Files.createDirectories(dir.resolve("whole-in"));
        ImageIo.writePng(InferCommandTest.noise(40, 70, 6), in.resolve("runner.png"));
        Path out = dir.resolve("whole-out");
        CliRun r = CliRun.of("-q", "infer", "--model", archive.toString(), in.toString(), "--formats", "json,iuv",
                "--out", out.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.out().contains("1 persons: 1 written"), r.out());
        JsonNode json = new ObjectMapper().readTree(out.resolve("runner.joints.json").toFile());
        // side 70 over 33 pixels: scale 33 / 70, centre (19.5, 34.5) on crop pixel 16
        assertEquals(33 / 70.0, json.get("crop").get("scale").asDouble(), 1e-12);
        assertEquals(16 - 33 / 70.0 * 19.5, json.get("crop").get("offset_x").asDouble(), 1e-12);
        assertTrue(Files.isRegularFile(out.resolve("runner.iuv.png")));
        assertTrue(!Files.exists(out.resolve("runner.parts.png")), "only the selected formats");
        // the default localisation (auto) is the whole image for a body model
        assertEquals("whole", new ObjectMapper().readTree(out.resolve("summary.json").toFile()).get("localisation")
                .asText());
    }

    @Test
    void faceOnlyOptionsAreUsageErrors() throws IOException {
        Path in = Files.createDirectories(dir.resolve("usage-in"));
        ImageIo.writePng(InferCommandTest.noise(30, 30, 7), in.resolve("a.png"));
        Path out = dir.resolve("usage-out");
        CliRun pts = CliRun.of("infer", "--model", archive.toString(), "--input", in.toString(), "--crop", "pts",
                "--out", out.toString());
        assertEquals(ExitCodes.USAGE, pts.code(), pts.err());
        assertTrue(pts.err().contains("--crop pts") && pts.err().contains("body model"), pts.err());
        CliRun detect = CliRun.of("infer", "--model", archive.toString(), "--input", in.toString(), "--crop", "detect",
                "--out", out.toString());
        assertEquals(ExitCodes.USAGE, detect.code(), detect.err());
        assertTrue(detect.err().contains("--crop detect") && detect.err().contains("body model"), detect.err());
        CliRun uv = CliRun.of("infer", "--model", archive.toString(), "--input", in.toString(), "--formats", "iuv,uv",
                "--out", out.toString());
        assertEquals(ExitCodes.USAGE, uv.code(), uv.err());
        assertTrue(uv.err().contains("'uv' is a face format"), uv.err());
        Files.writeString(in.resolve("faces.xml"), "<dataset/>");
        CliRun xml = CliRun.of("infer", "--model", archive.toString(), "--boxes", in.resolve("faces.xml").toString(),
                "--out", out.toString());
        assertEquals(ExitCodes.USAGE, xml.code(), xml.err());
        assertTrue(xml.err().contains("JSON or CSV"), xml.err());
        assertTrue(!Files.exists(out.resolve("summary.json")));
    }

    @Test
    void theTestTimeFlipFollowsTheModelUnlessTurnedOff() throws IOException {
        Path flipping = tinyBodyArchive(dir.resolve("tiny-flip.densereg.zip"), true);
        Path in = Files.createDirectories(dir.resolve("flip-in"));
        java.awt.image.BufferedImage image = InferCommandTest.noise(40, 70, 11);
        ImageIo.writePng(image, in.resolve("runner.png"));
        Map<String, Boolean> expected = Map.of("auto", true, "off", false, "on", true);
        for (Map.Entry<String, Boolean> e : expected.entrySet()) {
            Path out = dir.resolve("flip-out-" + e.getKey());
            CliRun r = CliRun.of("-q", "infer", "--model", flipping.toString(), in.toString(), "--formats", "json",
                    "--flip-test", e.getKey(), "--out", out.toString());
            assertEquals(ExitCodes.OK, r.code(), r.err());
            JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
            assertEquals(e.getValue(), summary.get("test_time_flip").asBoolean(), e.getKey());
            JsonNode joints = new ObjectMapper().readTree(out.resolve("runner.joints.json").toFile());
            var predictor = new org.densereg.infer.BodyPredictor(ModelArchive.read(flipping), e.getValue());
            var want = predictor.predict(image).heatmapJoints();
            assertEquals(want.x(org.densereg.data.lsp.LspJoint.HEAD_TOP),
                    joints.get("joints").get(org.densereg.data.lsp.LspJoint.HEAD_TOP.ordinal()).get(0).asDouble(), 1e-3,
                    e.getKey());
        }
        Path faceModel = InferCommandTest.tinyArchive(dir.resolve("tiny-face.densereg.zip"));
        CliRun face = CliRun.of("infer", "--model", faceModel.toString(), in.toString(), "--flip-test",
                "on", "--out", dir.resolve("flip-face").toString());
        assertEquals(ExitCodes.USAGE, face.code(), face.err());
        assertTrue(face.err().contains("--flip-test on: averages the mirrored heatmaps of a body model"), face.err());
    }

    @Test
    void aBodyArchiveWithAnotherPartCountIsBadInput() throws IOException {
        NetworkConfig config = new NetworkConfig(18, 0.0625, 12, 33, 33, 0, 1, 1, 0, true, 3L);
        InputNormalisation n = InputNormalisation.imagenet();
        ModelMetadata metadata = new ModelMetadata(ModelArchive.FORMAT_VERSION, "body", "other-parts", 10, 33, n.mean(),
                n.scale(), new Double[0], Map.of(), Map.of(), null);
        Path odd = dir.resolve("ten-parts.densereg.zip");
        ModelArchive.write(odd, BodyNetworkFactory.build(config), metadata, "network: {}\n");
        Path in = Files.createDirectories(dir.resolve("odd-in"));
        ImageIo.writePng(InferCommandTest.noise(20, 20, 9), in.resolve("a.png"));
        CliRun r = CliRun.of("infer", "--model", odd.toString(), in.toString(), "--out", dir.resolve("odd-out").toString());
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.err());
        assertTrue(r.err().contains("ten-parts.densereg.zip") && r.err().contains("10 parts, expected 12"), r.err());
    }

    @Test
    void csvPersonBoxes() throws IOException {
        Path in = Files.createDirectories(dir.resolve("csv-in"));
        ImageIo.writePng(InferCommandTest.noise(60, 50, 8), in.resolve("pair.png"));
        Files.writeString(in.resolve("boxes.csv"), "image,x,y,w,h\npair.png,2,3,20,40\npair.png,30,3,20,40\n");
        Path out = dir.resolve("csv-out");
        CliRun r = CliRun.of("-q", "infer", "--model", archive.toString(), "--boxes", in.resolve("boxes.csv").toString(),
                "--formats", "json", "--out", out.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        JsonNode second = new ObjectMapper().readTree(out.resolve("pair_1.joints.json").toFile());
        // box [30, 3, 20, 40]: centre (40, 23), side 52, scale 33 / 52
        assertEquals(33 / 52.0, second.get("crop").get("scale").asDouble(), 1e-12);
        assertEquals(16 - 33 / 52.0 * 40, second.get("crop").get("offset_x").asDouble(), 1e-12);
        assertTrue(Files.isRegularFile(out.resolve("pair_0.joints.json")));
    }
}
