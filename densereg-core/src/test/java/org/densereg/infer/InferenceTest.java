package org.densereg.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.densereg.io.BadInputException;
import org.densereg.io.ImageIo;
import org.densereg.runtime.ProgressListener;
import org.densereg.testing.TinyBodyModels;
import org.densereg.testing.TinyFaceModels;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Inference}: one call from a request to the outputs, dispatching on the archive's task. */
class InferenceTest {

    @TempDir
    static Path dir;

    static Path faceModel;
    static Path bodyModel;
    static Path images;

    @BeforeAll
    static void setUp() throws IOException {
        faceModel = TinyFaceModels.write(dir.resolve("f.densereg.zip"), true, 5);
        bodyModel = TinyBodyModels.write(dir.resolve("b.densereg.zip"), true, 10, 5);
        images = Files.createDirectories(dir.resolve("in"));
        ImageIo.writePng(FacePredictorTest.noise(40, 48, 1), images.resolve("alice.png"));
    }

    private static InferenceRequest request(Path model, Localisation how, Set<OutputFormat> formats, Path out) {
        return new InferenceRequest(model, List.of(images.toString()), Path.of(""), false, how, null, formats,
                UvLandmarkExtractor.Mode.SUBPIXEL, new InferenceOptions(1, 1), out);
    }

    @Test
    void faceModelWritesFaceFilesAndSummary() throws IOException {
        Path out = dir.resolve("faces");
        Inference.Result r = Inference.run(request(faceModel, Localisation.WHOLE, null, out), ProgressListener.NONE);
        assertEquals(Inference.FACE, r.task());
        assertEquals("faces", r.items());
        assertEquals(1, r.summary().written());
        for (OutputFormat f : OutputFormat.values()) {
            if (f != OutputFormat.PTS) {
                assertTrue(Files.isRegularFile(out.resolve("alice" + f.suffix())), f.cliName());
            }
        }
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals(1, summary.get("faces").asInt());
        assertEquals("whole", summary.get("localisation").asText());
        assertEquals("face", summary.get("task").asText());
        assertTrue(summary.has("without_landmarks"));
    }

    @Test
    void bodyModelWritesPersonFiles() throws IOException {
        Path out = dir.resolve("persons");
        Inference.Result r = Inference.run(request(bodyModel, Localisation.WHOLE, null, out), ProgressListener.NONE);
        assertEquals(Inference.BODY, r.task());
        assertEquals("persons", r.items());
        assertTrue(Files.isRegularFile(out.resolve("alice.joints.json")));
        assertFalse(Files.exists(out.resolve("alice.uv.png")), "no face formats for bodies");
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals(1, summary.get("persons").asInt());
        assertTrue(summary.has("with_missing_joints"));
    }

    @Test
    void faceOnlySettingsAreUsageErrorsForBodies() {
        Path out = dir.resolve("refused");
        InferenceRequestException pts = assertThrows(InferenceRequestException.class,
                () -> Inference.run(request(bodyModel, Localisation.PTS, null, out), ProgressListener.NONE));
        assertEquals("localisation", pts.setting());
        assertEquals("pts", pts.value());
        InferenceRequestException uv = assertThrows(InferenceRequestException.class, () -> Inference.run(
                request(bodyModel, Localisation.WHOLE, EnumSet.of(OutputFormat.UV), out), ProgressListener.NONE));
        assertEquals("formats", uv.setting());
        assertEquals("uv", uv.value());
        assertFalse(Files.exists(out), "nothing written before the checks");
    }

    @Test
    void noImagesIsBadInput() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        InferenceRequest r = new InferenceRequest(faceModel, List.of(empty.toString()), Path.of(""), false,
                Localisation.WHOLE, null, null, UvLandmarkExtractor.Mode.SUBPIXEL, new InferenceOptions(1, 1),
                dir.resolve("none"));
        BadInputException e = assertThrows(BadInputException.class, () -> Inference.run(r, ProgressListener.NONE));
        assertTrue(e.getMessage().startsWith("no input images found in"), e.getMessage());
    }

    @Test
    void requestNeedsInputsOrABoxesFile() {
        assertThrows(IllegalArgumentException.class, () -> new InferenceRequest(faceModel, List.of(), Path.of(""),
                false, Localisation.WHOLE, null, null, UvLandmarkExtractor.Mode.SUBPIXEL, new InferenceOptions(1, 1),
                dir));
        assertThrows(IllegalArgumentException.class, () -> new InferenceRequest(faceModel, List.of(), Path.of(""),
                false, Localisation.BOXES, null, null, UvLandmarkExtractor.Mode.SUBPIXEL, new InferenceOptions(1, 1),
                dir));
    }
}
