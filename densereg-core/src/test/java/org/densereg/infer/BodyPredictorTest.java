package org.densereg.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.densereg.data.body.BodyJoints;
import org.densereg.data.lsp.LspJoint;
import org.densereg.io.ImageIo;
import org.densereg.model.ModelArchive;
import org.densereg.supervision.body.BodyCrop;
import org.densereg.supervision.body.BodyFlip;
import org.densereg.supervision.body.BodyMaps;
import org.densereg.supervision.body.BodyPart;
import org.densereg.testing.TinyBodyModels;
import org.densereg.testing.TinyFaceModels;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BodyPredictorTest {

    @TempDir
    static Path dir;

    static BodyPredictor full;
    static BodyPredictor strided;

    @BeforeAll
    static void models() throws IOException {
        full = new BodyPredictor(ModelArchive.read(TinyBodyModels.write(dir.resolve("full.zip"), true, 10, 3)));
        strided = new BodyPredictor(ModelArchive.read(TinyBodyModels.write(dir.resolve("strided.zip"), false, 0, 4)));
    }

    @Test
    void boxCropFollowsTheTrainingMarginHandComputed() {
        // box [10, 20, 40, 100] = joints' box [10, 50] x [20, 120]; side 1.3 * 100 = 130, centre (30, 70),
        // scale 65 / 130 = 0.5, offsets 32 - 0.5 * 30 = 17 and 32 - 0.5 * 70 = -3
        BodyCrop c = BodyCrop.aroundBox(new double[] {10, 20, 40, 100}, 65);
        assertEquals(0.5, c.scale(), 1e-12);
        assertEquals(17, c.offsetX(), 1e-12);
        assertEquals(-3, c.offsetY(), 1e-12);
        assertEquals(65, c.size());
        // a tiny box: the side is at least MIN_SIDE = 16 source pixels; centre (2, 2), scale 33 / 16
        BodyCrop small = BodyCrop.aroundBox(new double[] {0, 0, 4, 4}, 33);
        assertEquals(33 / 16.0, small.scale(), 1e-12);
        assertEquals(16 - 33 / 16.0 * 2, small.offsetX(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> BodyCrop.aroundBox(new double[] {0, 0, 0, 4}, 33));
    }

    @Test
    void theBoxOfAPersonsJointsGivesExactlyTheTrainingCrop() {
        double[] xy = new double[28];
        for (int j = 0; j < 14; j++) {
            xy[2 * j] = 40 + 7.25 * j;
            xy[2 * j + 1] = 300 - 13.5 * j + (j % 3);
        }
        boolean[] visible = new boolean[14];
        Arrays.fill(visible, true);
        BodyJoints joints = new BodyJoints(xy, visible);
        double[] b = joints.bounds();
        BodyCrop fromJoints = BodyCrop.aroundJoints(joints, 129);
        BodyCrop fromBox = BodyCrop.aroundBox(new double[] {b[0], b[1], b[2] - b[0], b[3] - b[1]}, 129);
        assertEquals(fromJoints, fromBox);
    }

    @Test
    void wholeImageIsLetterboxedAndResamplingKeepsCornersAligned() {
        // 100 x 50: side 100, centre (49.5, 24.5), scale 0.65, offsets 32 - 0.65 * 49.5 and 32 - 0.65 * 24.5
        BodyCrop c = BodyCrop.wholeImage(100, 50, 65);
        assertEquals(0.65, c.scale(), 1e-12);
        assertEquals(-0.175, c.offsetX(), 1e-12);
        assertEquals(16.075, c.offsetY(), 1e-12);
        // output frame of a stride-8 network: crop pixel 64 ↔ output pixel 8, factor 8 / 64
        BodyCrop out = c.resampled(9);
        assertEquals(0.65 / 8, out.scale(), 1e-12);
        assertEquals(-0.175 / 8, out.offsetX(), 1e-12);
        assertEquals(16.075 / 8, out.offsetY(), 1e-12);
        assertEquals(9, out.size());
    }

    @Test
    void inImageBlendsOnlyWithinThePartHandComputed() {
        // 2 x 2 map: part 1 (u 0), part 1 (u 1) / part 2 (u 0.5), background; image 4 x 4 at half scale
        BodyMaps maps = new BodyMaps(2, 2, new byte[] {1, 1, 2, 0}, new float[] {0, 1, 0.5f, -1},
                new float[] {0.2f, 0.4f, 0.9f, -1});
        BodyJoints none = nan();
        BodyPrediction p = new BodyPrediction(new BodyCrop(0.5, 0, 0, 2), maps, none, null, BodyPrediction.Source.DENSE);
        BodyMaps img = p.inImage(4, 4);
        // (1, 0) → map (0.5, 0): nearest (1, 0), part 1; both part-1 neighbours weigh 0.5
        assertEquals(1, img.parts()[1]);
        assertEquals(0.5f, img.u()[1], 1e-6);
        assertEquals(0.3f, img.v()[1], 1e-6);
        // (0, 1) → map (0, 0.5): nearest (0, 1), part 2; part 1 above does not blend in
        assertEquals(2, img.parts()[4]);
        assertEquals(0.5f, img.u()[4], 1e-6);
        assertEquals(0.9f, img.v()[4], 1e-6);
        // (1, 1) → map (0.5, 0.5): nearest (1, 1) is background
        assertEquals(0, img.parts()[5]);
        assertEquals(-1f, img.u()[5]);
        // (3, 3) → map (1.5, 1.5): outside the map
        assertEquals(0, img.parts()[15]);
        // (2, 0) → map (1, 0): exactly the map pixel
        assertEquals(1, img.parts()[2]);
        assertEquals(1f, img.u()[2], 1e-6);
    }

    @Test
    void iuvAndPartsFilesFollowTheDensePoseConvention() throws IOException {
        BodyMaps maps = new BodyMaps(3, 1, new byte[] {5, 0, 12}, new float[] {0.2f, -1, 1f}, new float[] {0.8f, -1, 0f});
        Path iuvFile = dir.resolve("t.iuv.png");
        ImageIo.writePng(org.densereg.supervision.body.BodySupervisionWriter.iuvImage(maps), iuvFile);
        BufferedImage iuv = ImageIO.read(iuvFile.toFile());
        // B = I, G = round(255 u), R = round(255 v): part 5, u 0.2 → 51, v 0.8 → 204
        assertEquals((204 << 16) | (51 << 8) | 5, iuv.getRGB(0, 0) & 0xffffff);
        assertEquals(0, iuv.getRGB(1, 0) & 0xffffff);
        assertEquals((0 << 16) | (255 << 8) | 12, iuv.getRGB(2, 0) & 0xffffff);
        Path partsFile = dir.resolve("t.parts.png");
        ImageIo.writePng(BodyOutputWriter.partsImage(maps), partsFile);
        BufferedImage parts = ImageIO.read(partsFile.toFile());
        assertTrue(parts.getColorModel() instanceof IndexColorModel);
        assertEquals(5, parts.getRaster().getSample(0, 0, 0));
        assertEquals(0, parts.getRaster().getSample(1, 0, 0));
        assertEquals(12, parts.getRaster().getSample(2, 0, 0));
        assertEquals(BodyPart.RIGHT_UPPER_ARM.rgb(), parts.getRGB(0, 0) & 0xffffff);
    }

    @Test
    void jointsMapBackThroughTheCropForBothHeadResolutions() {
        BufferedImage photo = FacePredictorTest.noise(90, 70, 12);
        for (BodyPredictor p : List.of(full, strided)) {
            // box [20, 10, 30, 40]: centre (35, 30), side 1.3 * 40 = 52; crop pixel c ↔ image 35 + (c - 16) * 52 / 33
            BodyCrop crop = BodyCrop.aroundBox(new double[] {20, 10, 30, 40}, p.inputSize());
            BodyPrediction inPhoto = p.predictInImage(photo, crop);
            // the same network input given as an image of its own (whole 33 x 33 image = identity crop)
            BodyPrediction inCrop = p.predict(crop.toImage(photo));
            assertEquals(p == full ? 33 : 5, inPhoto.maps().width());
            assertArrayEquals(inCrop.maps().parts(), inPhoto.maps().parts());
            for (LspJoint j : LspJoint.values()) {
                double cx = inCrop.heatmapJoints().x(j);
                double cy = inCrop.heatmapJoints().y(j);
                assertTrue(cx >= 0 && cx <= 32 && cy >= 0 && cy <= 32, j + " in the crop: " + cx + ", " + cy);
                assertEquals(35 + (cx - 16) * 52 / 33.0, inPhoto.heatmapJoints().x(j), 1e-9, j.name());
                assertEquals(30 + (cy - 16) * 52 / 33.0, inPhoto.heatmapJoints().y(j), 1e-9, j.name());
                assertEquals(35 + (inCrop.denseJoints().x(j) - 16) * 52 / 33.0, inPhoto.denseJoints().x(j), 1e-9);
            }
            // the maps' frame: the input crop scaled by (output side - 1) / (input side - 1) = 1 or 1/8
            assertEquals(crop.scale() * (p == full ? 1 : 0.125), inPhoto.crop().scale(), 1e-12);
            assertEquals(crop.offsetX() * (p == full ? 1 : 0.125), inPhoto.crop().offsetX(), 1e-12);
        }
    }

    @Test
    void primarySourceFollowsTheTrainedHeads() {
        assertEquals(BodyPrediction.Source.HEATMAP, full.primarySource());
        assertTrue(full.heatmapTrained() && full.denseTrained());
        assertEquals(BodyPrediction.Source.DENSE, strided.primarySource(), "heatmap weight 0: the head is untrained");
        assertTrue(strided.hasHeatmapHead() && !strided.heatmapTrained());
        BodyPrediction p = strided.predict(FacePredictorTest.noise(40, 30, 2));
        assertEquals(p.denseJoints(), p.joints());
    }

    @Test
    void faceArchivesAreRefused() throws IOException {
        ModelArchive.Loaded face = ModelArchive.read(TinyFaceModels.write(dir.resolve("face.zip"), true, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BodyPredictor(face));
        assertTrue(e.getMessage().contains("expected 'body'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BodyOutputWriter(dir, EnumSet.of(OutputFormat.PTS), Map.of()));
    }

    private static BodyJoints nan() {
        double[] xy = new double[28];
        Arrays.fill(xy, Double.NaN);
        return new BodyJoints(xy, new boolean[14]);
    }

    @Test
    void missingJointsCountThePrimarySource() {
        BodyMaps maps = new BodyMaps(1, 1, new byte[1], new float[] {-1}, new float[] {-1});
        double[] xy = new double[28];
        BodyJoints heat = new BodyJoints(xy, new boolean[14]);
        BodyPrediction p = new BodyPrediction(new BodyCrop(1, 0, 0, 1), maps, nan(), heat, BodyPrediction.Source.HEATMAP);
        assertEquals(0, p.missingJoints());
        BodyPrediction d = new BodyPrediction(new BodyCrop(1, 0, 0, 1), maps, nan(), heat, BodyPrediction.Source.DENSE);
        assertEquals(14, d.missingJoints());
        assertNull(new BodyPrediction(new BodyCrop(1, 0, 0, 1), maps, nan(), null, BodyPrediction.Source.DENSE)
                .heatmapJoints());
    }

    @Test
    void averagingWithTheMirroredPassSwapsSidesAndMirrorsColumnsHandComputed() {
        int w = 3;
        int h = 2;
        int plane = w * h;
        float[] own = new float[14 * plane];
        float[] mirrored = new float[14 * plane];
        // the flipped pass's LEFT ankle map at (x=0, y=1) is the right ankle at x = w - 1 - 0 = 2 in the image
        mirrored[LspJoint.LEFT_ANKLE.ordinal() * plane + 1 * w + 0] = 4f;
        own[LspJoint.RIGHT_ANKLE.ordinal() * plane + 1 * w + 2] = 2f;
        // the neck is its own mirror: its map at x = 1 (the centre column) stays in place
        mirrored[LspJoint.NECK.ordinal() * plane + 1] = 6f;
        BodyPredictor.averageWithMirrored(own, mirrored, w, h);
        assertEquals(3f, own[LspJoint.RIGHT_ANKLE.ordinal() * plane + 1 * w + 2]); // (2 + 4) / 2
        assertEquals(0f, own[LspJoint.LEFT_ANKLE.ordinal() * plane + 1 * w + 2]);
        assertEquals(3f, own[LspJoint.NECK.ordinal() * plane + 1]);
        double sum = 0;
        for (float v : own) {
            sum += v;
        }
        assertEquals(6, sum, 0); // nothing else moved in
    }

    @Test
    void flipTestPredictionsOfAMirroredInputAreTheMirroredPredictions() throws IOException {
        BodyPredictor flip = new BodyPredictor(ModelArchive.read(dir.resolve("full.zip")), true);
        assertTrue(flip.flipTest());
        BufferedImage img = new BufferedImage(33, 33, BufferedImage.TYPE_INT_RGB);
        java.util.Random r = new java.util.Random(11);
        for (int y = 0; y < 33; y++) {
            for (int x = 0; x < 33; x++) {
                img.setRGB(x, y, r.nextInt(1 << 24));
            }
        }
        BodyJoints a = flip.predict(img).heatmapJoints();
        BodyJoints b = flip.predict(BodyFlip.flip(img)).heatmapJoints();
        BodyJoints expected = BodyFlip.flip(a, 33);
        for (LspJoint j : LspJoint.values()) {
            assertEquals(expected.x(j), b.x(j), 1e-9, j.name());
            assertEquals(expected.y(j), b.y(j), 1e-9, j.name());
        }
        // without the flip the network alone is not mirror-symmetric: some joint differs
        BodyJoints plainA = full.predict(img).heatmapJoints();
        BodyJoints plainB = BodyFlip.flip(full.predict(BodyFlip.flip(img)).heatmapJoints(), 33);
        boolean differs = false;
        for (LspJoint j : LspJoint.values()) {
            differs |= Math.abs(plainA.x(j) - plainB.x(j)) > 1e-6 || Math.abs(plainA.y(j) - plainB.y(j)) > 1e-6;
        }
        assertTrue(differs, "the untrained network happened to be symmetric: the test would not see a missing flip");
    }
}
