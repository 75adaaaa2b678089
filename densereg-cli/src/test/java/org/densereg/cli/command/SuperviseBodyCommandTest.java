package org.densereg.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.densereg.cli.CliRun;
import org.densereg.cli.support.ExitCodes;
import org.densereg.io.ImageIo;
import org.densereg.testing.SharedData;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuperviseBodyCommandTest {

    @TempDir
    Path dir;

    /** MPII joint ids 0..15 relative to the head top, pixels, y down. */
    private static final double[] POSE = {
        -10, 95, -10, 72, -10, 50, 10, 50, 10, 72, 10, 95, 0, 50, 0, 20, 0, 15, 0, 0,
        -25, 50, -22, 35, -15, 20, 15, 20, 22, 35, 25, 50};

    /** HRNet-form entry, 1-based; joint ids below {@code firstPresent} are missing ((-1, -1), vis 0). */
    private static String entry(String image, double ox, double oy, int firstPresent) {
        StringBuilder j = new StringBuilder();
        StringBuilder v = new StringBuilder();
        for (int k = 0; k < 16; k++) {
            boolean m = k < firstPresent;
            j.append(k == 0 ? "" : ", ").append(m ? "[-1, -1]"
                    : String.format(Locale.ROOT, "[%.1f, %.1f]", ox + POSE[2 * k], oy + POSE[2 * k + 1]));
            v.append(k == 0 ? "" : ", ").append(m ? 0 : 1);
        }
        return String.format(Locale.ROOT, "{\"image\": \"%s\", \"center\": [%.1f, %.1f], \"scale\": 0.6, "
                + "\"joints\": [%s], \"joints_vis\": [%s]}", image, ox, oy + 50, j, v);
    }

    private static void png(Path file, int w, int h, long seed) throws IOException {
        Random r = new Random(seed);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, r.nextInt(1 << 24));
            }
        }
        ImageIo.writePng(img, file);
    }

    /** Two PNGs, three persons (a_2 lacks both right-leg joints below the hip): a.png in train.json, b.png in valid.json. */
    private Path mpiiFixture() throws IOException {
        Path root = dir.resolve("mpii");
        Files.createDirectories(root.resolve("images"));
        Files.createDirectories(root.resolve("annot"));
        png(root.resolve("images/a.png"), 200, 120, 1);
        png(root.resolve("images/b.png"), 100, 120, 2);
        Files.writeString(root.resolve("annot/train.json"), "[" + entry("a.png", 50, 10, 0) + ", "
                + entry("a.png", 140, 10, 2) + "]");
        Files.writeString(root.resolve("annot/valid.json"), "[" + entry("b.png", 50, 10, 0) + "]");
        return root;
    }

    @Test
    void superviseMpiiJsonFixture() throws IOException {
        Path root = mpiiFixture();
        Path out = dir.resolve("body");
        CliRun r = CliRun.of("supervise-body", "--dataset", "mpii", "--root", root.toString(), "--out", out.toString(),
                "--size", "48", "--threads", "1");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.out().contains("mpii all, 3 items: 3 written, 0 existing, 0 failed"), r.out());
        for (String id : new String[] {"a_1", "a_2", "b_1"}) {
            assertTrue(Files.isRegularFile(out.resolve(id + ".json")), id);
            assertTrue(Files.isRegularFile(out.resolve(id + ".iuv.png")), id);
        }
        CliRun train = CliRun.of("supervise-body", "--dataset", "mpii", "--root", root.toString(), "--out",
                dir.resolve("train").toString(), "--split", "train", "--size", "48", "--threads", "1");
        assertEquals(ExitCodes.OK, train.code(), train.err());
        assertTrue(train.out().contains("mpii train, 2 items: 2 written"), train.out());
    }

    @Test
    void missingMpiiImageIsListedAndExitsBadInput() throws IOException {
        Path root = mpiiFixture();
        Files.delete(root.resolve("images/b.png"));
        Path out = dir.resolve("body");
        CliRun r = CliRun.of("supervise-body", "--dataset", "mpii", "--root", root.toString(), "--out", out.toString(),
                "--size", "48", "--threads", "1");
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.err());
        assertTrue(r.out().contains("2 written, 0 existing, 1 failed"), r.out());
        String failures = Files.readString(out.resolve("failures.csv"));
        assertTrue(failures.lines().anyMatch(l -> l.startsWith("b_1,") && l.contains("b.png")), failures);
        assertTrue(Files.isRegularFile(out.resolve("a_2.json")));
    }

    @Test
    void mpiiRootWithoutAnnotationsIsBadInput() {
        CliRun r = CliRun.of("supervise-body", "--dataset", "mpii", "--root", dir.toString(), "--out",
                dir.resolve("o").toString());
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.err());
        assertTrue(r.err().contains("mpii_human_pose_v1_u12_1.mat"), r.err());
    }

    @Test
    void missingJointsFileIsBadInput() {
        CliRun r = CliRun.of("supervise-body", "--dataset", "lsp", "--root", dir.toString(), "--out", dir.resolve("o").toString());
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.err());
        assertTrue(r.err().contains("joints.mat"), r.err());
    }

    @Test
    void unknownSplitOrDatasetIsUsageError() {
        CliRun r = CliRun.of("supervise-body", "--dataset", "lsp", "--root", dir.toString(), "--out", dir.toString(),
                "--split", "val");
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("--split must be train, test or all"), r.err());
        CliRun d = CliRun.of("supervise-body", "--dataset", "coco", "--root", dir.toString(), "--out", dir.toString());
        assertEquals(ExitCodes.USAGE, d.code());
        assertTrue(d.err().contains("--dataset must be lsp"), d.err());
    }

    @Test
    void lspetHasNoTestSplit() {
        CliRun r = CliRun.of("supervise-body", "--dataset", "lspet", "--root", dir.toString(), "--out",
                dir.resolve("o").toString(), "--split", "test");
        assertEquals(ExitCodes.USAGE, r.code(), r.err());
        assertTrue(r.err().contains("--split test") && r.err().contains("training set only"), r.err());
    }

    /** LSPet layout: joints.mat 14x3x2 (1-based, flag 1 = visible; im00002's left wrist flag 0 at (0, -30)). */
    @Test
    void superviseLspetFixture() throws IOException {
        Path root = dir.resolve("lspet");
        Files.createDirectories(root.resolve("images"));
        double[] data = new double[14 * 3 * 2];
        double[] lsp = new double[28];
        int[] mpiiOfLsp = {0, 1, 2, 3, 4, 5, 10, 11, 12, 13, 14, 15, 8, 9};
        for (int j = 0; j < 14; j++) {
            lsp[2 * j] = 60 + POSE[2 * mpiiOfLsp[j]];
            lsp[2 * j + 1] = 10 + POSE[2 * mpiiOfLsp[j] + 1];
        }
        for (int i = 0; i < 2; i++) {
            png(root.resolve(String.format("images/im%05d.jpg", i + 1)), 120, 120, i);
            for (int j = 0; j < 14; j++) {
                boolean hidden = i == 1 && j == 11;
                data[j + 14 * 3 * i] = hidden ? 0 : lsp[2 * j];
                data[j + 14 * (1 + 3 * i)] = hidden ? -30 : lsp[2 * j + 1];
                data[j + 14 * (2 + 3 * i)] = hidden ? 0 : 1;
            }
        }
        us.hebi.matlab.mat.types.Matrix m = us.hebi.matlab.mat.format.Mat5.newMatrix(new int[] {14, 3, 2});
        for (int k = 0; k < data.length; k++) {
            m.setDouble(k, data[k]);
        }
        us.hebi.matlab.mat.types.MatFile f = us.hebi.matlab.mat.format.Mat5.newMatFile();
        f.addArray("joints", m);
        us.hebi.matlab.mat.format.Mat5.writeToFile(f, root.resolve("joints.mat").toFile());
        Path out = dir.resolve("lspet-body");
        CliRun r = CliRun.of("supervise-body", "--dataset", "lspet", "--root", root.toString(), "--out", out.toString(),
                "--split", "train", "--size", "48", "--threads", "1");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.out().contains("lspet train, 2 items: 2 written, 0 existing, 0 failed"), r.out());
        assertTrue(Files.isRegularFile(out.resolve("im00001.json")));
        String second = Files.readString(out.resolve("im00002.json"));
        assertTrue(second.contains("null"), "the invisible left wrist is a missing joint: " + second);

        CliRun mixed = CliRun.of("supervise-body", "--dataset", "lspet", "--root", root.toString(), "--out",
                out.toString(), "--size", "48", "--threads", "1", "--framing", "image");
        assertEquals(ExitCodes.BAD_INPUT, mixed.code(), mixed.err());
        assertTrue(mixed.err().contains("--size 48 --framing joints, this run asks for --size 48 --framing image"),
                mixed.err());
        Path whole = dir.resolve("lspet-whole");
        CliRun image = CliRun.of("supervise-body", "--dataset", "lspet", "--root", root.toString(), "--out",
                whole.toString(), "--size", "48", "--threads", "1", "--framing", "image");
        assertEquals(ExitCodes.OK, image.code(), image.err());
        assertTrue(Files.readString(whole.resolve("summary.json")).contains("\"framing\" : \"image\""));
        CliRun bad = CliRun.of("supervise-body", "--dataset", "lspet", "--root", root.toString(), "--out",
                dir.resolve("o2").toString(), "--framing", "tight");
        assertEquals(ExitCodes.USAGE, bad.code(), bad.err());
        assertTrue(bad.err().contains("framing must be joints or image, got 'tight'"), bad.err());
    }

    @Test
    @Tag("dataset")
    void superviseFirstLspImages() throws Exception {
        Path lsp = SharedData.require("lsp/joints.mat").getParent();
        Path out = dir.resolve("body");
        CliRun r = CliRun.of("supervise-body", "--dataset", "lsp", "--root", lsp.toString(), "--out", out.toString(),
                "--split", "test", "--limit", "2", "--size", "96", "--threads", "1");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.out().contains("2 written, 0 existing, 0 failed"), r.out());
        assertTrue(Files.isRegularFile(out.resolve("im1001.iuv.png")));
        assertTrue(Files.isRegularFile(out.resolve("im1002.json")));
        assertTrue(Files.readString(out.resolve("summary.json")).contains("\"ok\" : 2"));
    }
}
