package org.densereg.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.densereg.data.lsp.LspJoint;
import org.densereg.io.ImageIo;
import org.densereg.model.ModelArchive;
import org.densereg.runtime.ProgressListener;
import org.densereg.supervision.body.BodyCrop;
import org.densereg.supervision.body.BodyMaps;
import org.densereg.testing.TinyBodyModels;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BodyInferenceRunTest {

    @TempDir
    static Path dir;

    static BodyPredictor predictor;
    static List<InferenceItem> items = new ArrayList<>();
    static Path out;
    static InferenceSummary first;

    @BeforeAll
    static void setUp() throws IOException {
        predictor = new BodyPredictor(ModelArchive.read(TinyBodyModels.write(dir.resolve("b.zip"), true, 10, 5)));
        Path in = Files.createDirectories(dir.resolve("in"));
        Path photo = in.resolve("group.png");
        ImageIo.writePng(FacePredictorTest.noise(80, 60, 1), photo);
        items.add(new InferenceItem("group_0", photo, null, new double[] {5, 5, 20, 40}));
        items.add(new InferenceItem("group_1", photo, null, new double[] {45, 8, 25, 45}));
        Path solo = in.resolve("solo.png");
        ImageIo.writePng(FacePredictorTest.noise(30, 50, 2), solo);
        items.add(InferenceItem.whole("solo", solo));
        Path bad = in.resolve("broken.png");
        Files.write(bad, new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        items.add(InferenceItem.whole("broken", bad));
        out = dir.resolve("out");
        first = run(items, out, 1, 2);
    }

    private static InferenceSummary run(List<InferenceItem> list, Path o, int batch, int threads) throws IOException {
        BodyOutputWriter writer = new BodyOutputWriter(o, BodyOutputWriter.FORMATS, Map.of("name", "tiny"));
        return BodyInferenceRun.pipeline(predictor, writer, new InferenceOptions(batch, threads))
                .run(list, List.of(), ProgressListener.NONE, Map.of("inputs", "test"));
    }

    @Test
    void writesEveryBodyFormatListsTheBrokenFileAndResumes() throws IOException {
        assertEquals(3, first.written());
        assertEquals(1, first.failed());
        assertTrue(Files.readString(out.resolve("failures.csv")).startsWith("id,image,reason\nbroken,"));
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals(4, summary.get("persons").asInt());
        assertEquals("heatmap", summary.get("primary_source").asText());
        for (String id : List.of("group_0", "group_1", "solo")) {
            for (OutputFormat f : BodyOutputWriter.FORMATS) {
                assertTrue(Files.isRegularFile(out.resolve(id + BodyOutputWriter.suffix(f))), id + f);
            }
            assertTrue(!Files.exists(out.resolve(id + ".uv.png")) && !Files.exists(out.resolve(id + ".pts")));
        }
        InferenceSummary again = run(items, out, 2, 2);
        assertEquals(3, again.existing());
        assertEquals(0, again.written());
    }

    @Test
    void filesMatchThePredictionInImagePixels() throws IOException {
        BufferedImage photo = ImageIo.read(items.get(1).image());
        BodyPrediction p = predictor.predictInImage(photo, BodyCrop.aroundBox(new double[] {45, 8, 25, 45}, 33));
        BodyMaps maps = p.inImage(80, 60);
        BufferedImage iuv = ImageIO.read(out.resolve("group_1.iuv.png").toFile());
        BufferedImage parts = ImageIO.read(out.resolve("group_1.parts.png").toFile());
        BufferedImage vis = ImageIO.read(out.resolve("group_1.vis.png").toFile());
        assertEquals(80, iuv.getWidth());
        assertEquals(60, parts.getHeight());
        assertEquals(80, vis.getWidth());
        int fg = 0;
        for (int y = 0; y < 60; y++) {
            for (int x = 0; x < 80; x++) {
                int i = y * 80 + x;
                int label = parts.getRaster().getSample(x, y, 0);
                assertEquals(maps.parts()[i], label);
                int rgb = iuv.getRGB(x, y) & 0xffffff;
                if (label != 0) {
                    fg++;
                    assertEquals(label, rgb & 0xff, "B = I");
                    assertEquals(Math.round(255 * maps.u()[i]), (rgb >> 8) & 0xff, "G = U");
                    assertEquals(Math.round(255 * maps.v()[i]), (rgb >> 16) & 0xff, "R = V");
                } else {
                    assertEquals(0, rgb);
                }
            }
        }
        assertTrue(fg > 0, "the untrained network labels some pixels");
        // outside the crop (box centre (57.5, 30.5), side 58.5: x < 28.25) everything is background
        assertEquals(0, parts.getRaster().getSample(10, 30, 0));

        JsonNode json = new ObjectMapper().readTree(out.resolve("group_1.joints.json").toFile());
        assertEquals("heatmap", json.get("primary_source").asText());
        assertEquals(14, json.get("joints").size());
        assertEquals(14, json.get("joint_names").size());
        assertEquals("head_top", json.get("joint_names").get(13).asText());
        JsonNode heat = json.get("sources").get("heatmap").get("joints");
        for (LspJoint j : LspJoint.values()) {
            assertEquals(p.heatmapJoints().x(j), heat.get(j.ordinal()).get(0).asDouble(), 1e-12);
            assertEquals(p.heatmapJoints().y(j), heat.get(j.ordinal()).get(1).asDouble(), 1e-12);
            assertEquals(heat.get(j.ordinal()), json.get("joints").get(j.ordinal()));
        }
        assertTrue(json.get("sources").get("dense").get("trained").asBoolean());
        assertEquals(14, json.get("sources").get("dense").get("joints").size());
    }

    @Test
    void outputsDoNotDependOnTheBatchSizeOrThreads() throws IOException {
        Path in = Files.createDirectories(dir.resolve("batch-in"));
        List<InferenceItem> five = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Path p = in.resolve("p" + i + ".png");
            ImageIo.writePng(FacePredictorTest.noise(36 + 7 * i, 40 + 3 * i, 20 + i), p);
            five.add(i % 2 == 0 ? InferenceItem.whole("p" + i, p) : new InferenceItem("p" + i, p, null,
                    new double[] {3, 4, 20 + i, 30}));
        }
        Path one = dir.resolve("batch1");
        Path four = dir.resolve("batch4");
        run(five, one, 1, 1);
        run(five, four, 4, 3);
        for (int i = 0; i < 5; i++) {
            for (OutputFormat f : BodyOutputWriter.FORMATS) {
                String name = "p" + i + BodyOutputWriter.suffix(f);
                assertArrayEquals(Files.readAllBytes(one.resolve(name)), Files.readAllBytes(four.resolve(name)), name);
            }
        }
    }
}
