package org.densereg.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.densereg.config.ConfigLoader;
import org.junit.jupiter.api.Test;

class TrainerConfigTest {

    @Test
    void defaultsAreValid() {
        assertTrue(TrainerConfig.defaults().problems().isEmpty());
        TrainerConfig.defaults().validate();
    }

    @Test
    void reportsEveryProblemAtOnceWithKeys() {
        var opt = new OptimizerConfig("rmsprop", -1, 1.5, 0, "cosine", 0.9, 1, 1, 0.9, 0.999, 1e-8);
        var cfg = new TrainerConfig(0, 1, 0, -1, 0, 0, -2, opt);
        var e = assertThrows(InvalidTrainerConfigException.class, cfg::validate);
        List<String> keys = e.problems().stream().map(p -> p.substring(0, p.indexOf(':'))).toList();
        assertEquals(List.of("iterations", "logEvery", "validateEvery", "checkpointEvery", "keepCheckpoints",
                "prefetchBatches", "optimizer.type", "optimizer.learningRate", "optimizer.momentum",
                "optimizer.schedule"), keys);
        assertTrue(e.getMessage().contains("10 problems"), e.getMessage());
        assertTrue(e.getMessage().contains("optimizer.learningRate: expected a finite value > 0, found -1.0"),
                e.getMessage());
    }

    @Test
    void builderValidates() {
        var bad = TrainerConfig.defaults().withIterations(-5);
        assertThrows(InvalidTrainerConfigException.class,
                () -> Trainer.builder(bad, TinyGraphs.denseSource(1), Path.of("unused")).build());
    }

    @Test
    void loadsThroughConfigLoaderWithDottedOverrides() throws Exception {
        var cfg = ConfigLoader.resolve(TrainerConfig.class, TrainerConfig.defaults(), null,
                List.of("iterations=20", "optimizer.type=sgd", "optimizer.learningRate=0.05"));
        assertEquals(20, cfg.iterations());
        assertEquals("sgd", cfg.optimizer().type());
        assertEquals(0.05, cfg.optimizer().learningRate(), 0);
        assertEquals(TrainerConfig.defaults().seed(), cfg.seed());
    }
}
