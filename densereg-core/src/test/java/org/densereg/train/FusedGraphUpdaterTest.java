package org.densereg.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.updater.graph.ComputationGraphUpdater;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.densereg.network.DenseRegNetworkFactory;
import org.densereg.network.NetworkConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.regularization.L2Regularization;

class FusedGraphUpdaterTest {

    @TempDir
    Path tmp;

    /** Adam or Nesterov SGD with a large weight decay (so that it shows) and the poly schedule over 10 iterations. */
    private static OptimizerConfig optimizer(String type) {
        return new OptimizerConfig(type, type.equals("sgd") ? 0.05 : 0.01, 0.9, 0.05, "poly", 0.9, 10_000, 0.1, 0.9,
                0.999, 1e-8);
    }

    /** Asserts |a − b| ≤ 1e-6 · max(|a|, |b|) element by element (plus 1e-12 for values that are both about 0). */
    static void assertClose(INDArray expected, INDArray actual, String what) {
        float[] e = expected.toFloatVector();
        float[] a = actual.toFloatVector();
        assertEquals(e.length, a.length, what + " length");
        for (int i = 0; i < e.length; i++) {
            double tol = 1e-6 * Math.max(Math.abs(e[i]), Math.abs(a[i])) + 1e-12;
            if (!(Math.abs(e[i] - a[i]) <= tol)) {
                throw new AssertionError(what + "[" + i + "]: expected " + e[i] + ", found " + a[i]);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"adam", "sgd"})
    void fittingWithTheFusedUpdateEqualsDl4jsUpdater(String type) {
        OptimizerConfig opt = optimizer(type);
        ComputationGraph dl4j = OptimizerSetup.apply(TinyGraphs.dense(7), opt, 10);
        ComputationGraph fused = OptimizerSetup.apply(TinyGraphs.dense(7), opt, 10);
        assertTrue(FusedGraphUpdater.install(fused));
        assertTrue(FusedGraphUpdater.isInstalled(fused));
        assertFalse(FusedGraphUpdater.isInstalled(dl4j));
        BatchSource source = TinyGraphs.denseSource(7);
        for (int it = 0; it < 6; it++) {
            for (ComputationGraph g : List.of(dl4j, fused)) {
                Nd4j.getRandom().setSeed(BatchSource.seedFor(7, it)); // the same dropout masks
                g.fit(source.batch(it));
            }
        }
        assertEquals(6, fused.getConfiguration().getIterationCount());
        assertClose(dl4j.params(), fused.params(), type + " parameters");
        assertClose(dl4j.getUpdater().getStateViewArray(), fused.getUpdater().getStateViewArray(), type + " state");
        assertFalse(dl4j.params().equalsWithEps(OptimizerSetup.apply(TinyGraphs.dense(7), opt, 10).params(), 1e-6),
                "the parameters moved");
    }

    @Test
    void aConvolutionalGraphMatchesToo() {
        OptimizerConfig opt = optimizer("adam");
        ComputationGraph dl4j = OptimizerSetup.apply(TinyGraphs.conv(8), opt, 10);
        ComputationGraph fused = OptimizerSetup.apply(TinyGraphs.conv(8), opt, 10);
        assertTrue(FusedGraphUpdater.install(fused));
        BatchSource source = TinyGraphs.convSource(8);
        for (int it = 0; it < 5; it++) {
            dl4j.fit(source.batch(it));
            fused.fit(source.batch(it));
        }
        assertClose(dl4j.params(), fused.params(), "parameters");
        assertClose(dl4j.getUpdater().getStateViewArray(), fused.getUpdater().getStateViewArray(), "state");
    }

    /** A 1/8-width ResNet-18 face network at 33², with the oneDNN blocks where they are available. */
    private static ComputationGraph network(OptimizerConfig opt) {
        NetworkConfig config = new NetworkConfig(18, 0.125, 10, 33, 33, 0, 1.0, 1.0, 1.0, true, 11L);
        return OptimizerSetup.apply(DenseRegNetworkFactory.build(config), opt, 10);
    }

    /** One update with a given gradient, as DL4J's optimiser applies it: updater, then params −= update. */
    private static void update(ComputationGraph g, INDArray gradient, int iteration) {
        ComputationGraphUpdater updater = g.getUpdater(true); // creates the gradient view when absent
        g.getFlattenedGradients().assign(gradient);
        updater.update(new DefaultGradient(g.getFlattenedGradients()), iteration, 0, 4,
                LayerWorkspaceMgr.noWorkspaces());
        if (!FusedGraphUpdater.appliesStep(g)) {
            g.params().subi(g.getFlattenedGradients().reshape(g.params().shape()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"adam", "sgd"})
    void theDenseRegNetworkUpdatesAsWithDl4jsUpdater(String type) {
        OptimizerConfig opt = optimizer(type);
        ComputationGraph dl4j = network(opt);
        ComputationGraph fused = network(opt);
        assertTrue(FusedGraphUpdater.install(fused));
        Nd4j.getRandom().setSeed(5);
        for (int it = 0; it < 4; it++) {
            INDArray gradient = Nd4j.randn(DataType.FLOAT, 1, dl4j.numParams()).muli(0.1);
            update(dl4j, gradient, it);
            update(fused, gradient, it);
        }
        assertClose(dl4j.params(), fused.params(), type + " parameters");
        assertClose(dl4j.getUpdater().getStateViewArray(), fused.getUpdater().getStateViewArray(), type + " state");
    }

    @Test
    void weightDecayReachesWeightsOnlyNotBiasesNorBatchNorm() {
        ComputationGraph g = network(optimizer("sgd"));
        List<String> decayed = FusedGraphUpdater.decayedVariables(g);
        assertFalse(decayed.isEmpty());
        int weights = 0;
        for (Layer layer : g.getLayers()) {
            org.deeplearning4j.nn.conf.layers.Layer conf = layer.conf().getLayer();
            for (String param : layer.paramTable().keySet()) {
                String name = conf.getLayerName() + "/" + param;
                boolean weight = conf.initializer().isWeightParam(conf, param)
                        && !(conf instanceof org.deeplearning4j.nn.conf.layers.BatchNormalization);
                assertEquals(weight, decayed.contains(name), name);
                weights += weight ? 1 : 0;
                if (conf.initializer().isBiasParam(conf, param) || param.toLowerCase().contains("bn")
                        || param.equals("gamma") || param.equals("beta") || param.equals("mean")
                        || param.equals("var") || param.equals("log10stdev")) {
                    assertFalse(decayed.contains(name), name + " is not decayed");
                }
            }
        }
        assertEquals(weights, decayed.size());
    }

    @Test
    void l2RegularisationKeepsDl4jsUpdater() {
        ComputationGraph g = OptimizerSetup.apply(TinyGraphs.dense(9), optimizer("adam"), 10);
        for (var v : g.getConfiguration().getVertices().values()) {
            if (v instanceof org.deeplearning4j.nn.conf.graph.LayerVertex lv
                    && lv.getLayerConf().getLayer() instanceof BaseLayer base) {
                base.setRegularization(List.of(new L2Regularization(1e-3)));
            }
        }
        ComputationGraph rebuilt = new ComputationGraph(g.getConfiguration());
        rebuilt.init(g.params().dup(), false);
        Optional<String> why = FusedGraphUpdater.unsupported(rebuilt);
        assertTrue(why.isPresent() && why.get().contains("L2Regularization"), why.toString());
        assertFalse(FusedGraphUpdater.install(rebuilt));
        assertFalse(FusedGraphUpdater.isInstalled(rebuilt));
    }

    @Test
    void uninstallPutsDl4jsUpdaterBackWithTheSameState() {
        ComputationGraph g = OptimizerSetup.apply(TinyGraphs.dense(10), optimizer("adam"), 10);
        g.fit(TinyGraphs.denseSource(10).batch(0));
        INDArray state = g.getUpdater().getStateViewArray();
        assertTrue(FusedGraphUpdater.install(g));
        assertSame(state, g.getUpdater().getStateViewArray(), "the same state array");
        g.fit(TinyGraphs.denseSource(10).batch(1));
        FusedGraphUpdater.uninstall(g);
        ComputationGraphUpdater back = g.getUpdater();
        assertEquals(ComputationGraphUpdater.class, back.getClass());
        assertSame(state, back.getStateViewArray());
        INDArray before = g.params().dup();
        g.fit(TinyGraphs.denseSource(10).batch(2));
        assertFalse(before.equalsWithEps(g.params(), 1e-7), "DL4J's step applies again");
    }

    /** (optimizer, fused for the first session, fused for the resumed one) */
    @ParameterizedTest
    @ValueSource(strings = {"adam,false,true", "adam,true,false", "sgd,false,true", "sgd,true,false"})
    void aCheckpointOfOneUpdaterResumesIdenticallyWithTheOther(String spec) throws IOException {
        String[] s = spec.split(",");
        OptimizerConfig opt = optimizer(s[0]);
        int n = 4;
        TrainerConfig first = new TrainerConfig(2 * n, 12, 2, 0, n, 2, 0, opt.withFused(Boolean.parseBoolean(s[1])));
        TrainerConfig second = new TrainerConfig(2 * n, 12, 2, 0, n, 2, 0, opt.withFused(Boolean.parseBoolean(s[2])));
        TrainerConfig reference = new TrainerConfig(2 * n, 12, 2, 0, n, 2, 0, opt.withFused(false));
        var straight = Trainer.builder(reference, TinyGraphs.denseSource(12), tmp.resolve("straight")).build()
                .train(TinyGraphs.dense(12));

        Path run = tmp.resolve("mixed");
        BatchSource good = TinyGraphs.denseSource(12);
        BatchSource killedAtN = it -> {
            if (it == n) {
                throw new IllegalStateException("killed");
            }
            return good.batch(it);
        };
        var killed = assertThrows(IllegalStateException.class,
                () -> Trainer.builder(first, killedAtN, run).build().train(TinyGraphs.dense(12)));
        assertEquals("killed", killed.getMessage());
        var resumed = Trainer.builder(second, good, run).build().resume();
        assertEquals(2 * n, resumed.model().getConfiguration().getIterationCount());
        assertClose(straight.model().params(), resumed.model().params(), spec + " parameters");
        assertClose(straight.model().getUpdater().getStateViewArray(),
                resumed.model().getUpdater().getStateViewArray(), spec + " state");
        assertInstanceOf(ComputationGraphUpdater.class, resumed.model().getUpdater());
        assertFalse(FusedGraphUpdater.isInstalled(resumed.model()), "the trainer hands back DL4J's updater");
    }

    @Test
    void trainerRunsWithEitherSettingToTheSameResult() throws IOException {
        OptimizerConfig opt = optimizer("adam");
        var a = Trainer.builder(new TrainerConfig(6, 13, 3, 0, 6, 1, 2, opt.withFused(true)),
                TinyGraphs.denseSource(13), tmp.resolve("fused")).build().train(TinyGraphs.dense(13));
        var b = Trainer.builder(new TrainerConfig(6, 13, 3, 0, 6, 1, 2, opt.withFused(false)),
                TinyGraphs.denseSource(13), tmp.resolve("dl4j")).build().train(TinyGraphs.dense(13));
        assertClose(b.model().params(), a.model().params(), "parameters");
    }
}
