package org.densereg.supervision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.densereg.data.Landmarks;
import org.densereg.data.face.AnnotationScan;
import org.densereg.data.face.FaceAnnotation;
import org.densereg.data.face.ImagePtsFolderReader;
import org.densereg.data.face.PtsWriter;
import org.densereg.fit.FitConfig;
import org.densereg.io.BadInputException;
import org.densereg.io.ImageIo;
import org.densereg.model3d.DefaultFaceModel;
import org.densereg.model3d.MorphableModel;
import org.densereg.runtime.ProgressListener;
import org.densereg.trainingdata.synthetic.RenderStyle;
import org.densereg.trainingdata.synthetic.SyntheticFace;
import org.densereg.trainingdata.synthetic.SyntheticFaceConfig;
import org.densereg.trainingdata.synthetic.SyntheticFaceRenderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaceSupervisionGeneratorTest {

    private static final MorphableModel MODEL = DefaultFaceModel.load();
    private static final SyntheticFaceRenderer RENDERER = new SyntheticFaceRenderer(MODEL,
            new SyntheticFaceConfig(200, 30, 10, 10, 1.0, 1.0, 0.45, 0.6, 0.05, 0.0, RenderStyle.BASIC));

    @TempDir
    Path dir;

    private static FaceSupervisionGenerator generator() {
        return new FaceSupervisionGenerator(MODEL, FitConfig.defaults(), new SupervisionOptions(128, 2));
    }

    @Test
    void fittingASyntheticFaceReproducesItsLandmarksAndTemplateUv() {
        SyntheticFace face = RENDERER.render(5);
        FaceSupervisionSample sample = generator().generate(
                new FaceAnnotation("synth", dir.resolve("synth.png"), face.landmarks(), null), face.image());
        Map<String, Object> quality = sample.quality();
        double nme = ((Number) quality.get("reprojectionNme")).doubleValue();
        double uvError = ((Number) quality.get("meanLandmarkUvError")).doubleValue();
        assertTrue(nme < 0.03, "reprojection NME " + nme);
        assertTrue(uvError < 0.03, "landmark UV error " + uvError);
        assertEquals(128, sample.image().getWidth());
        assertTrue(((Number) quality.get("foregroundPixels")).intValue() > 128 * 128 / 5, "face fills the crop");
    }

    @Test
    void landmarksFarOutsideTheImageAreRejectedWithTheirIndex() {
        SyntheticFace face = RENDERER.render(6);
        Landmarks far = face.landmarks().scaleTranslate(1, 1, 5000, 0);
        BadInputException e = assertThrows(BadInputException.class, () -> generator().generate(
                new FaceAnnotation("far", dir.resolve("far.png"), far, null), face.image()));
        assertTrue(e.getMessage().contains("landmark 0") && e.getMessage().contains("outside"), e.getMessage());
    }

    @Test
    void aBatchSkipsBadItemsListsThemAndResumes() throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        SyntheticFace good = RENDERER.render(7);
        ImageIo.writePng(good.image(), data.resolve("good.png"));
        PtsWriter.write(data.resolve("good.pts"), good.landmarks());
        ImageIo.writePng(good.image(), data.resolve("outside.png"));
        PtsWriter.write(data.resolve("outside.pts"), good.landmarks().scaleTranslate(1, 1, 0, 9000));
        ImageIo.writePng(good.image(), data.resolve("short-pts.png"));
        Files.writeString(data.resolve("short-pts.pts"), "version: 1\nn_points: 68\n{\n1 2\n}\n");
        Files.writeString(data.resolve("not-an-image.png"), "this is text");
        PtsWriter.write(data.resolve("not-an-image.pts"), good.landmarks());

        Path out = dir.resolve("out");
        SupervisionSummary first = generator().run(ImagePtsFolderReader.scan(data, false), out, ProgressListener.NONE);
        assertEquals(1, first.count(FaceOutcome.OK), first.toString());
        assertEquals(3, first.count(FaceOutcome.FAILED), first.toString());
        assertTrue(Files.exists(out.resolve("summary.json")));
        String failures = Files.readString(out.resolve("failures.csv"));
        assertTrue(failures.contains("outside") && failures.contains("short-pts") && failures.contains("not-an-image"), failures);
        assertTrue(FaceSupervisionWriter.isComplete(out, "good"));

        SupervisionSummary second = generator().run(ImagePtsFolderReader.scan(data, false), out, ProgressListener.NONE);
        assertEquals(1, second.count(FaceOutcome.EXISTING), "complete outputs are kept");
        assertEquals(0, second.count(FaceOutcome.OK));
    }

    @Test
    void facesRenamedByTheScanAreWrittenUnderTheirNewIdsAndListedInTheSummary() throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        Path faces = Path.of("..", "src-test-data", "faces");
        for (String stem : List.of("x y", "x_y")) {
            Files.copy(faces.resolve("synth_00000.png"), data.resolve(stem + ".png"));
            Files.copy(faces.resolve("synth_00000.pts"), data.resolve(stem + ".pts"));
        }
        AnnotationScan scan = ImagePtsFolderReader.scan(data, false);
        assertEquals(List.of("x_y", "x_y~2"), scan.faces().stream().map(FaceAnnotation::id).toList());

        Path out = dir.resolve("out");
        SupervisionSummary summary = generator().run(scan, out, ProgressListener.NONE);
        assertEquals(2, summary.count(FaceOutcome.OK), summary.toString());
        assertEquals(scan.renamed(), summary.renamed());
        assertTrue(FaceSupervisionWriter.isComplete(out, "x_y") && FaceSupervisionWriter.isComplete(out, "x_y~2"));
        JsonNode renamed = new ObjectMapper().readTree(out.resolve("summary.json").toFile()).get("renamed");
        assertEquals(1, renamed.size(), renamed.toString());
        assertEquals(data.resolve("x_y.png").toString(), renamed.get(0).get("input").asText());
        assertEquals("x_y", renamed.get(0).get("wanted").asText());
        assertEquals("x_y~2", renamed.get(0).get("id").asText());
    }

    @Test
    void aSummaryWithoutRenamedFacesHasAnEmptyRenamedList() throws IOException {
        new SupervisionSummary("m", 64, List.of(), List.of(), 0.0).write(dir);
        JsonNode renamed = new ObjectMapper().readTree(dir.resolve("summary.json").toFile()).get("renamed");
        assertTrue(renamed != null && renamed.isArray() && renamed.isEmpty(), String.valueOf(renamed));
    }
}
