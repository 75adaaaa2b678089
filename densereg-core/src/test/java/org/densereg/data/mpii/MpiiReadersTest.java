package org.densereg.data.mpii;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.densereg.io.BadInputException;
import org.densereg.testing.MatFixtures;
import org.densereg.testing.WindowsText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.types.Cell;
import us.hebi.matlab.mat.types.Struct;

class MpiiReadersTest {

    @TempDir
    Path dir;

    /** A RELEASE struct with 3 images: a full person + a bare one; no annorect; a string is_visible. */
    private Path writeRelease() throws Exception {
        Struct annolist = Mat5.newStruct(1, 3);
        for (int i = 0; i < 3; i++) {
            Struct image = Mat5.newStruct();
            image.set("name", Mat5.newString("img" + i + ".jpg"));
            annolist.set("image", i, image);
        }
        Struct rects = Mat5.newStruct(1, 2);
        rects.set("x1", 0, Mat5.newScalar(11)).set("y1", 0, Mat5.newScalar(21)).set("x2", 0, Mat5.newScalar(31))
                .set("y2", 0, Mat5.newScalar(41)).set("scale", 0, Mat5.newScalar(2.5));
        Struct obj = Mat5.newStruct();
        obj.set("x", Mat5.newScalar(101)).set("y", Mat5.newScalar(201));
        rects.set("objpos", 0, obj);
        Struct pts = Mat5.newStruct(1, 2);
        pts.set("id", 0, Mat5.newScalar(9)).set("x", 0, Mat5.newScalar(5)).set("y", 0, Mat5.newScalar(6))
                .set("is_visible", 0, Mat5.newScalar(1));
        pts.set("id", 1, Mat5.newScalar(0)).set("x", 1, Mat5.newScalar(7)).set("y", 1, Mat5.newScalar(8))
                .set("is_visible", 1, Mat5.newMatrix(0, 0));
        Struct ap = Mat5.newStruct();
        ap.set("point", pts);
        rects.set("annopoints", 0, ap);
        // person 2: every field empty (as in the real file for unannotated rectangles)
        rects.set("annopoints", 1, Mat5.newMatrix(0, 0));
        annolist.set("annorect", 0, rects);
        annolist.set("annorect", 1, Mat5.newMatrix(0, 0));
        Struct rects3 = Mat5.newStruct(1, 1);
        Struct pts3 = Mat5.newStruct(1, 1);
        pts3.set("id", 0, Mat5.newScalar(15)).set("x", 0, Mat5.newScalar(1)).set("y", 0, Mat5.newScalar(1))
                .set("is_visible", 0, Mat5.newString("1"));
        Struct ap3 = Mat5.newStruct();
        ap3.set("point", pts3);
        rects3.set("annopoints", 0, ap3);
        annolist.set("annorect", 2, rects3);
        Struct release = Mat5.newStruct();
        release.set("annolist", annolist);
        release.set("img_train", MatFixtures.matrix(new int[] {1, 3}, new double[] {1, 0, 0}));
        Cell single = Mat5.newCell(3, 1);
        single.set(0, Mat5.newScalar(1));
        single.set(1, Mat5.newMatrix(0, 0));
        single.set(2, Mat5.newMatrix(0, 0));
        release.set("single_person", single);
        return MatFixtures.write(dir.resolve("release.mat"), "RELEASE", release);
    }

    @Test
    void releaseStructWithItsIrregularities() throws Exception {
        List<MpiiPerson> persons = MpiiReleaseReader.read(writeRelease());
        assertEquals(3, persons.size(), "image 2 has no annorect");
        MpiiPerson a = persons.get(0);
        assertEquals("img0.jpg", a.imageName());
        assertTrue(a.train());
        assertTrue(a.singlePerson());
        assertArrayEquals(new double[] {10, 20, 30, 40}, a.headBox());
        assertEquals(2.5, a.scale());
        assertArrayEquals(new double[] {100, 200}, a.objpos());
        assertEquals(2, a.annotatedCount());
        assertEquals(4.0, a.joints()[2 * 9]);
        assertTrue(a.visible()[9]);
        assertFalse(a.visible()[0], "empty is_visible = not visible");
        MpiiPerson b = persons.get(1);
        assertNull(b.objpos());
        assertEquals(0, b.annotatedCount());
        assertFalse(b.singlePerson());
        MpiiPerson c = persons.get(2);
        assertEquals(3, c.imageIndex());
        assertNull(c.headBox());
        assertTrue(Double.isNaN(c.scale()));
        assertTrue(c.visible()[15], "is_visible as the string '1'");
    }

    @Test
    void releaseMissingIsBadInput() throws Exception {
        Path f = MatFixtures.write(dir.resolve("not_release.mat"), "x", Mat5.newScalar(1));
        BadInputException e = assertThrows(BadInputException.class, () -> MpiiReleaseReader.read(f));
        assertTrue(e.getMessage().contains("not_release.mat") && e.getMessage().contains("'RELEASE'"), e.getMessage());
    }

    @Test
    void jsonFormsOfHrnetAndPytorchPose() throws Exception {
        StringBuilder joints = new StringBuilder();
        StringBuilder self = new StringBuilder();
        for (int j = 0; j < 16; j++) {
            joints.append(j == 0 ? "" : ",").append("[").append(j + 1).append(",").append(2 * j + 1).append("]");
            self.append(j == 0 ? "" : ",").append("[").append(j + 1).append(",").append(2 * j + 1).append(",").append(j % 2).append("]");
        }
        Path h = dir.resolve("valid.json");
        Files.writeString(h, "[{\"image\":\"a.jpg\",\"center\":[11,21],\"scale\":1.5,\"joints\":[" + joints
                + "],\"joints_vis\":[1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,0]}]");
        MpiiJsonAnnotation a = MpiiJsonReader.read(h).get(0);
        assertEquals("a.jpg", a.image());
        assertArrayEquals(new double[] {10, 20}, a.center());
        assertEquals(1.5, a.scale());
        assertEquals(15.0, a.joints()[30]);
        assertFalse(a.flags()[15]);
        assertNull(a.validation());
        Path p = dir.resolve("mpii_annotations.json");
        Files.writeString(p, "[{\"img_paths\":\"b.jpg\",\"objpos\":[1,1],\"scale_provided\":2,\"isValidation\":1,"
                + "\"joint_self\":[" + self + "]}]");
        MpiiJsonAnnotation b = MpiiJsonReader.read(p).get(0);
        assertTrue(b.validation());
        assertTrue(b.flags()[1]);
        assertFalse(b.flags()[0]);
        Path bad = dir.resolve("bad_joints.json");
        Files.writeString(bad, "[{\"image\":\"a.jpg\",\"center\":[1,1],\"scale\":1,\"joints\":[[1,1]],\"joints_vis\":[]}]");
        BadInputException e = assertThrows(BadInputException.class, () -> MpiiJsonReader.read(bad));
        assertTrue(e.getMessage().contains("[0].joints: expected 16 joints"), e.getMessage());
    }

    /** gt_valid.mat layout for n persons, all joints at (j + 1, i + 1), head box (1,1)-(4,5). */
    static Path writeGtValid(Path file, int n) throws Exception {
        Cell names = Mat5.newCell(1, 16);
        for (MpiiJoint j : MpiiJoint.values()) {
            names.set(j.ordinal(), Mat5.newString(j.shortName()));
        }
        double[] pos = new double[16 * 2 * n];
        double[] heads = new double[4 * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 16; j++) {
                pos[j + 16 * 0 + 32 * i] = j + 1;
                pos[j + 16 * 1 + 32 * i] = i + 1;
            }
            heads[0 + 2 * 0 + 4 * i] = 1; // x1
            heads[1 + 2 * 0 + 4 * i] = 4; // x2
            heads[0 + 2 * 1 + 4 * i] = 1; // y1
            heads[1 + 2 * 1 + 4 * i] = 5; // y2
        }
        double[] missing = new double[16 * n];
        missing[0] = 1;
        return MatFixtures.write(file, "dataset_joints", names, "jnt_missing", MatFixtures.matrix(new int[] {16, n}, missing),
                "pos_gt_src", MatFixtures.matrix(new int[] {16, 2, n}, pos),
                "headboxes_src", MatFixtures.matrix(new int[] {2, 2, n}, heads));
    }

    @Test
    void gtValidLayoutAndErrors() throws Exception {
        MpiiEvalGroundTruth gt = MpiiEvalReader.readGroundTruth(writeGtValid(dir.resolve("gt_valid.mat"), 3));
        assertEquals(3, gt.count());
        assertTrue(gt.missing(0, 0));
        assertFalse(gt.missing(1, 0));
        assertEquals(5.0, gt.headDiagonal(2), 1e-12);
        assertEquals(15.0, gt.x(1, 15));
        assertEquals(2.0, gt.y(2, 4));
        Path lsp = MatFixtures.write(dir.resolve("lsp_joints.mat"), "joints", MatFixtures.matrix(new int[] {3, 14, 2}, new double[84]));
        BadInputException e = assertThrows(BadInputException.class, () -> MpiiEvalReader.readGroundTruth(lsp));
        assertTrue(e.getMessage().contains("lsp_joints.mat") && e.getMessage().contains("'jnt_missing' missing"), e.getMessage());
        Path preds = MatFixtures.write(dir.resolve("preds_wrong.mat"), "preds", MatFixtures.matrix(new int[] {3, 14, 2}, new double[84]));
        e = assertThrows(BadInputException.class, () -> MpiiEvalReader.readPredictions(preds));
        assertTrue(e.getMessage().contains("'preds': expected Nx16x2, found 3x14x2"), e.getMessage());
    }

    @Test
    void windowsSavedJsonWithBomAndCrlfReadsLikeThePlainOne() throws Exception {
        StringBuilder joints = new StringBuilder();
        for (int j = 0; j < 16; j++) {
            joints.append(j == 0 ? "" : ",\n    ").append("[").append(j + 1).append(",").append(2 * j + 1).append("]");
        }
        String text = "[\n  {\"image\": \"a.jpg\", \"center\": [11, 21], \"scale\": 1.5,\n  \"joints\": [" + joints
                + "],\n  \"joints_vis\": [1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,0]}\n]\n";
        MpiiJsonAnnotation plain = MpiiJsonReader.read(WindowsText.writePlain(dir.resolve("plain.json"), text)).get(0);
        MpiiJsonAnnotation windows = MpiiJsonReader.read(WindowsText.write(dir.resolve("bom_crlf.json"), text)).get(0);
        assertEquals(plain.image(), windows.image());
        assertArrayEquals(plain.center(), windows.center());
        assertEquals(plain.scale(), windows.scale());
        assertArrayEquals(plain.joints(), windows.joints());
        assertArrayEquals(plain.flags(), windows.flags());
        assertEquals(15.0, windows.joints()[30]);
    }
}
