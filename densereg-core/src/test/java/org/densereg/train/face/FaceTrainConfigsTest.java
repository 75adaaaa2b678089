package org.densereg.train.face;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.densereg.io.BadInputException;
import org.densereg.network.DenseRegNetworkFactory;
import org.densereg.train.InvalidTrainerConfigException;
import org.densereg.train.OptimizerSetup;
import org.densereg.trainingdata.synthetic.RenderStyle;
import org.junit.jupiter.api.Test;

class FaceTrainConfigsTest {

    @Test
    void everyBundledConfigLoadsValidatesAndGivesANetworkConfiguration() throws IOException {
        for (String name : FaceTrainConfigs.BUNDLED) {
            FaceTrainConfig config = FaceTrainConfigs.resolve(name, List.of()).validate();
            var conf = DenseRegNetworkFactory.configuration(config.network(),
                    OptimizerSetup.updater(config.trainer().optimizer(), config.trainer().iterations()),
                    config.trainer().optimizer().weightDecay());
            assertEquals(4, conf.getNetworkOutputs().size(), name);
        }
    }

    @Test
    void theQuickstartNetworkBuildsAndOverridesApply() throws IOException {
        FaceTrainConfig config = FaceTrainConfigs.resolve("quickstart", List.of("trainer.iterations=7", "data.batchSize=2"));
        assertEquals(7, config.trainer().iterations());
        assertEquals(2, config.data().batchSize());
        assertEquals(65, config.network().inputHeight());
        assertTrue(DenseRegNetworkFactory.build(config.network()).numParams() > 0);
    }

    @Test
    void theFace300wRecipeTrainsOnSuperviseOutputWithAHeldOutSplit() throws IOException {
        FaceTrainConfig config = FaceTrainConfigs.resolve("face-300w", List.of()).validate();
        assertEquals("work/faces-300w", config.data().source());
        assertEquals(0.5, config.network().widthMultiplier());
        assertEquals(129, config.network().inputHeight());
        assertEquals(6000, config.trainer().iterations());
        assertEquals(0.003, config.trainer().optimizer().learningRate());
        assertTrue(config.data().validationFraction() > 0, "model-best needs held-out faces");
    }

    @Test
    void theFaceSyntheticRecipeRendersPhotoStyleFacesOnly() throws IOException {
        FaceTrainConfig config = FaceTrainConfigs.resolve("face-synthetic", List.of()).validate();
        assertTrue(config.data().synthetic(), "no third-party data");
        assertEquals(RenderStyle.PHOTO, config.data().style());
        assertEquals(0.5, config.network().widthMultiplier());
        assertEquals(129, config.network().inputHeight());
        assertEquals(RenderStyle.BASIC, FaceTrainConfigs.resolve("quickstart", List.of()).data().style(),
                "the demo model's recipe keeps the basic style");
    }

    @Test
    void anUnknownRenderStyleIsAConfigProblem() throws IOException {
        FaceTrainConfig config = FaceTrainConfigs.resolve(null, List.of("data.renderStyle=glossy"));
        InvalidTrainerConfigException e = assertThrows(InvalidTrainerConfigException.class, config::validate);
        assertEquals(List.of("data.renderStyle: unknown render style 'glossy': expected basic or photo"), e.problems());
    }

    @Test
    void anUnknownConfigNameListsTheBundledOnes() {
        BadInputException e = assertThrows(BadInputException.class, () -> FaceTrainConfigs.resolve("nope", List.of()));
        assertTrue(e.getMessage().contains("quickstart") && e.getMessage().contains("nope"), e.getMessage());
    }

    @Test
    void everyProblemIsReportedAtOnce() throws IOException {
        FaceTrainConfig config = FaceTrainConfigs.resolve(null, List.of("data.batchSize=0", "data.maxYaw=120",
                "trainer.iterations=0", "data.validationFraction=1.5"));
        InvalidTrainerConfigException e = assertThrows(InvalidTrainerConfigException.class, config::validate);
        assertEquals(4, e.problems().size(), e.problems().toString());
        assertTrue(e.getMessage().contains("data.batchSize") && e.getMessage().contains("trainer.iterations"), e.getMessage());
    }
}
