package org.densereg.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.densereg.data.face.FaceCrop;
import org.densereg.detect.FaceDetection;
import org.densereg.detect.FaceDetectorOptions;
import org.densereg.detect.TinyFaceDetector;
import org.densereg.io.ImageIo;
import org.densereg.runtime.ProgressListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FaceDetectionScan}: whole images become one item per detected face ({@code <id>_face<k>}), crop-like images
 * stay whole in auto mode, images without a face and unreadable ones are problems (failures.csv). Uses the project-made
 * detector images of org/densereg/detect (synthetic-row.png: two faces at input 608).
 */
class FaceDetectionScanTest {

    @TempDir
    static Path dir;

    static InferenceInputs.Scan images;

    @BeforeAll
    static void setUp() throws IOException {
        for (String name : new String[] {"synthetic-row.png", "no-face.png"}) {
            try (InputStream in = FaceDetectionScanTest.class.getResourceAsStream("/org/densereg/detect/" + name)) {
                Files.copy(in, dir.resolve(name));
            }
        }
        ImageIo.writePng(FacePredictorTest.noise(64, 64, 3), dir.resolve("square-crop.png"));
        Files.write(dir.resolve("truncated.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10});
        images = InferenceInputs.wholeImages(List.of(dir), false);
    }

    private static FaceDetectionScan.ImageFaces image(FaceDetectionScan.Result r, String id) {
        return r.images().stream().filter(i -> i.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void autoFindsEveryFaceKeepsCropsWholeAndListsImagesWithoutFaces() throws IOException {
        FaceDetectionScan.Result r = FaceDetectionScan.detect(images, TinyFaceDetector.bundled(),
                FaceDetectorOptions.defaults(), true, 2, ProgressListener.NONE);
        List<String> ids = r.scan().items().stream().map(InferenceItem::id).toList();
        assertEquals(List.of("square-crop", "synthetic-row_face0", "synthetic-row_face1"), ids);
        assertEquals("whole", r.scan().items().get(0).localisation());
        InferenceItem face0 = r.scan().items().get(1);
        InferenceItem face1 = r.scan().items().get(2);
        assertEquals("detect", face0.localisation());
        assertEquals(0, face0.detected().index());
        assertEquals(2, face0.detected().count());
        assertTrue(face0.detected().detection().score() >= face1.detected().detection().score(), "by score");
        assertEquals(List.of("no-face"), r.imagesWithoutFaces().stream().map(FaceDetectionScan.ImageFaces::id).toList());
        assertTrue(image(r, "square-crop").crop());
        assertEquals(List.of("no-face", "truncated"),
                r.scan().problems().stream().map(InferenceFailure::id).sorted().toList(), "no face, unreadable");
        assertTrue(r.scan().problems().stream().anyMatch(p -> p.reason().startsWith("no face found")));
        assertEquals(2, ((Number) r.forSummary().get("faces")).intValue());
        assertEquals(List.of(dir.resolve("no-face.png").toString()), r.forSummary().get("images_without_faces"));
    }

    @Test
    void detectModeSearchesSquareImagesTooAndMaxFacesKeepsTheBest() throws IOException {
        FaceDetectionScan.Result r = FaceDetectionScan.detect(images, TinyFaceDetector.bundled(),
                new FaceDetectorOptions(608, 0.5, 0, 1), false, 1, ProgressListener.NONE);
        assertEquals(List.of("synthetic-row_face0"), r.scan().items().stream().map(InferenceItem::id).toList());
        assertEquals(1, r.scan().items().get(0).detected().count());
        assertEquals(List.of("no-face", "square-crop"),
                r.imagesWithoutFaces().stream().map(FaceDetectionScan.ImageFaces::id).sorted().toList());
    }

    @Test
    void cropAroundADetectionIsTheTrainingCropOfItsMeasuredLandmarkBox() {
        FaceDetection d = new FaceDetection(100, 200, 50, 60, 0.9);
        FaceCrop c = new InferenceItem.DetectedFace(d, 0, 1).crop(115);
        // side 1.15 * 60 = 69 source pixels onto 115 crop pixels; centre (124.5, 229.5 - 0.06 * 60)
        assertEquals(115.0 / 69, c.scale(), 1e-12);
        assertEquals((115 - 1) / 2.0, c.scale() * 124.5 + c.offsetX(), 1e-9);
        assertEquals((115 - 1) / 2.0, c.scale() * (229.5 - 3.6) + c.offsetY(), 1e-9);
        assertTrue(FaceDetectionScan.looksLikeCrop(256, 256));
        assertTrue(!FaceDetectionScan.looksLikeCrop(256, 255) && !FaceDetectionScan.looksLikeCrop(513, 513));
    }
}
