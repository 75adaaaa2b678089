package org.densereg.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.densereg.data.face.PtsReader;
import org.densereg.io.ImageIo;
import org.densereg.model.ModelArchive;
import org.densereg.runtime.ProgressListener;
import org.densereg.supervision.FacePart;
import org.densereg.testing.TinyFaceModels;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaceInferenceRunTest {

    @TempDir
    static Path dir;

    static FacePredictor predictor;
    static List<InferenceItem> items = new ArrayList<>();

    @BeforeAll
    static void setUp() throws IOException {
        predictor = new FacePredictor(ModelArchive.read(TinyFaceModels.write(dir.resolve("m.densereg.zip"), true, 5)),
                UvLandmarkExtractor.Mode.SUBPIXEL);
        Path in = Files.createDirectories(dir.resolve("in"));
        for (int i = 0; i < 2; i++) {
            Path p = in.resolve("face" + i + ".png");
            ImageIo.writePng(FacePredictorTest.noise(40 + 10 * i, 48, i), p);
            items.add(InferenceItem.whole("face" + i, p));
        }
        Path bad = in.resolve("broken.png");
        Files.write(bad, new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        items.add(InferenceItem.whole("broken", bad));
        runOnce();
    }

    private static InferenceSummary run(Path out, int batch, int threads) throws IOException {
        FaceOutputWriter writer = new FaceOutputWriter(out, EnumSet.allOf(OutputFormat.class), Map.of("name", "tiny"));
        return FaceInferenceRun.pipeline(predictor, writer, new InferenceOptions(batch, threads))
                .run(items, List.of(), ProgressListener.NONE, Map.of("inputs", "test"));
    }

    static Path out;
    static InferenceSummary first;

    static void runOnce() throws IOException {
        out = dir.resolve("out");
        first = run(out, 1, 2);
    }

    @Test
    void writesEveryFormatListsTheBrokenFileAndResumes() throws IOException {
        assertEquals(2, first.written());
        assertEquals(1, first.failed());
        assertEquals("broken", first.failures().get(0).id());
        String csv = Files.readString(out.resolve("failures.csv"));
        assertTrue(csv.startsWith("id,image,reason\nbroken,"), csv);
        assertTrue(Files.readString(out.resolve("summary.json")).contains("\"written\" : 2"));
        for (int i = 0; i < 2; i++) {
            for (OutputFormat f : OutputFormat.values()) {
                assertTrue(Files.isRegularFile(out.resolve("face" + i + f.suffix())), "face" + i + f.suffix());
            }
        }
        InferenceSummary again = run(out, 2, 2);
        assertEquals(2, again.existing());
        assertEquals(0, again.written());
        assertEquals(1, again.failed(), "the broken file is tried again and listed again");
    }

    @Test
    void fileEncodingsMatchTheDocumentation() throws IOException {
        BufferedImage source = ImageIo.read(items.get(1).image());
        FacePrediction pred = predictor.predict(source);
        FacePrediction.ImageMaps maps = pred.inImage(source.getWidth(), source.getHeight());
        Raster uv = ImageIO.read(out.resolve("face1.uv.png").toFile()).getRaster();
        BufferedImage iuv = ImageIO.read(out.resolve("face1.iuv.png").toFile());
        BufferedImage parts = ImageIO.read(out.resolve("face1.parts.png").toFile());
        assertEquals(3, uv.getNumBands());
        assertEquals(16, uv.getSampleModel().getSampleSize(0));
        assertTrue(parts.getColorModel() instanceof IndexColorModel);
        assertEquals(50, uv.getWidth());
        int fg = 0;
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 50; x++) {
                int i = y * 50 + x;
                int label = parts.getRaster().getSample(x, y, 0);
                assertEquals(maps.parts()[i], label);
                int rgb = iuv.getRGB(x, y);
                if (maps.isForeground(i)) {
                    fg++;
                    assertEquals(Math.round(maps.u()[i] * 65535), uv.getSample(x, y, 0));
                    assertEquals(Math.round(maps.v()[i] * 65535), uv.getSample(x, y, 1));
                    assertEquals(65535, uv.getSample(x, y, 2));
                    assertEquals(Math.round(maps.v()[i] * 255), (rgb >> 16) & 0xff, "R = V");
                    assertEquals(Math.round(maps.u()[i] * 255), (rgb >> 8) & 0xff, "G = U");
                    assertEquals(label, rgb & 0xff, "B = I");
                    assertTrue(label >= FacePart.SKIN.label());
                } else {
                    assertEquals(0, uv.getSample(x, y, 2));
                    assertEquals(0, rgb & 0xffffff);
                    assertEquals(0, label);
                }
            }
        }
        assertTrue(fg > 0);
        var pts = PtsReader.read(out.resolve("face1.pts"), 68);
        assertEquals(pred.landmarks().x(30), pts.x(30), 1e-3);
        assertEquals(pred.landmarks().y(30), pts.y(30), 1e-3);
        String json = Files.readString(out.resolve("face1.landmarks.json"));
        assertTrue(json.contains("\"coordinate_base\" : 0"), json);
    }

    @Test
    void outputsDoNotDependOnTheThreadCount() throws IOException {
        Path b = dir.resolve("b");
        run(b, 1, 1);
        for (int i = 0; i < 2; i++) {
            for (OutputFormat f : List.of(OutputFormat.UV, OutputFormat.IUV, OutputFormat.PTS)) {
                String name = "face" + i + f.suffix();
                assertArrayEquals(Files.readAllBytes(out.resolve(name)), Files.readAllBytes(b.resolve(name)), name);
            }
        }
    }

    @Test
    void outputsDoNotDependOnTheBatchSize() throws IOException {
        Path in = Files.createDirectories(dir.resolve("batch-in"));
        List<InferenceItem> five = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Path p = in.resolve("f" + i + ".png");
            ImageIo.writePng(FacePredictorTest.noise(36 + 7 * i, 40 + 3 * i, 20 + i), p);
            five.add(InferenceItem.whole("f" + i, p));
        }
        Path one = dir.resolve("batch1");
        Path four = dir.resolve("batch4");
        for (Path o : List.of(one, four)) {
            FaceOutputWriter writer = new FaceOutputWriter(o, EnumSet.allOf(OutputFormat.class), Map.of("name", "tiny"));
            FaceInferenceRun.pipeline(predictor, writer, new InferenceOptions(o == one ? 1 : 4, o == one ? 1 : 3))
                    .run(five, List.of(), ProgressListener.NONE, Map.of());
        }
        for (int i = 0; i < 5; i++) {
            for (OutputFormat f : OutputFormat.values()) {
                String name = "f" + i + f.suffix();
                if (f == OutputFormat.PTS && !Files.exists(one.resolve(name))) {
                    assertTrue(!Files.exists(four.resolve(name)), name);
                    continue;
                }
                assertArrayEquals(Files.readAllBytes(one.resolve(name)), Files.readAllBytes(four.resolve(name)), name);
            }
        }
    }
}
