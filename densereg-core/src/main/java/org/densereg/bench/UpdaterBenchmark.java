package org.densereg.bench;

import java.util.Locale;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.updater.graph.ComputationGraphUpdater;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.densereg.network.DenseRegNetworkFactory;
import org.densereg.network.NetworkConfig;
import org.densereg.runtime.Nd4jEnvironment;
import org.densereg.train.FusedGraphUpdater;
import org.densereg.train.OptimizerConfig;
import org.densereg.train.OptimizerSetup;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Times the optimiser update alone ({@code densereg bench updater}): DL4J's updater followed by its step
 * ({@code params -= update}) against {@link FusedGraphUpdater}, on the DenseReg network's parameters (ResNet-18 at
 * full width: 11.2 M) configured as {@code train} configures them ({@link OptimizerSetup}: the optimiser, its
 * schedule, weight decay on weights). Both graphs get the same random gradients, so their parameters must stay equal;
 * the largest difference is reported. The two are timed in alternation, iteration by iteration, so that a change in
 * the machine's load affects both alike.
 */
public final class UpdaterBenchmark {

    private static final Logger LOG = LoggerFactory.getLogger(UpdaterBenchmark.class);

    private UpdaterBenchmark() {
    }

    /**
     * What was measured.
     *
     * @param parameters    parameters of the network
     * @param optimizer     {@code adam} or {@code sgd}
     * @param backend       ND4J backend
     * @param threads       ND4J threads
     * @param dl4jMs        mean milliseconds per update with DL4J's updater and step
     * @param fusedMs       mean milliseconds per update with the fused update
     * @param maxDifference largest |difference| of the two graphs' parameters after the timed updates (0 = identical)
     */
    public record Result(long parameters, String optimizer, String backend, int threads, double dl4jMs,
                         double fusedMs, double maxDifference) {

        /** {@code dl4jMs / fusedMs}. */
        public double speedup() {
            return dl4jMs / fusedMs;
        }

        /** The machine-readable line: {@code result parameters=... dl4j_ms=... fused_ms=... speedup=...}. */
        public String toLine() {
            return String.format(Locale.ROOT, "result parameters=%d optimizer=%s threads=%d dl4j_ms=%.3f fused_ms=%.3f "
                    + "speedup=%.2f max_difference=%.3g", parameters, optimizer, threads, dl4jMs, fusedMs, speedup(),
                    maxDifference);
        }
    }

    /**
     * Runs the measurement.
     *
     * @param config     the network (its parameter count is what matters)
     * @param optimizer  {@code adam} or {@code sgd} (Nesterov momentum 0.9), weight decay 1e-4, poly schedule
     * @param warmup     untimed updates (≥ 0)
     * @param iterations timed updates (≥ 1)
     * @throws IllegalArgumentException for bad counts or an unknown optimizer, or when the network cannot take the
     *                                  fused update
     */
    public static Result run(NetworkConfig config, String optimizer, int warmup, int iterations) {
        if (warmup < 0 || iterations < 1) {
            throw new IllegalArgumentException("need warmup >= 0 and iterations >= 1; got " + warmup + ", " + iterations);
        }
        OptimizerConfig opt = OptimizerConfig.defaults().withType(optimizer)
                .withLearningRate("sgd".equals(optimizer) ? 0.01 : 1e-3);
        if (!opt.problems("").isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", opt.problems("optimizer ")));
        }
        ComputationGraph built = DenseRegNetworkFactory.build(config);
        long total = (long) warmup + iterations;
        ComputationGraph dl4j = OptimizerSetup.apply(built, opt, total + 1);
        ComputationGraph fused = OptimizerSetup.apply(built, opt, total + 1);
        if (!FusedGraphUpdater.install(fused)) {
            throw new IllegalArgumentException("the network cannot take the fused update: "
                    + FusedGraphUpdater.unsupported(fused).orElse("?"));
        }
        Nd4j.getRandom().setSeed(config.seed());
        INDArray gradient = Nd4j.randn(DataType.FLOAT, 1, built.numParams()).muli(1e-2);
        long dl4jNanos = 0;
        long fusedNanos = 0;
        for (int i = 0; i < total; i++) {
            long d = update(dl4j, gradient, i);
            long f = update(fused, gradient, i);
            if (i >= warmup) {
                dl4jNanos += d;
                fusedNanos += f;
            }
        }
        double maxDifference = dl4j.params().reshape(-1).sub(fused.params().reshape(-1)).amaxNumber().doubleValue();
        Nd4jEnvironment env = Nd4jEnvironment.current();
        Result r = new Result(built.numParams(), optimizer, env.backend(), env.threads(),
                dl4jNanos / 1e6 / iterations, fusedNanos / 1e6 / iterations, maxDifference);
        LOG.info("benchmark: {}", r.toLine());
        return r;
    }

    /** One update of {@code g} with {@code gradient} as DL4J's optimiser applies it; returns its nanoseconds. */
    private static long update(ComputationGraph g, INDArray gradient, int iteration) {
        ComputationGraphUpdater updater = g.getUpdater(true);
        INDArray view = g.getFlattenedGradients();
        view.assign(gradient); // the backward pass's output: not part of the update
        INDArray params = g.params();
        long start = System.nanoTime();
        updater.update(new DefaultGradient(view), iteration, 0, 8, LayerWorkspaceMgr.noWorkspaces());
        if (!FusedGraphUpdater.appliesStep(g)) {
            params.subi(view.reshape(params.shape()));
        }
        return System.nanoTime() - start;
    }
}
