package org.densereg.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link TinyFaceDetector#detect} beyond face-api's one pass (tiles for small faces, minimum size, maximum count), the
 * network's building blocks and the weights reader. Face-api parity is {@link TinyFaceDetectorReferenceTest}.
 */
class TinyFaceDetectorTest {

    static BufferedImage row;
    static List<FaceDetection> rowFaces;

    @BeforeAll
    static void setUp() throws IOException {
        try (InputStream in = TinyFaceDetectorTest.class.getResourceAsStream("synthetic-row.png")) {
            row = ImageIO.read(in);
        }
        rowFaces = TinyFaceDetector.bundled().detectOnce(row, 320, 0.5);
        assertTrue(!rowFaces.isEmpty(), "the row image has faces at 320");
    }

    @Test
    void tilesFindFacesTooSmallForOnePassOverALargeImage() {
        // the row image (faces of 90-125 px) in a corner of a 1280 x 960 image: at input 320 one pass sees them at a
        // quarter of their size, below what the network finds
        BufferedImage large = new BufferedImage(1280, 960, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = large.createGraphics();
        g.setColor(new Color(178, 180, 180));
        g.fillRect(0, 0, 1280, 960);
        g.drawImage(row, 700, 600, null);
        g.dispose();
        TinyFaceDetector d = TinyFaceDetector.bundled();
        assertEquals(List.of(), d.detect(large, new FaceDetectorOptions(320, 0.3, 0, 0)), "one pass misses them");
        List<FaceDetection> tiled = d.detect(large, new FaceDetectorOptions(320, 0.3, 100, 0));
        assertTrue(!tiled.isEmpty(), "tiles find them");
        for (FaceDetection f : tiled) {
            FaceDetection best = null;
            for (FaceDetection r : rowFaces) {
                FaceDetection moved = r.shifted(700, 600);
                if (best == null || f.iou(moved) > f.iou(best)) {
                    best = moved;
                }
            }
            assertTrue(f.iou(best) > 0.5, f + " lies on a face of the row image, best " + best);
            assertTrue(Math.max(f.width(), f.height()) >= 100, "no face below --min-face");
        }
    }

    @Test
    void minimumSizeAndMaximumCountFilterTheFaces() {
        TinyFaceDetector d = TinyFaceDetector.bundled();
        List<FaceDetection> all = d.detect(row, new FaceDetectorOptions(320, 0.5, 0, 0));
        assertEquals(rowFaces, all, "small image, no minimum: one pass");
        List<FaceDetection> one = d.detect(row, new FaceDetectorOptions(320, 0.5, 0, 1));
        assertEquals(List.of(all.get(0)), one, "the best one");
        double largest = all.stream().mapToDouble(f -> Math.max(f.width(), f.height())).max().orElseThrow();
        List<FaceDetection> big = d.detect(row, new FaceDetectorOptions(320, 0.5, largest, 0));
        assertTrue(big.size() >= 1 && big.stream().allMatch(f -> Math.max(f.width(), f.height()) >= largest), "" + big);
        assertThrows(IllegalArgumentException.class, () -> new FaceDetectorOptions(300, 0.5, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new FaceDetectorOptions(320, 1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new FaceDetectorOptions(320, 0.5, -1, 0));
    }

    @Test
    void nonMaxSuppressionKeepsTheBestOfOverlappingBoxes() {
        FaceDetection a = new FaceDetection(0, 0, 10, 10, 0.9);
        FaceDetection b = new FaceDetection(1, 1, 10, 10, 0.8); // IoU 81 / 119 = 0.68 with a
        FaceDetection c = new FaceDetection(6, 0, 10, 10, 0.7); // IoU 40 / 160 = 0.25 with a
        assertEquals(81.0 / 119, a.iou(b), 1e-12);
        assertEquals(List.of(a, c), TinyFaceDetector.nonMaxSuppression(List.of(c, b, a), 0.4));
    }

    @Test
    void samePaddedPoolingAndLeakyReluAreTfs() {
        // 3 x 3 map, 1 channel: stride-2 "same" pooling gives 2 x 2, the last row and column pooled alone
        TinyFaceDetectorNetwork.Map m = new TinyFaceDetectorNetwork.Map(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 3, 3, 1);
        TinyFaceDetectorNetwork.Map p = TinyFaceDetectorNetwork.maxPool(m, 2);
        assertEquals(2, p.h());
        assertEquals(List.of(5f, 6f, 8f, 9f), List.of(p.data()[0], p.data()[1], p.data()[2], p.data()[3]));
        TinyFaceDetectorNetwork.Map q = TinyFaceDetectorNetwork.maxPool(m, 1);
        assertEquals(3, q.h());
        assertEquals(9f, q.data()[8]);
        assertEquals(5f, TinyFaceDetectorNetwork.leaky(5f));
        assertEquals(-0.5f, TinyFaceDetectorNetwork.leaky(-5f), 1e-7);
    }

    @Test
    void bundledWeightsHaveFaceApisTensorsAndBadFilesAreNamed() {
        TinyFaceDetectorWeights w = TinyFaceDetectorWeights.bundled();
        assertEquals(19, w.names().size());
        assertEquals(16, w.get("conv0/bias", 16).length);
        assertThrows(IllegalArgumentException.class, () -> w.get("conv0/bias", 17));
        byte[] manifest = ("[{\"weights\": [{\"name\": \"a\", \"shape\": [2], \"dtype\": \"float32\","
                + " \"quantization\": {\"dtype\": \"uint8\", \"scale\": 0.5, \"min\": -1}}], \"paths\": [\"x.bin\"]}]")
                .getBytes(StandardCharsets.UTF_8);
        IOException shortFile = assertThrows(IOException.class,
                () -> TinyFaceDetectorWeights.read(manifest, new byte[] {1}, "x.bin"));
        assertTrue(shortFile.getMessage().contains("x.bin: a: expected 2 more bytes"), shortFile.getMessage());
        IOException longFile = assertThrows(IOException.class,
                () -> TinyFaceDetectorWeights.read(manifest, new byte[] {1, 2, 3}, "x.bin"));
        assertTrue(longFile.getMessage().contains("1 bytes left"), longFile.getMessage());
        try {
            float[] a = TinyFaceDetectorWeights.read(manifest, new byte[] {0, 4}, "x.bin").get("a", 2);
            assertEquals(-1f, a[0]);
            assertEquals(1f, a[1], "q * scale + min");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
