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
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.densereg.data.body.BodyAnnotation;
import org.densereg.data.body.BodyAnnotationReader;
import org.densereg.data.body.BodyJoints;
import org.densereg.data.body.BodySplit;
import org.densereg.data.lsp.LspJoint;
import org.densereg.io.BadInputException;
import org.densereg.io.ImageIo;
import org.densereg.io.OutputIds;
import org.densereg.runtime.ProgressListener;
import org.densereg.testing.MatFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.types.Struct;

class MpiiBodyAnnotationsTest {

    /** MPII joint ids 0..15 relative to the person's head top, pixels, y down, facing the camera. */
    private static final double[] POSE = {
        -10, 95, -10, 72, -10, 50, 10, 50, 10, 72, 10, 95, 0, 50, 0, 20, 0, 15, 0, 0,
        -25, 50, -22, 35, -15, 20, 15, 20, 22, 35, 25, 50};

    @TempDir
    Path dir;

    /** One HRNet-form entry; 1-based file coordinates = offset + pose; ids in {@code missing} get (-1, -1), vis 0. */
    static String entry(String image, double ox, double oy, Set<Integer> missing) {
        StringBuilder j = new StringBuilder();
        StringBuilder v = new StringBuilder();
        for (int k = 0; k < 16; k++) {
            boolean m = missing.contains(k);
            j.append(k == 0 ? "" : ", ").append(m ? "[-1.0, -1.0]"
                    : String.format(Locale.ROOT, "[%.1f, %.1f]", ox + POSE[2 * k], oy + POSE[2 * k + 1]));
            v.append(k == 0 ? "" : ", ").append(m ? 0 : 1);
        }
        return String.format(Locale.ROOT, "{\"image\": \"%s\", \"center\": [%.1f, %.1f], \"scale\": 0.6, "
                + "\"joints\": [%s], \"joints_vis\": [%s]}", image, ox, oy + 50, j, v);
    }

    static void png(Path file, int w, int h, long seed) throws IOException {
        Random r = new Random(seed);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, r.nextInt(1 << 24));
            }
        }
        ImageIo.writePng(img, file);
    }

    /** images/a.png (2 persons, the second without ankles and right wrist) in train.json, images/b.png in valid.json. */
    static Path fixture(Path root) throws IOException {
        Files.createDirectories(root.resolve("images"));
        Files.createDirectories(root.resolve("annot"));
        png(root.resolve("images/a.png"), 200, 120, 1);
        png(root.resolve("images/b.png"), 100, 120, 2);
        Files.writeString(root.resolve("annot/train.json"), "[" + entry("a.png", 50, 10, Set.of()) + ",\n"
                + entry("a.png", 140, 10, Set.of(0, 5, 10)) + "]");
        Files.writeString(root.resolve("annot/valid.json"), "[" + entry("b.png", 50, 10, Set.of()) + "]");
        return root;
    }

    @Test
    void jsonSplitsIdsAndZeroBasedJoints() throws IOException {
        Path root = fixture(dir.resolve("mpii"));
        List<BodyAnnotation> all = BodyAnnotationReader.mpii(root, BodySplit.ALL);
        assertEquals(List.of("a_1", "a_2", "b_1"), all.stream().map(BodyAnnotation::id).toList());
        assertEquals(List.of("a_1", "a_2"), BodyAnnotationReader.mpii(root, BodySplit.TRAIN).stream()
                .map(BodyAnnotation::id).toList());
        assertEquals(List.of("b_1"), BodyAnnotationReader.mpii(root, BodySplit.TEST).stream()
                .map(BodyAnnotation::id).toList());
        assertEquals(root.resolve("images/b.png"), all.get(2).image());
        // File 1-based (50 - 10, 10 + 95) → 0-based (39, 104), converted exactly once.
        BodyJoints a1 = all.get(0).joints();
        assertEquals(39.0, a1.x(LspJoint.RIGHT_ANKLE));
        assertEquals(104.0, a1.y(LspJoint.RIGHT_ANKLE));
        assertEquals(49.0, a1.x(LspJoint.HEAD_TOP));
        assertEquals(9.0, a1.y(LspJoint.HEAD_TOP));
        // Neck = midpoint of thorax (y 30) and upper neck (y 25), minus 1.
        assertEquals(26.5, a1.y(LspJoint.NECK));
        assertEquals(14, a1.presentCount());
        assertFalse(a1.occluded(LspJoint.LEFT_WRIST));
        BodyJoints a2 = all.get(1).joints();
        assertEquals(11, a2.presentCount());
        assertFalse(a2.present(LspJoint.RIGHT_ANKLE));
        assertFalse(a2.present(LspJoint.LEFT_ANKLE));
        assertFalse(a2.present(LspJoint.RIGHT_WRIST));
        assertEquals(139.0 + 10, a2.x(LspJoint.LEFT_KNEE));
    }

    @Test
    void generatorWritesEveryPersonAndKeepsCropJoints() throws IOException {
        Path root = fixture(dir.resolve("mpii"));
        List<BodyAnnotation> items = BodyAnnotationReader.mpii(root, BodySplit.ALL);
        Path out = dir.resolve("out");
        BodySupervisionSummary s = new BodySupervisionGenerator(new BodySupervisionOptions(64, 2))
                .run("mpii", items, out, ProgressListener.NONE);
        assertEquals(3, s.count(BodyOutcome.OK), s.outcomes().toString());
        for (BodyAnnotation item : items) {
            BodySupervisionSample r = BodySupervisionReader.read(out, item.id());
            assertArrayEquals(r.crop().apply(item.joints()).xy(), r.joints().xy(), 1e-9);
        }
        BodySupervisionSample a2 = BodySupervisionReader.read(out, "a_2");
        assertTrue(((List<?>) a2.quality().get("skippedParts")).contains("RIGHT_LOWER_LEG"), a2.quality().toString());
    }

    @Test
    void collidingMpiiIdsAreRenamedAndListedInTheSummary() throws IOException {
        Path root = fixture(dir.resolve("mpii"));
        png(root.resolve("images/b.jpg"), 100, 120, 3);
        Files.writeString(root.resolve("annot/valid.json"), "[" + entry("b.png", 50, 10, Set.of()) + ", "
                + entry("b.jpg", 50, 10, Set.of()) + "]");
        List<BodyAnnotation> items = BodyAnnotationReader.mpii(root, BodySplit.TEST);
        assertEquals(List.of("b_1", "b_1"), items.stream().map(BodyAnnotation::id).toList(), "same stem, same person");
        Path out = dir.resolve("out");
        BodySupervisionSummary s = new BodySupervisionGenerator(new BodySupervisionOptions(48, 2))
                .run("mpii", items, out, ProgressListener.NONE);
        assertEquals(2, s.count(BodyOutcome.OK), s.outcomes().toString());
        assertEquals(List.of("b_1", "b_1~2"), s.outcomes().stream().map(BodyOutcome::id).toList());
        assertEquals(List.of(new OutputIds.Renamed(root.resolve("images/b.jpg").toString(), "b_1", "b_1~2")),
                s.renamed());
        assertTrue(BodySupervisionWriter.isComplete(out, "b_1") && BodySupervisionWriter.isComplete(out, "b_1~2"));
        String summary = Files.readString(out.resolve("summary.json"));
        assertTrue(summary.contains("\"wanted\" : \"b_1\"") && summary.contains("\"id\" : \"b_1~2\""), summary);
    }

    @Test
    void personWithOneJointIsAFailedItemNotAFatalError() throws IOException {
        Path root = fixture(dir.resolve("mpii"));
        Set<Integer> allButHeadTop = Set.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 14, 15);
        Files.writeString(root.resolve("annot/valid.json"), "[" + entry("b.png", 50, 10, Set.of()) + ", "
                + entry("b.png", 50, 10, allButHeadTop) + "]");
        List<BodyAnnotation> items = BodyAnnotationReader.mpii(root, BodySplit.TEST);
        BodySupervisionSummary s = new BodySupervisionGenerator(new BodySupervisionOptions(48, 1))
                .run("mpii", items, dir.resolve("out"), ProgressListener.NONE);
        assertEquals(1, s.count(BodyOutcome.OK));
        assertEquals(1, s.count(BodyOutcome.FAILED));
        String failures = Files.readString(dir.resolve("out/failures.csv"));
        assertTrue(failures.contains("b_2") && failures.contains("1 joints present"), failures);
    }

    private static Struct rect(double[] idXyVis) {
        int n = idXyVis.length / 4;
        Struct pts = Mat5.newStruct(1, n);
        for (int k = 0; k < n; k++) {
            pts.set("id", k, Mat5.newScalar(idXyVis[4 * k])).set("x", k, Mat5.newScalar(idXyVis[4 * k + 1]))
                    .set("y", k, Mat5.newScalar(idXyVis[4 * k + 2])).set("is_visible", k,
                            Mat5.newScalar(idXyVis[4 * k + 3]));
        }
        Struct ap = Mat5.newStruct();
        ap.set("point", pts);
        Struct rects = Mat5.newStruct(1, 1);
        rects.set("annopoints", 0, ap);
        return rects;
    }

    @Test
    void releaseMatIsPreferredOverJsonAndMapsTrainFlag() throws Exception {
        Path root = fixture(dir.resolve("mpii"));
        Struct annolist = Mat5.newStruct(1, 2);
        for (int i = 0; i < 2; i++) {
            Struct image = Mat5.newStruct();
            image.set("name", Mat5.newString("img" + i + ".jpg"));
            annolist.set("image", i, image);
        }
        // image 0: head top (5, 6) visible, right ankle (7, 8) occluded; image 1: one point.
        annolist.set("annorect", 0, rect(new double[] {9, 5, 6, 1, 0, 7, 8, 0}));
        annolist.set("annorect", 1, rect(new double[] {15, 3, 3, 1}));
        Struct release = Mat5.newStruct();
        release.set("annolist", annolist);
        release.set("img_train", MatFixtures.matrix(new int[] {1, 2}, new double[] {1, 0}));
        MatFixtures.write(root.resolve(BodyAnnotationReader.MPII_RELEASE), "RELEASE", release);
        List<BodyAnnotation> train = BodyAnnotationReader.mpii(root, BodySplit.TRAIN);
        assertEquals(List.of("img0_1"), train.stream().map(BodyAnnotation::id).toList());
        assertEquals(root.resolve("images/img0.jpg"), train.get(0).image());
        BodyJoints j = train.get(0).joints();
        assertEquals(4.0, j.x(LspJoint.HEAD_TOP));
        assertEquals(5.0, j.y(LspJoint.HEAD_TOP));
        assertFalse(j.occluded(LspJoint.HEAD_TOP));
        assertEquals(6.0, j.x(LspJoint.RIGHT_ANKLE));
        assertTrue(j.occluded(LspJoint.RIGHT_ANKLE));
        assertEquals(2, j.presentCount());
        assertEquals(List.of("img1_1"), BodyAnnotationReader.mpii(root, BodySplit.TEST).stream()
                .map(BodyAnnotation::id).toList());
        assertEquals(2, BodyAnnotationReader.mpii(root, BodySplit.ALL).size());
    }

    @Test
    void rootWithoutAnnotationsIsBadInput() throws IOException {
        Files.createDirectories(dir.resolve("empty/images"));
        BadInputException e = assertThrows(BadInputException.class,
                () -> BodyAnnotationReader.mpii(dir.resolve("empty"), BodySplit.ALL));
        assertTrue(e.getMessage().contains("mpii_human_pose_v1_u12_1.mat"), e.getMessage());
    }
}
