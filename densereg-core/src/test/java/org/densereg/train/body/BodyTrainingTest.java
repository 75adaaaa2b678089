package org.densereg.train.body;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.densereg.data.body.BodyJoints;
import org.densereg.data.lsp.LspJoint;
import org.densereg.io.BadInputException;
import org.densereg.model.ModelArchive;
import org.densereg.network.InputNormalisation;
import org.densereg.network.NetworkConfig;
import org.densereg.runtime.ProgressListener;
import org.densereg.scoring.BodyModelPredictions;
import org.densereg.supervision.body.BodyCrop;
import org.densereg.supervision.body.BodySupervisionSample;
import org.densereg.train.InvalidTrainerConfigException;
import org.densereg.train.TrainerConfig;
import org.densereg.trainingdata.body.BodySupervisionFolder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

class BodyTrainingTest {

    @TempDir
    Path dir;

    @Test
    void bundledConfigsLoadValidateAndDifferOnlyInTheTask() throws Exception {
        BodyTrainConfig heat = BodyTrainConfigs.resolve("lsp-body-heatmap", List.of("data.source=x")).validate();
        BodyTrainConfig both = BodyTrainConfigs.resolve("lsp-body-heatmap-dense", List.of("data.source=x")).validate();
        BodyTrainConfig dense = BodyTrainConfigs.resolve("lsp-body-dense", List.of("data.source=x")).validate();
        assertEquals(BodyTask.HEATMAP, heat.data().task());
        assertEquals(BodyTask.HEATMAP_DENSE, both.data().task());
        assertEquals(BodyTask.DENSE, dense.data().task());
        assertEquals(heat.network(), dense.network());
        assertEquals(heat.trainer(), both.trainer());
        assertEquals(0.0, heat.effectiveNetwork().clsWeight());
        assertEquals(0.0, heat.effectiveNetwork().regWeight());
        assertEquals(0.0, dense.effectiveNetwork().heatmapWeight());
        assertEquals(both.network(), both.effectiveNetwork());
    }

    @Test
    void defaultsAndBundledConfigsValidateOnImagesHeldOutOfTrainingAndLeaveTheTestSplitAlone() throws Exception {
        List<BodyDataConfig> configs = new java.util.ArrayList<>();
        configs.add(BodyDataConfig.defaults());
        for (String name : BodyTrainConfigs.BUNDLED) {
            configs.add(BodyTrainConfigs.resolve(name, List.of("data.source=x")).validate().data());
        }
        for (BodyDataConfig c : configs) {
            assertEquals(1, c.trainFirst());
            assertEquals(900, c.trainLast());
            assertEquals(901, c.validationFirst());
            assertEquals(1000, c.validationLast());
            assertEquals(100, c.validationImages());
            assertFalse(BodyDataConfig.touchesLspTest(c.trainFirst(), c.trainLast()));
            assertFalse(BodyDataConfig.touchesLspTest(c.validationFirst(), c.validationLast()));
        }
        assertTrue(BodyDataConfig.touchesLspTest(901, 1001));
        assertTrue(BodyDataConfig.touchesLspTest(2000, 2100));
        assertFalse(BodyDataConfig.touchesLspTest(2001, 2100));
        // still configurable
        BodyDataConfig other = BodyTrainConfigs.resolve("lsp-body-dense", List.of("data.source=x", "data.trainLast=800",
                "data.validationFirst=801", "data.validationLast=1000")).validate().data();
        assertEquals(801, other.validationFirst());
    }

    @Test
    void invalidConfigsListEveryProblem() throws Exception {
        BodyTrainConfig c = BodyTrainConfigs.resolve(null, List.of("network.bins=10", "data.validationFirst=500",
                "data.batchSize=0"));
        InvalidTrainerConfigException e = assertThrows(InvalidTrainerConfigException.class, c::validate);
        String m = e.getMessage();
        assertTrue(m.contains("network.bins") && m.contains("data.validationFirst") && m.contains("data.batchSize")
                && m.contains("data.source"), m);
    }

    @Test
    void examplesAndBatchesHaveTheDocumentedShapesAndTargets() throws Exception {
        Path folder = BodyFixtures.folder(dir.resolve("sup"), 65, 1, 1001);
        BodySupervisionFolder f = BodySupervisionFolder.open(folder);
        assertArrayEquals(new int[] {1}, f.numbers(1, 1000));
        BodySupervisionSample sample = f.read(1001);
        BodyExample e = BodyExample.of(sample, 33);
        assertEquals(2.0, e.toSupervision(), 1e-12);
        assertEquals(sample.joints().x(LspJoint.NECK) / 2, e.joints().x(LspJoint.NECK), 1e-9);
        NetworkConfig network = new NetworkConfig(18, 1.0 / 16, 12, 33, 33, 14, 1, 1, 1, true, 1L);
        BodyBatchEncoder encoder = new BodyBatchEncoder(network, InputNormalisation.imagenet(), 1.5);
        MultiDataSet batch = encoder.encode(List.of(e, e.flip()));
        assertArrayEquals(new long[] {2, 3, 33, 33}, batch.getFeatures(0).shape());
        for (int k = 0; k < 3; k++) {
            assertArrayEquals(new long[] {2, 13, 33, 33}, batch.getLabels(k).shape());
        }
        INDArray heat = batch.getLabels(3);
        assertArrayEquals(new long[] {2, 14, 33, 33}, heat.shape());
        int j = LspJoint.RIGHT_WRIST.ordinal();
        int px = (int) Math.round(e.joints().x(LspJoint.RIGHT_WRIST));
        int py = (int) Math.round(e.joints().y(LspJoint.RIGHT_WRIST));
        assertEquals(heat.getDouble(0, j, py, px), heat.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0),
                org.nd4j.linalg.indexing.NDArrayIndex.point(j)).maxNumber().doubleValue(), 1e-6);
        // flipped: the right wrist target sits at the mirrored left wrist
        int lx = 32 - (int) Math.round(e.joints().x(LspJoint.LEFT_WRIST));
        int ly = (int) Math.round(e.joints().y(LspJoint.LEFT_WRIST));
        assertEquals(heat.get(org.nd4j.linalg.indexing.NDArrayIndex.point(1),
                org.nd4j.linalg.indexing.NDArrayIndex.point(j)).maxNumber().doubleValue(), heat.getDouble(1, j, ly, lx),
                1e-6);
        // a missing joint is ignored (-1)
        double[] xy = e.joints().xy();
        xy[0] = Double.NaN;
        BodyExample missing = new BodyExample(e.image(), e.maps(), new BodyJoints(xy, e.joints().visible()), 2);
        assertEquals(-1.0, encoder.encode(List.of(missing)).getLabels(3).getDouble(0, 0, 5, 5));
    }

    @Test
    void validationTruthIsTheOriginalAnnotation() throws Exception {
        Path folder = BodyFixtures.folder(dir.resolve("sup"), 65, 1001);
        BodySupervisionSample s = BodySupervisionFolder.open(folder).read(1001);
        BodyValidationSet set = BodyValidationSet.read(BodySupervisionFolder.open(folder), new int[] {1001}, 10, 33);
        BodyCrop crop = s.crop();
        assertEquals((s.joints().x(LspJoint.HEAD_TOP) - crop.offsetX()) / crop.scale(),
                set.truth().get(0).x(LspJoint.HEAD_TOP), 1e-9);
    }

    @Test
    @Tag("slow")
    void aTwoIterationRunTrainsValidatesAndWritesArchives() throws Exception {
        Path folder = BodyFixtures.folder(dir.resolve("sup"), 65, 1, 2, 901, 902, 1001, 1002);
        BodyTrainConfig d = BodyTrainConfig.defaults();
        NetworkConfig network = new NetworkConfig(18, 1.0 / 16, 12, 33, 33, 14, 1, 1, 10, true, 1L);
        TrainerConfig trainer = new TrainerConfig(2, 3, 1, 2, 2, 1, 0, d.trainer().optimizer());
        BodyDataConfig data = new BodyDataConfig(folder.toString(), BodyTask.HEATMAP_DENSE, 2, 1, 900, 901, 1000, 2,
                1.5, 0.5);
        BodyTrainingJob job = new BodyTrainingJob(new BodyTrainConfig(network, trainer, data));
        BodyTrainingJob.Outcome outcome = job.run(dir.resolve("run"), false, ProgressListener.NONE, "test");
        assertEquals(2, outcome.summary().iterations());
        assertEquals(2, outcome.validationImages());
        double pck = outcome.evaluation().dense().mean();
        assertTrue(pck >= 0 && pck <= 100, "pck " + pck);
        Path archive = dir.resolve("run").resolve(BodyTrainingJob.LAST_ARCHIVE);
        assertTrue(Files.exists(archive));

        // the archive alone gives the predictions; the batch size changes only float round-off (< 0.01 px)
        ModelArchive.Loaded model = ModelArchive.read(archive);
        BodyModelPredictions.Result one = BodyModelPredictions.predict(model, archive, folder, 1001, 1002, 1);
        BodyModelPredictions.Result two = BodyModelPredictions.predict(model, archive, folder, 1001, 1002, 2);
        assertEquals(BodyTask.HEATMAP_DENSE, one.task());
        assertArrayEquals(new int[] {1001, 1002}, one.numbers());
        assertArrayEquals(one.predictions().dense(), two.predictions().dense(), 0.01);
        assertArrayEquals(one.predictions().heatmap(), two.predictions().heatmap(), 0.01);
        assertArrayEquals(one.predictions().heatmap(), one.primary());
        BadInputException missing = assertThrows(BadInputException.class,
                () -> BodyModelPredictions.predict(model, archive, folder, 1001, 1003, 1));
        assertTrue(missing.getMessage().contains("2 of the 3 images"), missing.getMessage());
    }
}
