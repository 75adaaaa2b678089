package org.densereg.infer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.densereg.fit.DenseFitConfig;
import org.densereg.io.BadInputException;
import org.densereg.io.ImageIo;
import org.densereg.model.ModelArchive;
import org.densereg.model3d.DefaultFaceModel;
import org.densereg.model3d.OpenModelWriter;
import org.densereg.runtime.ProgressListener;
import org.densereg.testing.TinyFaceModels;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Inference} with the dense-to-3D cascade: the morphable model is read once per run, by the plan, and the
 * pipeline fits with the plan's fitter.
 */
class InferenceFit3dTest {

    @TempDir
    static Path dir;

    static Path faceModel;
    static Path images;

    @BeforeAll
    static void setUp() throws IOException {
        // template "test/cylindrical" with the built-in model's landmark (u, v): the cascade needs --fit3d-model
        faceModel = TinyFaceModels.write(dir.resolve("f.densereg.zip"), true, 5);
        images = Files.createDirectories(dir.resolve("in"));
        ImageIo.writePng(FacePredictorTest.noise(40, 48, 1), images.resolve("alice.png"));
        ImageIo.writePng(FacePredictorTest.noise(36, 36, 2), images.resolve("bob.png"));
    }

    private static InferenceRequest request(Path out, Fit3dOptions fit3d) {
        return new InferenceRequest(faceModel, List.of(images.toString()), Path.of(""), false, Localisation.WHOLE,
                null, EnumSet.of(OutputFormat.JSON), UvLandmarkExtractor.Mode.SUBPIXEL, new InferenceOptions(1, 1),
                out, null, fit3d);
    }

    @Test
    void aRunReadsTheMorphableModelOnce() throws IOException {
        List<FacePredictionFitter> loaded = new ArrayList<>();
        Inference.FitterLoader counting = (template, uv, options) -> {
            FacePredictionFitter f = FacePredictionFitter.forArchive(template, uv, options);
            loaded.add(f);
            return f;
        };
        Path out = dir.resolve("once");
        Inference.Result r = Inference.run(request(out, new Fit3dOptions(true, "default", DenseFitConfig.defaults())),
                ProgressListener.NONE, counting);
        assertEquals(2, r.summary().total());
        assertEquals(1, loaded.size(), "the morphable model is read by the plan only, not again for the pipeline");
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals(DefaultFaceModel.NAME, summary.get("fit3d").get("model").get("name").asText(), summary.toString());
        assertTrue(summary.get("fit3d").get("mesh").asBoolean(), summary.toString());
        JsonNode alice = new ObjectMapper().readTree(out.resolve("alice.landmarks.json").toFile());
        assertTrue(alice.has("fit3d"), "the cascade ran on each face: " + alice);

        List<FacePredictionFitter> none = new ArrayList<>();
        Inference.run(request(dir.resolve("plain"), null), ProgressListener.NONE, (template, uv, options) -> {
            none.add(null);
            return FacePredictionFitter.forArchive(template, uv, options);
        });
        assertEquals(0, none.size(), "no cascade, no morphable model");
    }

    @Test
    void thePipelineFitsWithThePlansFitterWithoutReadingTheModelAgain() throws IOException {
        // the morphable model as a folder of its own, gone once the plan has read it
        Path folder = dir.resolve("model3d");
        OpenModelWriter.write(DefaultFaceModel.load(), folder);
        Path out = dir.resolve("planned");
        InferenceRequest request = request(out, new Fit3dOptions(false, folder.toString(), DenseFitConfig.defaults()));
        ModelArchive.Loaded archive = ModelArchive.read(faceModel);
        Inference.Plan plan = Inference.plan(request, archive);
        assertNotNull(plan.fitter());
        assertEquals(DefaultFaceModel.NAME, plan.fitter().model().name());
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        InferencePipeline<?, ?> pipeline = Inference.pipeline(archive, request, plan);
        InferenceSummary s = pipeline.run(plan.scan().items(), plan.scan().problems(), ProgressListener.NONE,
                plan.info());
        assertEquals(2, s.written());
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals(DefaultFaceModel.NAME, summary.get("fit3d").get("model").get("name").asText(), summary.toString());
        // the model folder is gone: reading it again would have failed
        assertThrows(BadInputException.class, () -> FacePredictionFitter.forArchive(archive.metadata().template(),
                archive.metadata().landmarkUv(), request.fit3d()));
    }

    @Test
    void aPlanWithoutTheCascadeHasNoFitterAndDoesNotFitARequestForOne() throws IOException {
        ModelArchive.Loaded archive = ModelArchive.read(faceModel);
        InferenceRequest plain = request(dir.resolve("p"), null);
        Inference.Plan plan = Inference.plan(plain, archive);
        assertNull(plan.fitter());
        InferenceRequest withCascade = request(dir.resolve("p"), new Fit3dOptions(false, "default",
                DenseFitConfig.defaults()));
        assertThrows(IllegalArgumentException.class, () -> Inference.pipeline(archive, withCascade, plan));
        Inference.Plan fitted = Inference.plan(withCascade, archive);
        assertNotNull(fitted.fitter());
        assertThrows(IllegalArgumentException.class, () -> Inference.pipeline(archive, plain, fitted));
    }

    @Test
    void theCommandLineFlagsMakeTheOptionsAndNameThem() {
        assertNull(Fit3dOptions.fromFlags(false, false, null));
        Fit3dOptions fit = Fit3dOptions.fromFlags(true, false, null);
        assertEquals(new Fit3dOptions(false, null, DenseFitConfig.defaults()), fit);
        assertEquals("--fit3d", fit.flags());
        Fit3dOptions mesh = Fit3dOptions.fromFlags(true, true, "bfm.mat");
        assertTrue(mesh.mesh());
        assertEquals("--fit3d-mesh --fit3d-model bfm.mat", mesh.flags());
        IllegalArgumentException alone = assertThrows(IllegalArgumentException.class,
                () -> Fit3dOptions.fromFlags(false, false, "default"));
        assertEquals("--fit3d-model needs --fit3d or --fit3d-mesh", alone.getMessage());
    }
}
