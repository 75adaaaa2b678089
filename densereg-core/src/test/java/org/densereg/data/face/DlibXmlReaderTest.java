package org.densereg.data.face;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.densereg.io.BadInputException;
import org.densereg.testing.WindowsText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DlibXmlReaderTest {

    @TempDir
    Path dir;

    /** A box element: 68 parts with seeded coordinates, dropping part {@code skip} (or none when -1). */
    private static String box(int top, int left, Random r, int skip, double[] xyOut) {
        StringBuilder sb = new StringBuilder("    <box top='" + top + "' left='" + left + "' width='40' height='40'>\n");
        for (int i = 0; i < 68; i++) {
            int x = left + r.nextInt(40);
            int y = top + r.nextInt(40);
            if (xyOut != null) {
                xyOut[2 * i] = x;
                xyOut[2 * i + 1] = y;
            }
            if (i != skip) {
                sb.append(String.format("      <part name='%02d' x='%d' y='%d'/>%n", i, x, y));
            }
        }
        return sb.append("    </box>\n").toString();
    }

    private Path xml(String name, String images) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, "<?xml version='1.0' encoding='ISO-8859-1'?>\n<dataset>\n<images>\n" + images
                + "</images>\n</dataset>\n");
        return p;
    }

    @Test
    void readsBoxesAndZeroBasedPartsAndReportsIncompleteBoxes() throws Exception {
        Files.write(dir.resolve("a.jpg"), new byte[] {1});
        Files.createDirectories(dir.resolve("sub"));
        Files.write(dir.resolve("sub/b.png"), new byte[] {1});
        Random r = new Random(7);
        double[] first = new double[136];
        double[] third = new double[136];
        String images = "  <image file='a.jpg'>\n" + box(10, 20, r, -1, first) + box(50, 60, r, 33, null) + "  </image>\n"
                + "  <image file='sub/b.png'>\n" + box(5, 6, r, -1, third) + "  </image>\n";
        Path p = xml("incomplete_box.xml", images);
        AnnotationScan scan = DlibXmlReader.scan(p);
        assertEquals(2, scan.faces().size());
        FaceAnnotation a = scan.faces().get(0);
        assertEquals("a_0", a.id());
        assertEquals(dir.resolve("a.jpg").toAbsolutePath(), a.image());
        assertArrayEquals(first, a.landmarks().xy());
        assertArrayEquals(new double[] {20, 10, 40, 40}, a.box());
        assertEquals("b_0", scan.faces().get(1).id());
        assertArrayEquals(third, scan.faces().get(1).landmarks().xy());

        assertEquals(1, scan.problems().size());
        AnnotationProblem problem = scan.problems().get(0);
        assertEquals(p, problem.file());
        // the second box starts on line 5 + 1 (box) + 68 (parts) + 1 (</box>) = line 75
        assertEquals(p + ":75: box 1 of a.jpg: expected 68 parts 00..67, found 67", problem.message());
    }

    @Test
    void imagesWithTheSameFileNameInTwoFoldersGetDistinctIds() throws Exception {
        Files.createDirectories(dir.resolve("a"));
        Files.createDirectories(dir.resolve("b"));
        Files.write(dir.resolve("a/x.jpg"), new byte[] {1});
        Files.write(dir.resolve("b/x.jpg"), new byte[] {1});
        Random r = new Random(3);
        String images = "  <image file='a/x.jpg'>\n" + box(10, 20, r, -1, null) + "  </image>\n"
                + "  <image file='b/x.jpg'>\n" + box(5, 6, r, -1, null) + "  </image>\n";
        AnnotationScan scan = DlibXmlReader.scan(xml("same_name.xml", images));
        assertEquals(java.util.List.of("x_0", "x_0~2"), scan.faces().stream().map(FaceAnnotation::id).toList());
        assertEquals(dir.resolve("b/x.jpg").toAbsolutePath(), scan.faces().get(1).image());
        assertEquals(1, scan.renamed().size());
        assertEquals("x_0~2", scan.renamed().get(0).id());
        assertEquals(0, scan.problems().size());
    }

    @Test
    void missingImageAndBadPartsAreProblemsWithLines() throws Exception {
        Files.write(dir.resolve("a.jpg"), new byte[] {1});
        String badPart = "  <image file='a.jpg'>\n    <box top='1' left='2' width='3' height='4'>\n"
                + "      <part name='00' x='abc' y='1'/>\n    </box>\n"
                + "    <box top='1' left='2' width='3' height='4' ignore='1'>\n    </box>\n  </image>\n"
                + "  <image file='missing.jpg'>\n" + box(1, 1, new Random(1), -1, null) + "  </image>\n";
        Path p = xml("bad_part_and_missing_image.xml", badPart);
        AnnotationScan scan = DlibXmlReader.scan(p);
        assertEquals(0, scan.faces().size());
        assertEquals(2, scan.problems().size(), scan.problems().toString());
        assertEquals(p + ":6: part 00 attribute 'x': expected a number, found \"abc\"", scan.problems().get(0).message());
        assertTrue(scan.problems().get(1).message().startsWith(p + ":11: image file not found: "),
                scan.problems().get(1).message());
    }

    @Test
    void malformedXmlThrowsWithLine() throws Exception {
        Path p = dir.resolve("unclosed_tag.xml");
        Files.writeString(p, "<dataset>\n<images>\n<image file='a.jpg'>\n</images>\n");
        BadInputException e = assertThrows(BadInputException.class, () -> DlibXmlReader.scan(p));
        assertEquals(p, e.file());
        assertTrue(e.line() >= 3, e.getMessage());
        assertTrue(e.getMessage().contains("malformed XML"), e.getMessage());
        Path missing = dir.resolve("missing.xml");
        assertEquals(missing + ": file not found",
                assertThrows(BadInputException.class, () -> DlibXmlReader.scan(missing)).getMessage());
    }

    @Test
    void windowsSavedXmlWithBomAndCrlfReadsLikeThePlainOne() throws Exception {
        Files.write(dir.resolve("a.jpg"), new byte[] {1});
        double[] xy = new double[136];
        String text = "<?xml version='1.0' encoding='UTF-8'?>\n<dataset>\n<images>\n  <image file='a.jpg'>\n"
                + box(10, 20, new Random(3), -1, xy) + "  </image>\n</images>\n</dataset>\n";
        AnnotationScan plain = DlibXmlReader.scan(WindowsText.writePlain(dir.resolve("plain.xml"), text));
        AnnotationScan windows = DlibXmlReader.scan(WindowsText.write(dir.resolve("bom_crlf.xml"), text));
        assertEquals(1, windows.faces().size());
        assertEquals(plain.faces().get(0).id(), windows.faces().get(0).id());
        assertArrayEquals(xy, windows.faces().get(0).landmarks().xy());
        assertArrayEquals(plain.faces().get(0).box(), windows.faces().get(0).box());
        // dlib's imglab declares ISO-8859-1; a BOM in front of that still reads
        AnnotationScan imglab = DlibXmlReader.scan(WindowsText.write(dir.resolve("bom_latin1.xml"),
                text.replace("encoding='UTF-8'", "encoding='ISO-8859-1'")));
        assertArrayEquals(xy, imglab.faces().get(0).landmarks().xy());
    }
}
