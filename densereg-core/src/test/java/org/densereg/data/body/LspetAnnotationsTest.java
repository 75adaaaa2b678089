package org.densereg.data.body;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.densereg.data.lsp.LspJoint;
import org.densereg.io.BadInputException;
import org.densereg.testing.MatFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link BodyAnnotationReader#lspet} on a tiny 14×3×N {@code joints.mat} written by the test. */
class LspetAnnotationsTest {

    @TempDir
    Path dir;

    /**
     * Writes {@code <root>/joints.mat} 14×3×3 (1-based x, y, flag 1 = visible): joint j of image i at
     * (10 + j + 100 i, 20 + 2j); image 1 has its right ankle not visible (position (0, −26), as the real file has),
     * image 3 its neck and head top (position (−48, 0)).
     */
    static Path writeFixture(Path root) throws Exception {
        Files.createDirectories(root.resolve("images"));
        int n = 3;
        double[] data = new double[14 * 3 * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 14; j++) {
                double x = 10 + j + 100 * i;
                double y = 20 + 2 * j;
                double flag = 1;
                if (i == 0 && j == LspJoint.RIGHT_ANKLE.ordinal()) {
                    x = 0;
                    y = -26;
                    flag = 0;
                }
                if (i == 2 && (j == LspJoint.NECK.ordinal() || j == LspJoint.HEAD_TOP.ordinal())) {
                    x = -48;
                    y = 0;
                    flag = 0;
                }
                data[j + 14 * (0 + 3 * i)] = x;
                data[j + 14 * (1 + 3 * i)] = y;
                data[j + 14 * (2 + 3 * i)] = flag;
            }
        }
        return MatFixtures.write(root.resolve("joints.mat"), "joints", MatFixtures.matrix(new int[] {14, 3, n}, data));
    }

    @Test
    void readsEveryImageWithFiveDigitIdsZeroBasedAndInvisibleJointsMissing() throws Exception {
        writeFixture(dir);
        List<BodyAnnotation> all = BodyAnnotationReader.lspet(dir);
        assertEquals(3, all.size());
        assertEquals(List.of("im00001", "im00002", "im00003"), all.stream().map(BodyAnnotation::id).toList());
        assertEquals(dir.resolve("images").resolve("im00002.jpg"), all.get(1).image());
        BodyJoints first = all.get(0).joints();
        assertFalse(first.present(LspJoint.RIGHT_ANKLE), "flag 0 (not visible) carries no position: missing");
        assertTrue(Double.isNaN(first.x(LspJoint.RIGHT_ANKLE)));
        assertTrue(first.present(LspJoint.RIGHT_KNEE));
        assertFalse(first.occluded(LspJoint.RIGHT_KNEE), "flag 1 = visible");
        assertEquals(10 + 1 - 1, first.x(LspJoint.RIGHT_KNEE), 1e-12, "1-based file → 0-based pixels");
        assertEquals(20 + 2 - 1, first.y(LspJoint.RIGHT_KNEE), 1e-12);
        assertEquals(13, first.presentCount());
        BodyJoints third = all.get(2).joints();
        assertFalse(third.present(LspJoint.NECK));
        assertFalse(third.present(LspJoint.HEAD_TOP));
        assertEquals(12, third.presentCount());
        assertEquals(209 + 2, third.x(LspJoint.RIGHT_HIP), 1e-12);
        assertEquals(14, all.get(1).joints().presentCount());
    }

    @Test
    void refusesLspsOwnLayoutAndAMissingFile() throws Exception {
        BadInputException missing = assertThrows(BadInputException.class, () -> BodyAnnotationReader.lspet(dir));
        assertTrue(missing.getMessage().contains("joints.mat"), missing.getMessage());
        double[] data = new double[3 * 14];
        MatFixtures.write(dir.resolve("joints.mat"), "joints", MatFixtures.matrix(new int[] {3, 14, 1}, data));
        BadInputException e = assertThrows(BadInputException.class, () -> BodyAnnotationReader.lspet(dir));
        assertTrue(e.getMessage().contains("14x3xN") && e.getMessage().contains("--dataset lsp"), e.getMessage());
    }
}
