package org.densereg.data.face;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.densereg.data.Landmarks;
import org.densereg.io.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImagePtsFolderReaderTest {

    @TempDir
    Path dir;

    private static Landmarks randomLandmarks(long seed) {
        Random r = new Random(seed);
        double[] xy = new double[136];
        for (int i = 0; i < xy.length; i++) {
            xy[i] = Math.round(r.nextDouble() * 100000) / 1000.0;
        }
        return new Landmarks(xy);
    }

    private void pair(String stem, String imageExt, long seed) throws Exception {
        Path pts = dir.resolve(stem + ".pts");
        Files.createDirectories(pts.getParent());
        PtsWriter.write(pts, randomLandmarks(seed));
        if (imageExt != null) {
            Files.write(dir.resolve(stem + "." + imageExt), new byte[] {1});
        }
    }

    @Test
    void pairsImagesAndReportsBadFiles() throws Exception {
        pair("a", "jpg", 1);
        pair("b", "PNG", 2);
        pair("photo_1", null, 3);
        pair("photo_2", null, 4);
        Files.write(dir.resolve("photo.ppm"), new byte[] {1});
        pair("no_image", null, 5);
        Files.write(dir.resolve("wrong_count.jpg"), new byte[] {1});
        Files.writeString(dir.resolve("wrong_count.pts"), "version: 1\nn_points: 2\n{\n1 1\n2 2\n}\n");
        Files.write(dir.resolve("non_number.jpg"), new byte[] {1});
        String body = PtsWriter.format(randomLandmarks(6)).replaceFirst("\n[0-9.]+ ", "\nabc ");
        Files.writeString(dir.resolve("non_number.pts"), body);
        Files.write(dir.resolve("missing_brace.jpg"), new byte[] {1});
        Files.writeString(dir.resolve("missing_brace.pts"), PtsWriter.format(randomLandmarks(7)).replace("}\n", ""));
        Files.write(dir.resolve("lonely_image.jpg"), new byte[] {1});
        pair("helen/trainset/100032540_1", "jpg", 8);

        AnnotationScan flat = ImagePtsFolderReader.scan(dir, false);
        List<String> ids = flat.faces().stream().map(FaceAnnotation::id).toList();
        assertEquals(List.of("a", "b", "photo_1", "photo_2"), ids);
        FaceAnnotation a = flat.faces().get(0);
        assertEquals(dir.resolve("a.jpg"), a.image());
        assertNull(a.box());
        Landmarks expected = randomLandmarks(1);
        for (int i = 0; i < 136; i++) {
            assertEquals(expected.xy()[i], a.landmarks().xy()[i], 1e-9);
        }
        assertEquals(dir.resolve("b.PNG"), flat.faces().get(1).image());
        assertEquals(dir.resolve("photo.ppm"), flat.faces().get(2).image());

        assertEquals(4, flat.problems().size(), flat.problems().toString());
        String messages = flat.problems().toString();
        assertTrue(messages.contains(dir.resolve("missing_brace.pts") + ":71: missing closing \"}\""), messages);
        assertTrue(messages.contains(dir.resolve("no_image.pts") + ": no image beside it named no_image."), messages);
        assertTrue(messages.contains(dir.resolve("non_number.pts") + ":4: expected a number, found \"abc\""), messages);
        assertTrue(messages.contains(dir.resolve("wrong_count.pts") + ": expected 68 points, header says 2"), messages);

        AnnotationScan deep = ImagePtsFolderReader.scan(dir, true);
        assertEquals(5, deep.faces().size());
        assertTrue(deep.faces().stream().anyMatch(f -> f.id().equals("helen_trainset_100032540_1")
                && f.image().equals(dir.resolve("helen/trainset/100032540_1.jpg"))));
    }

    @Test
    void facesWhoseIdsCoincideGetSuffixesInsteadOfBeingDropped() throws Exception {
        pair("x y", "jpg", 1);
        pair("x_y", "jpg", 2);
        pair("photo ü", "png", 3);
        AnnotationScan scan = ImagePtsFolderReader.scan(dir, false);
        assertEquals(List.of("photo_ü", "x_y", "x_y~2"), scan.faces().stream().map(FaceAnnotation::id).toList());
        assertEquals(dir.resolve("x_y.jpg"), scan.faces().get(2).image(), "sorted by pts path: 'x y' before 'x_y'");
        assertEquals(List.of(new org.densereg.io.OutputIds.Renamed(dir.resolve("x_y.jpg").toString(), "x_y", "x_y~2")),
                scan.renamed());
        assertEquals(List.of(), scan.problems());
    }

    @Test
    void notAFolder() {
        Path missing = dir.resolve("missing");
        assertEquals(missing + ": folder not found",
                assertThrows(BadInputException.class, () -> ImagePtsFolderReader.scan(missing, true)).getMessage());
    }
}
