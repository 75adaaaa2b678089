package org.densereg.train.face;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.densereg.data.face.AnnotationScan;
import org.densereg.data.face.FaceAnnotation;
import org.densereg.fit.FitConfig;
import org.densereg.io.ImageIo;
import org.densereg.model.ModelArchive;
import org.densereg.model3d.DefaultFaceModel;
import org.densereg.runtime.ProgressListener;
import org.densereg.supervision.FaceSupervisionGenerator;
import org.densereg.supervision.SupervisionOptions;
import org.densereg.trainingdata.synthetic.SyntheticFace;
import org.densereg.trainingdata.synthetic.SyntheticFaceConfig;
import org.densereg.trainingdata.synthetic.SyntheticFaceRenderer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End-to-end training runs (a few seconds each: tagged slow). */
@Tag("slow")
class FaceTrainingJobTest {

    /** A tiny network (ResNet-18 at 1/16 width, 33² input) for a few iterations. */
    static final List<String> TINY = List.of("network.widthMultiplier=0.0625", "network.inputHeight=33",
            "network.inputWidth=33", "trainer.iterations=2", "trainer.validateEvery=0", "trainer.checkpointEvery=2",
            "trainer.logEvery=1", "trainer.prefetchBatches=0", "data.batchSize=2", "data.validationImages=2");

    @TempDir
    Path dir;

    @Test
    void aSyntheticRunWritesLoadableArchivesWithTheTemplateAndHeldOutFigures() throws IOException {
        FaceTrainConfig config = FaceTrainConfigs.resolve(null, TINY);
        FaceTrainingJob.Outcome outcome = new FaceTrainingJob(config).run(dir.resolve("run"), false,
                ProgressListener.NONE, "test");
        assertEquals(2, outcome.summary().iterations());
        assertTrue(Double.isFinite(outcome.heldOut().get(FaceValidator.LANDMARK_NME)), outcome.heldOut().toString());
        ModelArchive.Loaded loaded = ModelArchive.read(dir.resolve("run").resolve(FaceTrainingJob.LAST_ARCHIVE));
        assertEquals("default-gpmm-mediapipe468/cylindrical", loaded.metadata().template());
        assertEquals(33, loaded.metadata().inputSize());
        assertEquals(loaded.graph().params(), outcome.summary().model().params());
        assertTrue(loaded.resolvedConfig().contains("widthMultiplier: 0.0625"), loaded.resolvedConfig());
        assertTrue(Files.exists(dir.resolve("run").resolve(FaceTrainingJob.BEST_ARCHIVE)));
    }

    @Test
    void aSupervisionFolderTrainsWithAugmentation() throws IOException {
        SyntheticFaceRenderer renderer = new SyntheticFaceRenderer(DefaultFaceModel.load(),
                SyntheticFaceConfig.defaults().withSize(120));
        Path images = Files.createDirectories(dir.resolve("images"));
        List<FaceAnnotation> faces = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            SyntheticFace face = renderer.render(i);
            Path image = images.resolve("f" + i + ".png");
            ImageIo.writePng(face.image(), image);
            faces.add(new FaceAnnotation("f" + i, image, face.landmarks(), null));
        }
        Path supervision = dir.resolve("supervision");
        new FaceSupervisionGenerator(DefaultFaceModel.load(), FitConfig.defaults(), new SupervisionOptions(64, 1))
                .run(new AnnotationScan(faces, List.of()), supervision, ProgressListener.NONE);
        List<String> overrides = new java.util.ArrayList<>(TINY);
        overrides.add("data.source=" + supervision);
        overrides.add("data.validationFraction=0.34");
        FaceTrainingJob.Outcome outcome = new FaceTrainingJob(FaceTrainConfigs.resolve(null, overrides))
                .run(dir.resolve("run"), false, ProgressListener.NONE, "test");
        assertEquals(2, outcome.summary().iterations());
        assertTrue(Double.isFinite(outcome.heldOut().get("foregroundIoU")));
    }
}
