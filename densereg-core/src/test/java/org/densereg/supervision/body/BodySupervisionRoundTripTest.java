package org.densereg.supervision.body;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.densereg.data.body.BodyAnnotation;
import org.densereg.data.body.BodyJoints;
import org.densereg.data.lsp.LspJoint;
import org.densereg.io.BadInputException;
import org.densereg.io.ImageIo;
import org.densereg.runtime.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BodySupervisionRoundTripTest {

    @TempDir
    Path dir;

    private static BufferedImage noise(int w, int h, long seed) {
        Random r = new Random(seed);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, r.nextInt(1 << 24));
            }
        }
        return img;
    }

    private static BodyJoints withOccludedAndMissing() {
        BodyJoints j = Skeletons.withVisible(Skeletons.upright(), LspJoint.LEFT_KNEE, false);
        return Skeletons.with(j, LspJoint.LEFT_WRIST, Double.NaN, Double.NaN);
    }

    @Test
    void writtenSampleReadsBackExactly() throws IOException {
        BodySupervisionGenerator gen = new BodySupervisionGenerator(new BodySupervisionOptions(64, 1));
        BodyAnnotation item = new BodyAnnotation("p-001", dir.resolve("unused.png"), withOccludedAndMissing());
        BodySupervisionSample s = gen.generate(item, noise(200, 300, 1));
        Path out = dir.resolve("out");
        BodySupervisionWriter.write(out, s);
        assertTrue(BodySupervisionWriter.isComplete(out, "p-001"));
        BodySupervisionSample r = BodySupervisionReader.read(out, "p-001");
        assertArrayEquals(s.maps().parts(), r.maps().parts());
        assertArrayEquals(s.maps().u(), r.maps().u());
        assertArrayEquals(s.maps().v(), r.maps().v());
        assertArrayEquals(s.joints().xy(), r.joints().xy());
        assertArrayEquals(s.joints().visible(), r.joints().visible());
        assertEquals(s.crop(), r.crop());
        assertEquals(s.quality().get("facesCamera"), r.quality().get("facesCamera"));
        assertEquals(s.image().getRGB(10, 20), r.image().getRGB(10, 20));
        // IUV: blue = part, green = round(255 u), red = round(255 v).
        BufferedImage iuv = ImageIo.read(out.resolve("p-001.iuv.png"));
        int checked = 0;
        for (int i = 0; i < 64 * 64; i++) {
            int rgb = iuv.getRGB(i % 64, i / 64) & 0xffffff;
            int label = s.maps().parts()[i] & 0xff;
            assertEquals(label, rgb & 0xff);
            if (label != 0) {
                assertEquals(Math.round(255 * s.maps().u()[i]), (rgb >> 8) & 0xff);
                assertEquals(Math.round(255 * s.maps().v()[i]), (rgb >> 16) & 0xff);
                checked++;
            } else {
                assertEquals(0, rgb);
                assertEquals(-1f, s.maps().u()[i]);
            }
        }
        assertTrue(checked > 300, "body pixels " + checked);
        Files.delete(out.resolve("p-001.json"));
        assertFalse(BodySupervisionWriter.isComplete(out, "p-001"));
        assertThrows(BadInputException.class, () -> BodySupervisionReader.read(out, "p-001"));
    }

    @Test
    void generatorCropsAroundJointsAndCoversThem() {
        BodySupervisionGenerator gen = new BodySupervisionGenerator(new BodySupervisionOptions(128, 1));
        BodySupervisionSample s = gen.generate(new BodyAnnotation("a", dir.resolve("a.png"), Skeletons.upright()),
                noise(200, 300, 2));
        assertEquals(1.0, (Double) s.quality().get("jointCoverage"));
        // Box 60..185 × 10..285: side 1.3 × 275 = 357.5 source pixels centred at (122.5, 147.5).
        assertEquals(128 / 357.5, s.crop().scale(), 1e-12);
        BodyJoints back = s.crop().invert(s.joints());
        assertEquals(60.0, back.x(LspJoint.RIGHT_SHOULDER), 1e-9);
        assertEquals(63.5, 0.5 * (s.joints().bounds()[0] + s.joints().bounds()[2]), 1e-9);
    }

    @Test
    void farOutsideJointsAndTooFewJointsAreBadInput() {
        BodySupervisionGenerator gen = new BodySupervisionGenerator(new BodySupervisionOptions(64, 1));
        BodyJoints far = Skeletons.with(Skeletons.upright(), LspJoint.LEFT_ANKLE, 900, 285);
        BadInputException e = assertThrows(BadInputException.class,
                () -> gen.generate(new BodyAnnotation("far", dir.resolve("far.jpg"), far), noise(200, 300, 3)));
        assertTrue(e.getMessage().contains("left_ankle"), e.getMessage());
        double[] xy = new double[28];
        java.util.Arrays.fill(xy, Double.NaN);
        xy[0] = 5;
        xy[1] = 5;
        BodyJoints one = new BodyJoints(xy, new boolean[14]);
        assertThrows(BadInputException.class,
                () -> gen.generate(new BodyAnnotation("one", dir.resolve("one.jpg"), one), noise(20, 20, 4)));
    }

    @Test
    void runReportsBadItemsAndResumes() throws IOException {
        Path img = dir.resolve("good.png");
        ImageIo.writePng(noise(200, 300, 5), img);
        List<BodyAnnotation> items = List.of(new BodyAnnotation("good", img, Skeletons.upright()),
                new BodyAnnotation("nofile", dir.resolve("missing.jpg"), Skeletons.upright()));
        BodySupervisionGenerator gen = new BodySupervisionGenerator(new BodySupervisionOptions(48, 2));
        Path out = dir.resolve("run");
        BodySupervisionSummary first = gen.run("test", items, out, ProgressListener.NONE);
        assertEquals(1, first.count(BodyOutcome.OK));
        assertEquals(1, first.count(BodyOutcome.FAILED));
        String failures = Files.readString(out.resolve("failures.csv"));
        assertTrue(failures.contains("nofile"), failures);
        assertTrue(Files.readString(out.resolve("summary.json")).contains("\"meanJointCoverage\" : 1.0"));
        BodySupervisionSummary second = gen.run("test", items, out, ProgressListener.NONE);
        assertEquals(1, second.count(BodyOutcome.EXISTING));
        assertEquals(1, second.count(BodyOutcome.FAILED));
    }

    @Test
    void imageFramingLetterboxesTheWholeImageAndKeepsJointsInImagePixels() {
        BodySupervisionGenerator gen = new BodySupervisionGenerator(new BodySupervisionOptions(64, 1, BodyFraming.IMAGE));
        BodyJoints joints = Skeletons.upright();
        BodySupervisionSample s = gen.generate(new BodyAnnotation("w", dir.resolve("w.png"), joints), noise(200, 300, 6));
        assertEquals(BodyCrop.wholeImage(200, 300, 64), s.crop());
        // 300 source pixels over 64 crop pixels, centred: source (x, y) -> (64/300 (x - 99.5) + 31.5, 64/300 (y - 149.5) + 31.5)
        double k = 64 / 300.0;
        assertEquals(k * (joints.x(LspJoint.HEAD_TOP) - 99.5) + 31.5, s.joints().x(LspJoint.HEAD_TOP), 1e-9);
        assertEquals(k * (joints.y(LspJoint.HEAD_TOP) - 149.5) + 31.5, s.joints().y(LspJoint.HEAD_TOP), 1e-9);
    }

    @Test
    void aFolderOfOneFramingRefusesAnother() throws IOException {
        Path img = dir.resolve("good.png");
        ImageIo.writePng(noise(200, 300, 7), img);
        List<BodyAnnotation> items = List.of(new BodyAnnotation("good", img, Skeletons.upright()));
        Path out = dir.resolve("framed");
        BodySupervisionSummary first = new BodySupervisionGenerator(new BodySupervisionOptions(48, 1, BodyFraming.IMAGE))
                .run("test", items, out, ProgressListener.NONE);
        assertEquals(BodyFraming.IMAGE, first.framing());
        assertTrue(Files.readString(out.resolve("summary.json")).contains("\"framing\" : \"image\""));
        BadInputException e = assertThrows(BadInputException.class, () -> new BodySupervisionGenerator(
                new BodySupervisionOptions(48, 1)).run("test", items, out, ProgressListener.NONE));
        assertTrue(e.getMessage().contains("--framing image, this run asks for --size 48 --framing joints"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BodyFraming.parse("tight"));
    }
}
