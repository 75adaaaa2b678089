package org.densereg.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.densereg.data.Landmarks;
import org.densereg.data.face.PtsWriter;
import org.densereg.io.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaceGroundTruthTest {

    @TempDir
    Path dir;

    private static Landmarks square(double x0, double y0, double side) {
        double[] xy = new double[136];
        for (int k = 0; k < 68; k++) {
            xy[2 * k] = x0 + side * (k % 2);
            xy[2 * k + 1] = y0 + side * ((k / 2) % 2);
        }
        return new Landmarks(xy);
    }

    @Test
    void landmarkBoxCoversThePointsInDlibsConvention() {
        // points at x 10..30, y 5..25: dlib's box covers pixels 10..30, so width 21
        assertArrayEquals(new double[] {10, 5, 21, 21}, FaceGroundTruth.landmarkBox(square(10, 5, 20)), 0);
    }

    @Test
    void ptsFolderIdsAreRelativePathsAndFacesCsvQuotesAndLeavesMissingImagesEmpty() throws Exception {
        Path gt = dir.resolve("gt");
        PtsWriter.write(gt.resolve("a,b.pts"), square(0, 0, 9));
        PtsWriter.write(gt.resolve("sub/c.pts"), square(1, 2, 3));
        Files.write(gt.resolve("sub/c.png"), new byte[] {1});
        FaceGroundTruth faces = FaceGroundTruth.ptsFolder(gt);
        assertEquals(FaceGroundTruth.FORMAT_PTS, faces.format());
        assertEquals("gt", faces.name());
        assertEquals(List.of("a,b", "sub/c"), faces.faces().stream().map(FaceGroundTruth.Face::id).toList());
        Path csv = dir.resolve("faces.csv");
        faces.writeFacesCsv(csv);
        List<String> lines = Files.readAllLines(csv);
        assertEquals("\"a,b\",,0.000,0.000,10.000,10.000,landmark bounding box", lines.get(1));
        assertEquals("sub/c," + gt.resolve("sub/c.png").toAbsolutePath().normalize()
                + ",1.000,2.000,4.000,4.000,landmark bounding box", lines.get(2));
    }

    @Test
    void anXmlBoxWithTooFewPartsIsBadInputNamingTheLine() throws Exception {
        Files.write(dir.resolve("a.png"), new byte[] {1});
        Path xml = dir.resolve("few_parts.xml");
        Files.writeString(xml, "<dataset><images>\n<image file='a.png'>\n<box top='1' left='2' width='3' height='4'>\n"
                + "<part name='00' x='1' y='2'/>\n</box>\n</image></images></dataset>\n");
        BadInputException e = assertThrows(BadInputException.class, () -> FaceGroundTruth.dlibXml(xml));
        assertTrue(e.getMessage().contains("few_parts.xml:3: box 0 of a.png: expected 68 parts 00..67, found 1"),
                e.getMessage());
    }
}
