package org.densereg.supervision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.densereg.data.Landmarks;
import org.densereg.data.face.FaceCrop;
import org.densereg.io.BadInputException;
import org.densereg.io.ImageIo;
import org.densereg.io.NpyReader;
import org.densereg.testing.WindowsText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaceSupervisionRoundTripTest {

    @TempDir
    Path dir;

    /** A W×H sample whose face is a disc with u = x / W, v = 1 - y / H inside, -1 outside. */
    static FaceSupervisionSample sample(String id, int w, int h, long seed) {
        Random r = new Random(seed);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        float[] u = new float[w * h];
        float[] v = new float[w * h];
        byte[] parts = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                img.setRGB(x, y, r.nextInt(0x1000000));
                double dx = x - w / 2.0;
                double dy = y - h / 2.0;
                if (dx * dx + dy * dy < 0.16 * w * h) {
                    u[i] = (float) x / w + r.nextFloat() * 1e-4f;
                    v[i] = 1f - (float) y / h;
                    parts[i] = (byte) (1 + r.nextInt(9));
                } else {
                    u[i] = -1;
                    v[i] = -1;
                }
            }
        }
        double[] xy = new double[136];
        for (int k = 0; k < xy.length; k++) {
            xy[k] = r.nextDouble() * w;
        }
        xy[10] = Double.NaN;
        xy[11] = Double.NaN;
        Map<String, Object> quality = new LinkedHashMap<>();
        quality.put("reprojectionNme", 0.0312345678901);
        quality.put("landmarksInside", 67);
        quality.put("model", "default");
        return new FaceSupervisionSample(id, img, u, v, parts, new Landmarks(xy),
                new FaceCrop(1.25, -3.5, 7.125, w), quality);
    }

    @Test
    void writeThenReadGivesTheSameSample() throws Exception {
        FaceSupervisionSample s = sample("face_1", 40, 32, 3);
        FaceSupervisionWriter.write(dir, s);
        assertTrue(FaceSupervisionWriter.isComplete(dir, "face_1"));
        FaceSupervisionSample back = FaceSupervisionReader.read(dir, "face_1");
        assertEquals("face_1", back.id());
        assertArrayEquals(s.image().getRGB(0, 0, 40, 32, null, 0, 40), back.image().getRGB(0, 0, 40, 32, null, 0, 40));
        assertArrayEquals(s.u(), back.u());
        assertArrayEquals(s.v(), back.v());
        assertArrayEquals(s.parts(), back.parts());
        assertEquals(s.landmarks(), back.landmarks());
        assertEquals(s.crop(), back.crop());
        assertEquals(s.quality(), back.quality());

        // the side files carry the documented encodings
        assertArrayEquals(new int[] {2, 32, 40}, NpyReader.read(dir.resolve("face_1.uv.npy")).shape());
        int[] mask = ImageIo.readGray(dir.resolve("face_1.mask.png")).values();
        for (int i = 0; i < mask.length; i++) {
            assertEquals(s.isForeground(i) ? 255 : 0, mask[i]);
        }
        List<String> ptsLines = Files.readAllLines(dir.resolve("face_1.pts"));
        assertEquals("NaN NaN", ptsLines.get(8), "absent point 5 on line 9");
        String[] first = ptsLines.get(3).split(" ");
        assertEquals(s.landmarks().x(0) + 1, Double.parseDouble(first[0]), 1e-3, "1-based");
        assertEquals(s.landmarks().y(0) + 1, Double.parseDouble(first[1]), 1e-3, "1-based");
        assertEquals(40, ImageIo.read(dir.resolve("face_1.preview.png")).getWidth());
        try (var files = Files.list(dir)) {
            assertEquals(7, files.count());
        }
    }

    @Test
    void incompleteWithoutMarkerOrWithMissingFile() throws Exception {
        FaceSupervisionWriter.write(dir, sample("a", 16, 16, 1));
        Files.delete(dir.resolve("a.json"));
        assertFalse(FaceSupervisionWriter.isComplete(dir, "a"));
        BadInputException e = assertThrows(BadInputException.class, () -> FaceSupervisionReader.read(dir, "a"));
        assertTrue(e.getMessage().startsWith(dir.resolve("a.json") + ": missing"), e.getMessage());

        FaceSupervisionWriter.write(dir, sample("b", 16, 16, 2));
        Files.delete(dir.resolve("b.parts.png"));
        assertFalse(FaceSupervisionWriter.isComplete(dir, "b"));
        assertFalse(FaceSupervisionWriter.isComplete(dir, "never_written"));
    }

    @Test
    void rewriteReplacesTheGroup() throws Exception {
        FaceSupervisionWriter.write(dir, sample("a", 16, 16, 1));
        FaceSupervisionSample second = sample("a", 20, 12, 2);
        FaceSupervisionWriter.write(dir, second);
        FaceSupervisionSample back = FaceSupervisionReader.read(dir, "a");
        assertEquals(20, back.width());
        assertArrayEquals(second.u(), back.u());
    }

    @Test
    void staleTemporariesAreRemoved() throws Exception {
        FaceSupervisionWriter.write(dir, sample("a", 8, 8, 1));
        Path stale = dir.resolve(".a.png.123456.tmp");
        Files.writeString(stale, "partial");
        List<Path> removed = FaceSupervisionWriter.removeStaleTemporaries(dir);
        assertEquals(List.of(stale), removed);
        assertTrue(FaceSupervisionWriter.isComplete(dir, "a"));
        assertFalse(Files.exists(stale));
    }

    @Test
    void inconsistentFilesAreBadInput() throws Exception {
        FaceSupervisionWriter.write(dir, sample("a", 8, 8, 1));
        ImageIo.writePng(new BufferedImage(9, 8, BufferedImage.TYPE_INT_RGB), dir.resolve("a.png"));
        BadInputException e = assertThrows(BadInputException.class, () -> FaceSupervisionReader.read(dir, "a"));
        assertEquals(dir.resolve("a.png") + ": size 9x8 differs from the metadata's 8x8", e.getMessage());

        FaceSupervisionWriter.write(dir, sample("b", 8, 8, 1));
        Files.writeString(dir.resolve("b.json"), "{\n\"format\": \"densereg-face-supervision\",\n\"version\": 1,\n\"width\": [\n}");
        e = assertThrows(BadInputException.class, () -> FaceSupervisionReader.read(dir, "b"));
        assertTrue(e.getMessage().startsWith(dir.resolve("b.json") + ":5: malformed JSON"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FaceSupervisionWriter.write(dir, sample("../x", 4, 4, 1)));
    }

    @Test
    void previewDrawsGridOnFaceOnly() {
        FaceSupervisionSample s = sample("p", 64, 64, 5);
        BufferedImage preview = UvPreview.render(s);
        int changedFace = 0;
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                int i = y * 64 + x;
                boolean nearLandmark = false;
                for (int k = 0; k < 68; k++) {
                    nearLandmark |= Math.abs(Math.round(s.landmarks().x(k)) - x) <= 1
                            && Math.abs(Math.round(s.landmarks().y(k)) - y) <= 1;
                }
                boolean changed = preview.getRGB(x, y) != s.image().getRGB(x, y);
                if (!s.isForeground(i) && !nearLandmark) {
                    assertFalse(changed, "background pixel " + x + "," + y);
                }
                if (s.isForeground(i) && changed && !nearLandmark) {
                    changedFace++;
                }
            }
        }
        // u = x / 64 crosses a multiple of 0.05 about every 3.2 columns: many face pixels are on lines
        assertTrue(changedFace > 300, "grid pixels: " + changedFace);
        int lm = (int) Math.round(s.landmarks().x(0)) + 64 * (int) Math.round(s.landmarks().y(0));
        assertEquals(0x00ff00, preview.getRGB(lm % 64, lm / 64) & 0xffffff);
        assertNotEquals(0, changedFace);
    }

    @Test
    void markerSavedOnWindowsReadsLikeThePlainOne() throws Exception {
        FaceSupervisionSample s = sample("face_w", 16, 16, 4);
        FaceSupervisionWriter.write(dir, s);
        Path marker = dir.resolve("face_w" + SupervisionFileGroup.MARKER_SUFFIX);
        String plain = Files.readString(marker);
        var expected = FaceSupervisionReader.readMetadata(dir, "face_w");
        WindowsText.write(marker, plain);
        assertEquals(expected, FaceSupervisionReader.readMetadata(dir, "face_w"));
        FaceSupervisionSample back = FaceSupervisionReader.read(dir, "face_w");
        assertEquals(s.landmarks(), back.landmarks());
        assertEquals(s.crop(), back.crop());
    }
}
