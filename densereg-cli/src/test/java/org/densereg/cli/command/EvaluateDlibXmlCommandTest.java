package org.densereg.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.densereg.cli.CliRun;
import org.densereg.cli.support.ExitCodes;
import org.densereg.data.Landmarks;
import org.densereg.data.face.PtsWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code evaluate --dataset 300w --gt FILE.xml}: a dlib/imglab XML as ground truth, with a project-made image and
 * hand-checkable errors.
 */
class EvaluateDlibXmlCommandTest {

    @TempDir
    Path dir;

    /**
     * 68 points of a face whose outer eye corners (0-based 36 and 45) are 40 px apart: the NME normaliser is 40.
     * The others lie on an ellipse around (cx, cy), in whole pixels.
     */
    private static Landmarks face(double cx, double cy) {
        double[] xy = new double[136];
        for (int k = 0; k < 68; k++) {
            // whole pixels, so that .pts and XML hold them exactly
            xy[2 * k] = Math.rint(cx + 25 * Math.cos(k * 0.37));
            xy[2 * k + 1] = Math.rint(cy + 30 * Math.sin(k * 0.37));
        }
        xy[2 * 36] = cx - 20;
        xy[2 * 36 + 1] = cy - 8;
        xy[2 * 45] = cx + 20;
        xy[2 * 45 + 1] = cy - 8;
        return new Landmarks(xy);
    }

    private static String box(Landmarks l, int left, int top) {
        StringBuilder b = new StringBuilder("    <box top='" + top + "' left='" + left + "' width='60' height='66'>\n");
        for (int k = 0; k < 68; k++) {
            b.append(String.format(Locale.ROOT, "      <part name='%02d' x='%s' y='%s'/>%n", k, l.x(k), l.y(k)));
        }
        return b.append("    </box>\n").toString();
    }

    /** group.png (200 x 120, a gradient) with two faces, and the XML beside it; returns the XML. */
    private Path xmlWithTwoFaces(String imageFile) throws Exception {
        BufferedImage img = new BufferedImage(200, 120, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 120; y++) {
            for (int x = 0; x < 200; x++) {
                img.setRGB(x, y, (x << 16) | (y << 8) | ((x + y) & 0xff));
            }
        }
        ImageIO.write(img, "png", dir.resolve("group.png").toFile());
        String xml = "<?xml version='1.0' encoding='ISO-8859-1'?>\n<dataset>\n<images>\n"
                + "  <image file='" + imageFile + "'>\n"
                + box(face(50, 60), 20, 27) + box(face(150, 60), 120, 27)
                + "  </image>\n</images>\n</dataset>\n";
        Path file = dir.resolve("faces.xml");
        Files.writeString(file, xml);
        return file;
    }

    private static Landmarks shifted(Landmarks l, double dx, double dy) {
        return l.scaleTranslate(1, 1, dx, dy);
    }

    @Test
    void predictionsScoredAgainstTheXmlWithHandComputedNme() throws Exception {
        Path xml = xmlWithTwoFaces("group.png");
        Path preds = dir.resolve("preds");
        // face 0 off by (3, 4) px everywhere: error 5 px / 40 px = 0.125; face 1 off by 2 px: 0.05
        PtsWriter.write(preds.resolve("group_0.pts"), shifted(face(50, 60), 3, 4));
        PtsWriter.write(preds.resolve("group_1.pts"), shifted(face(150, 60), 0, -2));
        Path out = dir.resolve("out");
        CliRun r = CliRun.of("evaluate", "--dataset", "300w", "--gt", xml.toString(), "--predictions", preds.toString(),
                "--out", out.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        // mean (0.125 + 0.05) / 2 = 8.75 %; one face of two above 0.08
        assertTrue(r.out().lines().anyMatch(l -> l.matches("faces\\s+2\\s+8\\.75\\s+\\S+\\s+50\\.00")), r.out());
        assertTrue(r.out().contains("note: dlib's XML landmark sets") && r.out().contains("agreement with dlib"), r.out());
        JsonNode m = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        assertEquals(0.0875, m.path("metrics").path("faces.nme").asDouble(), 1e-9);
        assertEquals(0.5, m.path("metrics").path("faces.failure_rate").asDouble(), 1e-12);
        assertEquals("dlib xml", m.path("provenance").path("ground_truth_format").asText());
        assertTrue(m.path("provenance").path("ground_truth").path("sha256").asText().matches("[0-9a-f]{64}"));
        assertTrue(m.path("provenance").path("ground_truth_note").asText().contains("not accuracy"));
        List<String> perImage = Files.readAllLines(out.resolve("per_image.csv"));
        assertEquals("group_0,0.125000,1", perImage.get(1));
        assertEquals("group_1,0.050000,0", perImage.get(2));
        List<String> faces = Files.readAllLines(out.resolve("faces.csv"));
        assertEquals("face,image,left,top,width,height,box_source", faces.get(0));
        assertEquals("group_0," + dir.resolve("group.png").toAbsolutePath().normalize()
                + ",20.000,27.000,60.000,66.000,xml box", faces.get(1));
        assertTrue(faces.get(2).startsWith("group_1,") && faces.get(2).endsWith(",120.000,27.000,60.000,66.000,xml box"));
    }

    @Test
    void aMissingPredictionIsBadInputNamingTheFace() throws Exception {
        Path xml = xmlWithTwoFaces("group.png");
        Path preds = dir.resolve("preds");
        PtsWriter.write(preds.resolve("group_0.pts"), face(50, 60));
        CliRun r = CliRun.of("evaluate", "--dataset", "300w", "--gt", xml.toString(), "--predictions", preds.toString(),
                "--out", dir.resolve("out").toString());
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.err());
        assertTrue(r.err().contains("1 face(s) without a prediction, e.g. group_1"), r.err());
    }

    @Test
    void aMissingImageIsBadInputNamingTheXmlAndLine() throws Exception {
        Path xml = xmlWithTwoFaces("missing.jpg");
        Path preds = dir.resolve("preds");
        Files.createDirectories(preds);
        CliRun r = CliRun.of("evaluate", "--dataset", "300w", "--gt", xml.toString(), "--predictions", preds.toString(),
                "--out", dir.resolve("out").toString());
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.err());
        assertTrue(r.err().contains("faces.xml:4: image file not found") && r.err().contains("missing.jpg"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace without --stacktrace: " + r.err());
    }

    @Test
    void malformedXmlIsBadInputNamingTheFileAndLine() throws Exception {
        Path xml = dir.resolve("truncated_box.xml");
        Files.writeString(xml, "<dataset>\n<images>\n  <image file='a.png'>\n    <box top='1' left='2' width='3'"
                + " height='4'>\n      <part name='00' x='1' y='2'>\n    </box>\n");
        CliRun r = CliRun.of("evaluate", "--dataset", "300w", "--gt", xml.toString(), "--predictions",
                dir.toString(), "--out", dir.resolve("out").toString());
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.err());
        assertTrue(r.err().contains("truncated_box.xml:6: malformed XML"), r.err());
    }

    @Test
    void aMissingXmlIsBadInputAndXmlWithRootIsUsage() {
        CliRun r = CliRun.of("evaluate", "--dataset", "300w", "--gt", dir.resolve("none.xml").toString(),
                "--predictions", dir.toString(), "--out", dir.resolve("out").toString());
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.err());
        assertTrue(r.err().contains("none.xml: file not found"), r.err());
        r = CliRun.of("evaluate", "--dataset", "300w", "--gt", dir.resolve("none.xml").toString(), "--root",
                dir.toString(), "--model", "demo", "--out", dir.resolve("out").toString());
        assertEquals(ExitCodes.USAGE, r.code(), r.err());
    }

    @Test
    void aModelRunsOnEveryXmlBoxAndIsScored() throws Exception {
        Path xml = xmlWithTwoFaces("group.png");
        Path out = dir.resolve("out");
        Path model = Path.of("..", "models", "demo.densereg.zip");
        CliRun r = CliRun.of("evaluate", "--dataset", "300w", "--gt", xml.toString(), "--model", model.toString(),
                "--out", out.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(Files.isRegularFile(out.resolve("predictions/group_0.pts")));
        assertTrue(Files.isRegularFile(out.resolve("predictions/group_1.pts")));
        JsonNode m = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        assertEquals(2.0, m.path("metrics").path("faces.faces").asDouble());
        assertTrue(m.path("provenance").path("model").path("localisation").asText().contains("the XML's <box>"),
                m.toString());
        assertTrue(r.out().contains("note: dlib's XML landmark sets"), r.out());
    }
}
