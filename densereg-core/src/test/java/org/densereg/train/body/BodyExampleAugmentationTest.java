package org.densereg.train.body;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.densereg.data.body.BodyJoints;
import org.densereg.supervision.body.BodyCrop;
import org.densereg.supervision.body.BodyPartModel;
import org.densereg.supervision.body.BodySupervisionSample;
import org.densereg.supervision.body.BodyTestPoses;
import org.densereg.trainingdata.body.BodySupervisionFolder;
import org.densereg.trainingdata.face.FaceAugmentation;
import org.densereg.trainingdata.face.FaceTransform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BodyExampleAugmentationTest {

    private static final int SIZE = 65;

    /** The standing test pose at SIZE², the image painted with random colours. */
    private static BodySupervisionSample sample() {
        BodyJoints joints = BodyTestPoses.standing(0).scaleTranslate((SIZE - 1) / 128.0, 0, 0);
        BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(3);
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                image.setRGB(x, y, random.nextInt(0xFFFFFF));
            }
        }
        return new BodySupervisionSample("im0001", image, BodyPartModel.render(joints, SIZE, SIZE), joints,
                new BodyCrop(1, 0, 0, SIZE), Map.of());
    }

    @Test
    void identityTransformIsThePlainResample() {
        BodySupervisionSample s = sample();
        BodyExample plain = BodyExample.of(s, 49);
        BodyExample same = BodyExample.of(s, 49, FaceTransform.identity());
        assertArrayEquals(plain.joints().xy(), same.joints().xy());
        assertArrayEquals(plain.maps().parts(), same.maps().parts());
        assertArrayEquals(plain.image().getRGB(0, 0, 49, 49, null, 0, 49), same.image().getRGB(0, 0, 49, 49, null, 0, 49));
    }

    /**
     * A quarter turn at the same size permutes the pixels exactly: every joint's pixel keeps its part, u, v and colour
     * at the joint's transformed position, and the joints are the affine map of the input joints.
     */
    @Test
    void quarterTurnMovesImageMapsAndJointsTogether() {
        BodySupervisionSample s = sample();
        FaceTransform turn = new FaceTransform(1, 90, 0, 0, false, 1, 1, 1);
        BodyExample e = BodyExample.of(s, SIZE, turn);
        double[] m = turn.matrix(SIZE, SIZE, SIZE);
        int checked = 0;
        for (int j = 0; j < BodyJoints.COUNT; j++) {
            double x = s.joints().xy()[2 * j];
            double y = s.joints().xy()[2 * j + 1];
            assertEquals(m[0] * x + m[1] * y + m[2], e.joints().xy()[2 * j], 1e-9);
            assertEquals(m[3] * x + m[4] * y + m[5], e.joints().xy()[2 * j + 1], 1e-9);
            int px = (int) Math.round(x);
            int py = (int) Math.round(y);
            double ox = m[0] * px + m[1] * py + m[2];
            double oy = m[3] * px + m[4] * py + m[5];
            int qx = (int) Math.round(ox);
            int qy = (int) Math.round(oy);
            assertEquals(ox, qx, 1e-9, "a quarter turn maps pixel centres to pixel centres");
            assertEquals(oy, qy, 1e-9);
            int from = py * SIZE + px;
            int to = qy * SIZE + qx;
            assertEquals(s.maps().parts()[from], e.maps().parts()[to], "part of joint " + j);
            assertEquals(s.maps().u()[from], e.maps().u()[to], "u of joint " + j);
            assertEquals(s.maps().v()[from], e.maps().v()[to], "v of joint " + j);
            assertEquals(s.image().getRGB(px, py), e.image().getRGB(qx, qy), "colour of joint " + j);
            if (s.maps().parts()[from] != 0) {
                checked++;
            }
        }
        assertTrue(checked >= 10, "most joints lie on a body part: " + checked);
        assertTrue(e.maps().foregroundPixels() == s.maps().foregroundPixels(), "a quarter turn keeps every pixel");
    }

    @Test
    void zoomOutLeavesBackgroundOutsideTheCrop() {
        BodyExample e = BodyExample.of(sample(), SIZE, new FaceTransform(0.5, 0, 0, 0, false, 1, 1, 1));
        assertEquals(0, e.maps().parts()[0]);
        assertEquals(-1f, e.maps().u()[0]);
        assertEquals(0, e.image().getRGB(0, 0) & 0xFFFFFF, "black outside the crop");
        assertTrue(e.maps().foregroundPixels() < sample().maps().foregroundPixels() / 3);
    }

    @Test
    void flippingTransformIsRefused() {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> BodyExample.of(sample(), SIZE, FaceTransform.identity().withFlip(true)));
        assertTrue(ex.getMessage().contains("flip()"), ex.getMessage());
    }

    @Test
    void augmentedDrawsAreAFunctionOfSeedAndIterationAndPlainDrawsAreUnchanged(@TempDir Path dir) throws Exception {
        BodySupervisionFolder folder = BodySupervisionFolder.open(BodyFixtures.folder(dir, 33, 1, 2, 3, 4));
        List<FolderBodyBatchSource.Sample> samples = FolderBodyBatchSource.lspSamples(folder, new int[] {1, 2, 3, 4});
        FaceAugmentation ranges = new FaceAugmentation(0.25, 30, 0.1, 0, 0.2, 0.2, 0.2);
        FolderBodyBatchSource a = new FolderBodyBatchSource(samples, null, 33, 6, 0.5, ranges, 7);
        FolderBodyBatchSource b = new FolderBodyBatchSource(samples, null, 33, 6, 0.5, ranges, 7);
        assertEquals(a.draw(5), b.draw(5));
        assertNotEquals(a.draw(5), a.draw(6));
        for (FolderBodyBatchSource.Draw d : a.draw(5)) {
            FaceTransform t = d.transform();
            assertTrue(!t.flip() && Math.abs(t.rotationDegrees()) <= 30 && t.scale() >= 0.8 - 1e-12
                    && t.scale() <= 1.25 + 1e-12, t.toString());
        }
        FolderBodyBatchSource plain = new FolderBodyBatchSource(samples, null, 33, 6, 0.5, 7);
        FolderBodyBatchSource none = new FolderBodyBatchSource(samples, null, 33, 6, 0.5, null, 7);
        assertEquals(plain.draw(5), none.draw(5));
        assertTrue(plain.draw(5).stream().allMatch(d -> d.transform().equals(FaceTransform.identity())));
    }

    @Test
    void outOfRangeAugmentationIsAConfigProblem() {
        BodyDataConfig d = new BodyDataConfig("x", BodyTask.HEATMAP, 8, 1, 900, 901, 1000, 100, 4, 0.5, List.of(),
                BodyDataset.LSP, -1, 200, 2, 0.5);
        List<String> problems = d.problems("data.");
        assertTrue(problems.contains("data.maxScale: must be >= 0, got -1.0"), problems.toString());
        assertTrue(problems.contains("data.maxRotationDegrees: must be in [0, 180], got 200.0"), problems.toString());
        assertTrue(problems.contains("data.maxShift: must be in [0, 1], got 2.0"), problems.toString());
        assertTrue(d.augments());
        assertTrue(!BodyDataConfig.defaults().augments());
    }
}
