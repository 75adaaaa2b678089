package org.densereg.data.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.densereg.io.BadInputException;
import org.densereg.testing.MatFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LspReaderTest {

    @TempDir
    Path dir;

    /** Two images, 1-based file coordinates: joint j at (j + 1, 2j + 1) + image offset. Torso: LS (1,1), RH (1,21). */
    public static double[][] groundTruthXy() {
        double[][] xy = new double[2][28];
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 14; j++) {
                xy[i][2 * j] = j + 1 + 50 * i;
                xy[i][2 * j + 1] = 2 * j + 1;
            }
            xy[i][2 * LspJoint.LEFT_SHOULDER.ordinal()] = 1 + 50 * i;
            xy[i][2 * LspJoint.LEFT_SHOULDER.ordinal() + 1] = 1;
            xy[i][2 * LspJoint.RIGHT_HIP.ordinal()] = 1 + 50 * i;
            xy[i][2 * LspJoint.RIGHT_HIP.ordinal() + 1] = 21;
        }
        return xy;
    }

    /** Writes 3xJxN ({@code jointsFirst} false) or Jx3xN with the given flags. */
    public static Path writeGroundTruth(Path file, boolean extended, double flagOfJoint0) throws Exception {
        double[][] xy = groundTruthXy();
        double[] data = new double[3 * 14 * 2];
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 14; j++) {
                double flag = j == 0 ? flagOfJoint0 : (extended ? 1 : 0);
                double[] v = {xy[i][2 * j], xy[i][2 * j + 1], flag};
                for (int c = 0; c < 3; c++) {
                    int idx = extended ? j + 14 * c + 42 * i : c + 3 * j + 42 * i;
                    data[idx] = v[c];
                }
            }
        }
        int[] dims = extended ? new int[] {14, 3, 2} : new int[] {3, 14, 2};
        return MatFixtures.write(file, "joints", MatFixtures.matrix(dims, data));
    }

    @Test
    void detectsOriginalLayoutWithOcclusionFlag() throws Exception {
        LspJoints gt = LspReader.readGroundTruth(writeGroundTruth(dir.resolve("o.mat"), false, 1));
        assertEquals(LspLayout.ORIGINAL_3x14xN, gt.layout());
        assertEquals(2, gt.count());
        assertFalse(gt.visible(0, 0), "flag 1 = occluded in the original layout");
        assertTrue(gt.visible(0, 1));
        assertEquals(0.0, gt.x(0, 0));
        assertEquals(53.0, gt.x(1, 3), "x of joint 4 in image 2 is 4 + 50 in the file, 0-based 53");
    }

    @Test
    void detectsExtendedLayoutWithVisibilityFlag() throws Exception {
        LspJoints gt = LspReader.readGroundTruth(writeGroundTruth(dir.resolve("e.mat"), true, 0));
        assertEquals(LspLayout.EXTENDED_14x3xN, gt.layout());
        assertFalse(gt.visible(1, 0), "flag 0 = invisible in the extended layout");
        assertTrue(gt.visible(1, 1));
        assertEquals(2 * 5, gt.y(0, 5));
    }

    @Test
    void wrongLayoutNamesFileAndVariable() throws Exception {
        Path bad = MatFixtures.write(dir.resolve("joints_5x14.mat"), "joints", MatFixtures.matrix(new int[] {5, 14, 2}, new double[140]));
        BadInputException e = assertThrows(BadInputException.class, () -> LspReader.readGroundTruth(bad));
        assertTrue(e.getMessage().contains("joints_5x14.mat") && e.getMessage().contains("'joints'")
                && e.getMessage().contains("5x14x2"), e.getMessage());
    }

    @Test
    void predictionLayoutsAgree() throws Exception {
        double[][] xy = groundTruthXy();
        double[] a = new double[56];
        double[] b = new double[56];
        double[] c = new double[56];
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 14; j++) {
                for (int k = 0; k < 2; k++) {
                    double v = xy[i][2 * j + k];
                    a[k + 2 * j + 28 * i] = v;      // 2x14xN
                    b[j + 14 * k + 28 * i] = v;     // 14x2xN
                    c[i + 2 * j + 28 * k] = v;      // Nx14x2
                }
            }
        }
        LspJoints pa = LspReader.readPredictions(MatFixtures.write(dir.resolve("a.mat"), "pred", MatFixtures.matrix(new int[] {2, 14, 2}, a)));
        LspJoints pb = LspReader.readPredictions(MatFixtures.write(dir.resolve("b.mat"), "pred", MatFixtures.matrix(new int[] {14, 2, 2}, b)));
        LspJoints pc = LspReader.readPredictions(MatFixtures.write(dir.resolve("c.mat"), "preds", MatFixtures.matrix(new int[] {2, 14, 2}, c)));
        assertEquals(LspLayout.XY_2x14xN, pa.layout());
        assertEquals(LspLayout.XY_14x2xN, pb.layout());
        // 2x14x2 is ambiguous with Nx14x2 for N = 2: the MATLAB order 2x14xN wins
        assertEquals(LspLayout.XY_2x14xN, pc.layout());
        assertTrue(java.util.Arrays.equals(pa.xy(), pb.xy()));
        assertEquals(1, pa.firstImage());
    }

    @Test
    void nanPredictionNamesJointAndImage() throws Exception {
        double[] a = new double[56];
        a[2 * 3 + 28] = Double.NaN;
        Path f = MatFixtures.write(dir.resolve("nan.mat"), "pred", MatFixtures.matrix(new int[] {2, 14, 2}, a));
        BadInputException e = assertThrows(BadInputException.class, () -> LspReader.readPredictions(f));
        assertTrue(e.getMessage().contains("joint 4 of prediction 2"), e.getMessage());
    }
}
