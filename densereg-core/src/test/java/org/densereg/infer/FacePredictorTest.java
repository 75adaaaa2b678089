package org.densereg.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.densereg.data.Landmarks;
import org.densereg.data.face.FaceCrop;
import org.densereg.model.ModelArchive;
import org.densereg.testing.TinyFaceModels;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FacePredictorTest {

    @TempDir
    static Path dir;

    static FacePredictor full;
    static FacePredictor stride8;

    @BeforeAll
    static void load() throws IOException {
        full = new FacePredictor(ModelArchive.read(TinyFaceModels.write(dir.resolve("full.densereg.zip"), true, 3)),
                UvLandmarkExtractor.Mode.SUBPIXEL);
        stride8 = new FacePredictor(ModelArchive.read(TinyFaceModels.write(dir.resolve("s8.densereg.zip"), false, 3)),
                UvLandmarkExtractor.Mode.ARGMIN);
    }

    static BufferedImage noise(int w, int h, long seed) {
        Random r = new Random(seed);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, r.nextInt(0x1000000));
            }
        }
        return img;
    }

    @Test
    void mapsAreDecodedAtInputSizeWithPartsFromTheChart() {
        for (FacePredictor p : List.of(full, stride8)) {
            FacePrediction pred = p.predict(noise(40, 50, 1));
            assertEquals(33, pred.size());
            assertEquals(33 * 33, pred.u().length);
            for (int i = 0; i < pred.u().length; i++) {
                boolean fg = pred.u()[i] >= 0;
                assertEquals(fg, pred.v()[i] >= 0, "u and v share the mask");
                assertTrue(!fg || (pred.u()[i] <= 1 && pred.v()[i] <= 1));
                assertEquals(fg ? 1 : 0, Math.min(1, pred.parts()[i]), "parts are 0 exactly on background");
            }
            assertArrayEquals(p.chart().labelMap(pred.u(), pred.v(), 33, 33), pred.parts());
        }
    }

    @Test
    void landmarksAreMappedBackToTheImage() {
        FacePrediction pred = full.predict(noise(66, 66, 2));
        assertTrue(pred.foregroundPixels() > 0, "random weights give some foreground");
        Landmarks back = pred.crop().apply(pred.landmarks());
        for (int k = 0; k < 68; k++) {
            if (Double.isFinite(pred.cropLandmarks().x(k))) {
                assertEquals(pred.cropLandmarks().x(k), back.x(k), 1e-9);
                // 66 px image → 33 px crop: image coordinate = 2·crop + 0.5
                assertEquals(2 * pred.cropLandmarks().y(k) + 0.5, pred.landmarks().y(k), 1e-9);
            }
        }
    }

    @Test
    void batchEqualsSinglePredictions() {
        BufferedImage a = noise(50, 50, 3);
        BufferedImage b = noise(80, 60, 4);
        FaceCrop cb = FaceCrop.aroundBox(new double[] {10, 5, 40, 40}, 100);
        List<FacePrediction> batch = full.predictBatch(List.of(a, b), List.of(FacePredictor.wholeImageCrop(50, 50, 33), cb));
        FacePrediction sa = full.predict(a);
        FacePrediction sb = full.predictInImage(b, cb);
        assertArrayEquals(sa.u(), batch.get(0).u(), "bit-identical: one forward pass per face");
        assertArrayEquals(sb.v(), batch.get(1).v());
        assertEquals(33, batch.get(1).crop().size(), "crop resized to the network input");
        assertEquals(cb.scale() * 33 / 100, batch.get(1).crop().scale(), 1e-12);
    }

    @Test
    void imageFrameMapsFollowTheCrop() {
        BufferedImage img = noise(66, 66, 5);
        FacePrediction pred = full.predict(img);
        FacePrediction.ImageMaps maps = pred.inImage(66, 66);
        // image pixel (2x+0.5 rounded) ↔ crop pixel x: image pixel 2x maps to crop x − 0.25 → nearest x
        for (int y = 0; y < 33; y++) {
            for (int x = 0; x < 33; x++) {
                int c = y * 33 + x;
                int i = (2 * y) * 66 + 2 * x;
                assertEquals(pred.u()[c] >= 0, maps.isForeground(i));
                assertEquals(pred.parts()[c], maps.parts()[i]);
                if (maps.isForeground(i)) {
                    assertTrue(maps.u()[i] >= 0 && maps.u()[i] <= 1);
                }
            }
        }
    }
}
