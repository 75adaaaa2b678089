package org.densereg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.densereg.cli.support.ExitCodes;
import org.densereg.io.ImageIo;
import org.densereg.model3d.DefaultFaceModel;
import org.densereg.trainingdata.synthetic.SyntheticFaceConfig;
import org.densereg.trainingdata.synthetic.SyntheticFaceRenderer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code densereg infer --fit3d}: the dense-to-3D cascade's files, and its usage errors. */
class Fit3dInferCommandTest {

    @TempDir
    static Path dir;

    static Path images;
    static Path project = Paths.get(System.getProperty("densereg.projectRoot", ".."));

    @BeforeAll
    static void images() throws IOException {
        images = Files.createDirectories(dir.resolve("in"));
        SyntheticFaceRenderer renderer = new SyntheticFaceRenderer(DefaultFaceModel.load(),
                SyntheticFaceConfig.defaults().withSize(129));
        ImageIo.writePng(renderer.render(20_260_101L).image(), images.resolve("face.png"));
    }

    @Test
    void theDemoModelWritesAFitFileAMeshAndTheFittedLandmarks() throws IOException {
        Path out = dir.resolve("out");
        CliRun r = CliRun.of("-q", "infer", "--model", project.resolve("models/demo.densereg.zip").toString(),
                "--fit3d-mesh", "--crop", "whole", "--input", images.toString(), "--out", out.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        ObjectMapper json = new ObjectMapper();
        JsonNode fit = json.readTree(out.resolve("face.fit.json").toFile());
        assertEquals("face", fit.get("id").asText());
        assertEquals("default-gpmm-mediapipe468", fit.get("model3d").get("name").asText());
        assertEquals(3, fit.get("camera").get("rotation").size());
        assertTrue(fit.get("camera").get("scale").asDouble() > 0);
        for (String angle : List.of("yaw", "pitch", "roll")) {
            double a = fit.get("pose_degrees").get(angle).asDouble();
            assertTrue(Math.abs(a) <= 180, angle + " " + a);
        }
        assertEquals(DefaultFaceModel.SHAPE_MODES, fit.get("shape_coefficients").size());
        assertEquals(2, fit.get("expression_coefficients").size());
        assertEquals(68, fit.get("landmarks").size());
        assertTrue(fit.get("residual").get("rms_px").asDouble() >= 0);
        assertTrue(fit.get("residual").get("correspondences").asInt() >= 20);
        assertEquals("face.obj", fit.get("mesh").asText());

        List<String> obj = Files.readAllLines(out.resolve("face.obj"));
        assertEquals(468, obj.stream().filter(l -> l.startsWith("v ")).count());
        assertEquals(468, obj.stream().filter(l -> l.startsWith("vt ")).count());
        List<String> faces = obj.stream().filter(l -> l.startsWith("f ")).toList();
        assertEquals(898, faces.size());
        for (String f : faces) {
            String[] corners = f.substring(2).split(" ");
            assertEquals(3, corners.length, f);
            for (String c : corners) {
                int index = Integer.parseInt(c.split("/")[0]);
                assertTrue(index >= 1 && index <= 468, f);
            }
        }

        JsonNode landmarks = json.readTree(out.resolve("face.landmarks.json").toFile());
        assertEquals(68, landmarks.get("landmarks").size(), "the (u, v) landmarks stay");
        assertEquals(68, landmarks.get("fit3d").get("landmarks").size(), "the fitted ones beside them");
        assertEquals("face.fit.json", landmarks.get("fit3d").get("file").asText());
        JsonNode summary = json.readTree(out.resolve("summary.json").toFile());
        assertTrue(summary.get("fit3d").get("mesh").asBoolean(), summary.toString());
        assertEquals("tukey", summary.get("fit3d").get("config").get("loss").asText());
    }

    @Test
    void withoutFit3dThereAreNoFitFiles() throws IOException {
        Path out = dir.resolve("plain");
        CliRun r = CliRun.of("-q", "infer", "--model", project.resolve("models/demo.densereg.zip").toString(),
                "--crop", "whole", "--formats", "json", "--input", images.toString(), "--out", out.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertFalse(Files.exists(out.resolve("face.fit.json")));
        assertFalse(new ObjectMapper().readTree(out.resolve("face.landmarks.json").toFile()).has("fit3d"));
    }

    @Test
    void fit3dWithABodyModelIsAUsageError() {
        Path out = dir.resolve("body");
        CliRun r = CliRun.of("infer", "--model", project.resolve("models/lsp-body.densereg.zip").toString(), "--fit3d",
                "--input", images.toString(), "--out", out.toString());
        assertEquals(ExitCodes.USAGE, r.code(), r.err());
        assertTrue(r.err().contains("--fit3d: fits a 3D face model") && r.err().contains("body model"), r.err());
        assertFalse(Files.exists(out.resolve("face.joints.json")), "nothing written");
    }

    @Test
    void anUnknownTemplateNeedsItsModelAndAModelOfAnotherTemplateIsRefused() throws IOException {
        Path tiny = InferCommandTest.tinyArchive(dir.resolve("tiny.densereg.zip"));
        CliRun unknown = CliRun.of("infer", "--model", tiny.toString(), "--fit3d", "--crop", "whole", "--input",
                images.toString(), "--out", dir.resolve("tiny").toString());
        assertEquals(ExitCodes.USAGE, unknown.code(), unknown.err());
        assertTrue(unknown.err().contains("test/cylindrical") && unknown.err().contains("--fit3d-model"), unknown.err());

        // the tiny archive carries the default model's landmark (u, v): naming that model is accepted
        CliRun named = CliRun.of("-q", "infer", "--model", tiny.toString(), "--fit3d", "--fit3d-model", "default",
                "--crop", "whole", "--formats", "json", "--input", images.toString(), "--out",
                dir.resolve("tiny-named").toString());
        assertEquals(ExitCodes.OK, named.code(), named.err());

        CliRun alone = CliRun.of("infer", "--model", tiny.toString(), "--fit3d-model", "default", "--input",
                images.toString(), "--out", dir.resolve("alone").toString());
        assertEquals(ExitCodes.USAGE, alone.code(), alone.err());
        assertTrue(alone.err().contains("--fit3d-model needs --fit3d"), alone.err());
    }
}
