package org.densereg.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.densereg.data.JointPredictionJson;
import org.densereg.data.body.BodyJoints;
import org.densereg.data.lsp.LspJoint;
import org.densereg.infer.BodyPrediction;
import org.densereg.infer.BodyPredictor;
import org.densereg.io.BadInputException;
import org.densereg.io.ImageIo;
import org.densereg.model.ModelArchive;
import org.densereg.runtime.ProgressListener;
import org.densereg.testing.TinyBodyModels;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link BodyModelBenchmarkRun#predictLspWholeImages}: the standard protocol on three whole images of different
 * shapes (an untrained tiny body model, images written by the test), checked against {@link BodyPredictor#predict}
 * (what {@code infer} does for an image without boxes).
 */
class BodyModelWholeImageRunTest {

    @TempDir
    static Path dir;

    static Path archive;
    static Path root;

    /** Sizes of images 1001, 1002, 1003 (landscape, portrait, square). */
    private static final int[][] SIZES = {{40, 24}, {24, 40}, {33, 33}};

    @BeforeAll
    static void fixture() throws Exception {
        archive = TinyBodyModels.write(dir.resolve("tiny.densereg.zip"), true, 10, 5);
        root = dir.resolve("lsp");
        Files.createDirectories(root.resolve("images"));
        Random r = new Random(3);
        for (int k = 0; k < SIZES.length; k++) {
            BufferedImage img = new BufferedImage(SIZES[k][0], SIZES[k][1], BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < img.getHeight(); y++) {
                for (int x = 0; x < img.getWidth(); x++) {
                    img.setRGB(x, y, r.nextInt(1 << 24));
                }
            }
            // PNG bytes under the .jpg name: ImageIo detects the format from the content
            ImageIo.writePng(img, root.resolve("images").resolve("im" + (1001 + k) + ".jpg"));
        }
    }

    @Test
    void wholeImagesGiveInfersJointsInImagePixels() throws Exception {
        Path out = dir.resolve("heatmap.json");
        Map<String, Object> prov = BodyModelBenchmarkRun.predictLspWholeImages(archive, root, 1001, 1003,
                JointSource.AUTO, false, out, ProgressListener.NONE);
        assertEquals(BodyModelBenchmarkRun.PROTOCOL_WHOLE_IMAGE, prov.get("protocol"));
        assertEquals("heatmap", prov.get("joint_source"));
        assertEquals("1001-1003", prov.get("images"));
        assertTrue(Files.readString(out).contains("\"coordinate_base\" : 0") || Files.readString(out).contains("\"coordinate_base\": 0"),
                "0-based pixels: " + Files.readString(out).substring(0, 40));
        double[] xy = JointPredictionJson.read(out, LspJoint.COUNT);
        assertEquals(3 * 28, xy.length);
        BodyPredictor predictor = new BodyPredictor(ModelArchive.read(archive));
        for (int k = 0; k < SIZES.length; k++) {
            BufferedImage img = ImageIo.read(root.resolve("images").resolve("im" + (1001 + k) + ".jpg"));
            BodyJoints expected = predictor.predict(img).heatmapJoints();
            int w = SIZES[k][0];
            int h = SIZES[k][1];
            double pad = (Math.max(w, h) - Math.min(w, h)) / 2.0 + 0.5;
            for (LspJoint j : LspJoint.values()) {
                double x = xy[(k * 14 + j.ordinal()) * 2];
                double y = xy[(k * 14 + j.ordinal()) * 2 + 1];
                assertEquals(expected.x(j), x, 5e-4, "image " + (1001 + k) + " " + j);
                assertEquals(expected.y(j), y, 5e-4, "image " + (1001 + k) + " " + j);
                // image pixels of the letterboxed square: inside the image along its long side, at most the padding
                // outside along the short side
                double padX = w < h ? pad : 0.5;
                double padY = h < w ? pad : 0.5;
                assertTrue(x >= -padX - 1e-9 && x <= w - 1 + padX + 1e-9, "x " + x + " of " + w + "x" + h);
                assertTrue(y >= -padY - 1e-9 && y <= h - 1 + padY + 1e-9, "y " + y + " of " + w + "x" + h);
            }
        }
    }

    @Test
    void denseJointsTheMapsDoNotGiveArePlacedAtTheImageCentre() throws Exception {
        Path out = dir.resolve("dense.json");
        Map<String, Object> prov = BodyModelBenchmarkRun.predictLspWholeImages(archive, root, 1001, 1003,
                JointSource.DENSE, false, out, ProgressListener.NONE);
        assertEquals("dense", prov.get("joint_source"));
        double[] xy = JointPredictionJson.read(out, LspJoint.COUNT);
        BodyPredictor predictor = new BodyPredictor(ModelArchive.read(archive));
        int missing = 0;
        for (int k = 0; k < SIZES.length; k++) {
            BodyPrediction p = predictor.predict(ImageIo.read(root.resolve("images").resolve("im" + (1001 + k) + ".jpg")));
            boolean any = false;
            for (LspJoint j : LspJoint.values()) {
                double ex = p.denseJoints().x(j);
                double ey = p.denseJoints().y(j);
                if (!Double.isFinite(ex) || !Double.isFinite(ey)) {
                    any = true;
                    ex = (SIZES[k][0] - 1) / 2.0;
                    ey = (SIZES[k][1] - 1) / 2.0;
                }
                assertEquals(ex, xy[(k * 14 + j.ordinal()) * 2], 5e-4);
                assertEquals(ey, xy[(k * 14 + j.ordinal()) * 2 + 1], 5e-4);
            }
            missing += any ? 1 : 0;
        }
        assertEquals(missing, prov.get("images_with_missing_joints"));
    }

    @Test
    void aMissingImageIsBadInputNamingItBeforeAnyPrediction() {
        Path out = dir.resolve("never.json");
        BadInputException e = assertThrows(BadInputException.class, () -> BodyModelBenchmarkRun.predictLspWholeImages(
                archive, root, 1001, 1005, JointSource.AUTO, false, out, ProgressListener.NONE));
        assertTrue(e.getMessage().contains("im1004.jpg") && e.getMessage().contains("2 of the LSP images 1001-1005"),
                e.getMessage());
        assertTrue(!Files.exists(out));
    }
}
