package org.densereg.train;

import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.IntStream;
import org.deeplearning4j.nn.api.Trainable;
import org.deeplearning4j.nn.api.TrainingConfig;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.deeplearning4j.nn.updater.graph.ComputationGraphUpdater;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.optimize.Solver;
import org.deeplearning4j.optimize.api.ConvexOptimizer;
import org.deeplearning4j.optimize.api.StepFunction;
import org.deeplearning4j.optimize.solvers.BaseOptimizer;
import org.densereg.arrays.DirectFloats;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The optimiser update of a ComputationGraph in one pass over its flattened parameters, gradients and updater state,
 * instead of DL4J's separate passes (division by the batch size, the updater op, one weight-decay op per parameter,
 * then {@code params -= update}). It computes what DL4J 1.0.0-M2.1's updater computes, element by element, in float:
 *
 * <ol>
 *   <li>{@code g = gradient / batchSize} for the parameters DL4J divides ({@code Trainable.updaterDivideByMinibatch});
 *       batch-norm running statistics are not divided;</li>
 *   <li>the update {@code u} of the parameter's updater, at the learning rate of {@code (iteration, epoch)}:
 *     <ul>
 *       <li>Adam: {@code m = β1·m + (1 − β1)·g}, {@code v = β2·v + (1 − β2)·g²},
 *           {@code u = α_t·m / (√v + ε)} with the bias correction {@code α_t = lr·√(1 − β2^(t+1)) / (1 − β1^(t+1))}
 *           (t = iteration; ε when α_t is 0 or not finite), as DL4J's {@code adam_updater} op;</li>
 *       <li>SGD with Nesterov momentum μ: {@code v' = μ·v − lr·g}, {@code u = μ·v + (−1 − μ)·v'}, as DL4J's
 *           {@code nesterovs_updater} op;</li>
 *       <li>plain SGD: {@code u = lr·g}; no-op (batch-norm running statistics): {@code u = g};</li>
 *     </ul></li>
 *   <li>DL4J's {@link WeightDecay} after the updater, for the parameters that carry it (weights, not biases nor
 *       batch-norm parameters, as {@link OptimizerSetup} configures): {@code u += c·lr·p} ({@code c·p} without
 *       {@code applyLR});</li>
 *   <li>{@code p -= u}.</li>
 * </ol>
 *
 * <p>The updater state keeps DL4J's layout (it is the same array: per updater block, Adam's {@code m} then {@code v},
 * Nesterov's {@code v}), so checkpoints written with either updater load into the other and resume exactly. The pass
 * runs on the common fork-join pool in contiguous chunks; each element is computed independently, so the result does
 * not depend on the chunking.
 *
 * <p>Use {@link #install} / {@link #uninstall}; a graph with anything else (another updater type, L1/L2
 * regularisation, gradient normalisation, layerwise pre-training parameters) is refused by {@link #unsupported} and
 * keeps DL4J's updater.
 */
public final class FusedGraphUpdater extends ComputationGraphUpdater {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(FusedGraphUpdater.class);
    /** Elements per parallel task: large enough that the fork-join overhead does not show. */
    private static final int CHUNK = 1 << 16;

    /** The update rule of one updater block. */
    private enum Kind { ADAM, NESTEROVS, SGD, NOOP }

    /**
     * A run of consecutive parameters of one variable (layer parameter) with one rule.
     *
     * @param start       first element in the flattened parameters
     * @param end         end (exclusive)
     * @param blockStart  first parameter element of the variable's updater block
     * @param stateStart  first element of the block's updater state
     * @param blockLength parameters in the block
     * @param kind        the update rule
     * @param config      the block's updater configuration (learning rate, schedule, betas, momentum)
     * @param divide      whether DL4J divides this variable's gradient by the batch size
     * @param decays      weight decays applied after the updater
     * @param name        {@code layer/param}, for logs and tests
     */
    private record Segment(int start, int end, int blockStart, int stateStart, int blockLength, Kind kind,
                           IUpdater config, boolean divide, List<WeightDecay> decays, String name) {
    }

    /** Replaces DL4J's {@code params -= update} while this updater applies the step itself. */
    private static final class NoStep implements StepFunction {
        private static final long serialVersionUID = 1L;

        @Override
        public void step(INDArray x, INDArray line, double step) {
        }

        @Override
        public void step(INDArray x, INDArray line) {
        }

        @Override
        public void step() {
        }
    }

    private static final StepFunction NO_STEP = new NoStep();

    private final transient List<Segment> segments;
    /** The optimiser whose step this updater applies (its step function is {@link #NO_STEP}), or null. */
    private transient BaseOptimizer stepOwner;
    private transient StepFunction replacedStep;

    private FusedGraphUpdater(ComputationGraph graph, INDArray state) {
        super(graph, state);
        Plan plan = plan(this);
        if (plan.segments == null) {
            throw new IllegalArgumentException(plan.problem);
        }
        this.segments = plan.segments;
    }

    /** The segments of an updater, or why there are none. */
    private record Plan(List<Segment> segments, String problem) {
    }

    /**
     * Why the fused update cannot run this graph's update exactly as DL4J's updater does, or empty when it can.
     *
     * @param graph an initialised graph
     */
    public static Optional<String> unsupported(ComputationGraph graph) {
        return Optional.ofNullable(plan(graph.getUpdater(true)).problem);
    }

    /**
     * Replaces the graph's updater with the fused one, keeping its state array (the same object, so its values and
     * layout), and lets it apply the step too where DL4J's optimiser allows. Does nothing when already installed.
     *
     * @return true when installed; false (with the reason logged) when the graph keeps DL4J's updater
     */
    public static boolean install(ComputationGraph graph) {
        ComputationGraphUpdater current = graph.getUpdater(true);
        if (current instanceof FusedGraphUpdater) {
            return true;
        }
        String problem = plan(current).problem;
        if (problem != null) {
            LOG.info("optimizer update: DL4J's updater ({})", problem);
            return false;
        }
        FusedGraphUpdater fused = new FusedGraphUpdater(graph, current.getStateViewArray());
        graph.setUpdater(fused);
        BaseOptimizer owner = optimizerOf(graph);
        if (owner != null && owner.getComputationGraphUpdater(false) == fused) {
            fused.replacedStep = owner.getStepFunction();
            if (setStepFunction(owner, NO_STEP)) {
                fused.stepOwner = owner;
            }
        }
        LOG.info("optimizer update: fused, one pass over {} parameters ({}{})", graph.numParams(),
                fused.kinds(), fused.stepOwner != null ? ", step included" : "");
        return true;
    }

    /** Puts DL4J's updater back (with the same state array) and its step. Does nothing when not installed. */
    public static void uninstall(ComputationGraph graph) {
        ComputationGraphUpdater current = graph.getUpdater(false);
        if (current instanceof FusedGraphUpdater fused) {
            if (fused.stepOwner != null) {
                setStepFunction(fused.stepOwner, fused.replacedStep);
                fused.stepOwner = null;
            }
            graph.setUpdater(new ComputationGraphUpdater(graph, fused.getStateViewArray()));
        }
    }

    /**
     * True when the graph's updater is the fused one and applies {@code params -= update} itself (DL4J's optimiser
     * then skips its step); false when whoever calls the updater directly must apply the step.
     */
    public static boolean appliesStep(ComputationGraph graph) {
        return graph.getUpdater(false) instanceof FusedGraphUpdater f && f.stepOwner != null
                && f.stepOwner.getStepFunction() == NO_STEP;
    }

    /** True when the graph's updater is the fused one. */
    public static boolean isInstalled(ComputationGraph graph) {
        return graph.getUpdater(false) instanceof FusedGraphUpdater;
    }

    /**
     * The variables ({@code layer/param}) whose update includes weight decay, in parameter order.
     *
     * @throws IllegalArgumentException when the graph is {@link #unsupported}
     */
    public static List<String> decayedVariables(ComputationGraph graph) {
        Plan p = plan(graph.getUpdater(true));
        if (p.segments == null) {
            throw new IllegalArgumentException(p.problem);
        }
        return p.segments.stream().filter(s -> !s.decays.isEmpty()).map(Segment::name).toList();
    }

    private String kinds() {
        return segments.stream().map(s -> s.kind.name().toLowerCase(Locale.ROOT)).distinct()
                .reduce((a, b) -> a + ", " + b).orElse("no parameters");
    }

    private static Plan plan(ComputationGraphUpdater updater) {
        List<Segment> out = new ArrayList<>();
        for (UpdaterBlock block : updater.getUpdaterBlocks()) {
            if (block.isPretrainUpdaterBlock()) {
                return new Plan(null, "layerwise pre-training parameters");
            }
            int blockStart = block.getParamOffsetStart();
            int blockLength = block.getParamOffsetEnd() - blockStart;
            for (UpdaterBlock.ParamState p : block.getLayersAndVariablesInBlock()) {
                Trainable layer = p.getLayer();
                TrainingConfig conf = layer.getConfig();
                String name = conf.getLayerName() + "/" + p.getParamName();
                GradientNormalization gn = conf.getGradientNormalization();
                if (gn != null && gn != GradientNormalization.None) {
                    return new Plan(null, name + ": gradient normalisation " + gn);
                }
                IUpdater config = conf.getUpdaterByParam(p.getParamName());
                Kind kind = config == null ? null : switch (config.getClass().getSimpleName()) {
                    case "Adam" -> config.getClass() == Adam.class ? Kind.ADAM : null;
                    case "Nesterovs" -> config.getClass() == Nesterovs.class ? Kind.NESTEROVS : null;
                    case "Sgd" -> config.getClass() == Sgd.class ? Kind.SGD : null;
                    case "NoOp" -> config.getClass() == NoOp.class ? Kind.NOOP : null;
                    default -> null;
                };
                if (kind == null) {
                    return new Plan(null, name + ": updater " + (config == null ? "none"
                            : config.getClass().getSimpleName()) + " (fused: Adam, Nesterovs, Sgd, NoOp)");
                }
                List<WeightDecay> decays = new ArrayList<>();
                List<Regularization> regs = conf.getRegularizationByParam(p.getParamName());
                for (Regularization r : regs == null ? List.<Regularization>of() : regs) {
                    if (!(r instanceof WeightDecay wd) || !appliesAsWeightDecay(r)) {
                        return new Plan(null, name + ": regularisation " + r.getClass().getSimpleName()
                                + " (fused: WeightDecay only)");
                    }
                    decays.add(wd);
                }
                if (p.getParamOffsetEnd() > p.getParamOffsetStart()) {
                    out.add(new Segment(p.getParamOffsetStart(), p.getParamOffsetEnd(), blockStart,
                            block.getUpdaterViewOffsetStart(), blockLength, kind, config,
                            layer.updaterDivideByMinibatch(p.getParamName()), List.copyOf(decays), name));
                }
            }
        }
        return new Plan(List.copyOf(out), null);
    }

    /**
     * True when {@code r} is applied exactly as DL4J's {@link WeightDecay} (after the updater, with its own {@code apply}
     * method: subclasses that only score differently, such as the fused blocks' decay, qualify).
     */
    private static boolean appliesAsWeightDecay(Regularization r) {
        if (r.applyStep() != Regularization.ApplyStep.POST_UPDATER) {
            return false;
        }
        try {
            return r.getClass().getMethod("apply", INDArray.class, INDArray.class, double.class, int.class,
                    int.class).getDeclaringClass() == WeightDecay.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    @Override
    public synchronized void update(Gradient gradient, int iteration, int epoch, int batchSize,
                                    LayerWorkspaceMgr workspaceMgr) {
        boolean applyStep = stepOwner != null && stepOwner.getStepFunction() == NO_STEP
                && stepOwner.getComputationGraphUpdater(false) == this;
        INDArray grads = getFlattenedGradientsView();
        INDArray params = getParams();
        INDArray state = getStateViewArray();
        if (gradient.gradient() != grads || !DirectFloats.isPlain(grads) || !DirectFloats.isPlain(params)
                || (state != null && !DirectFloats.isPlain(state))) {
            // an external gradient (another network's) or an unusual layout: DL4J's own update
            super.update(gradient, iteration, epoch, batchSize, workspaceMgr);
            if (applyStep) {
                params.subi(gradient.gradient().reshape(params.shape())); // DL4J's step reshapes likewise
            }
            return;
        }
        Coefficients[] coefficients = new Coefficients[segments.size()];
        for (int s = 0; s < coefficients.length; s++) {
            coefficients[s] = Coefficients.of(segments.get(s), iteration, epoch,
                    isMiniBatch() ? batchSize : 1);
        }
        FloatBuffer g = DirectFloats.view(grads);
        FloatBuffer p = DirectFloats.view(params);
        FloatBuffer st = state == null ? null : DirectFloats.view(state);
        long n = params.length();
        int tasks = (int) Math.max(1, (n + CHUNK - 1) / CHUNK);
        IntStream.range(0, tasks).parallel().forEach(t -> {
            long from = (long) t * CHUNK;
            long to = Math.min(n, from + CHUNK);
            for (int s = 0; s < coefficients.length; s++) {
                Segment seg = segments.get(s);
                int a = (int) Math.max(seg.start, from);
                int b = (int) Math.min(seg.end, to);
                if (a < b) {
                    apply(seg, coefficients[s], a, b, g, p, st, applyStep);
                }
            }
        });
    }

    /** The per-call scalars of a segment, in float as DL4J's native ops use them. */
    private record Coefficients(float lr, float a, float b, float c, float d, float eps, float batch,
                                float[] decayScales) {

        static Coefficients of(Segment seg, int iteration, int epoch, int batchSize) {
            IUpdater conf = seg.config;
            double lr = conf.hasLearningRate() ? conf.getLearningRate(iteration, epoch) : 1.0;
            float[] scales = new float[seg.decays.size()];
            for (int i = 0; i < scales.length; i++) {
                WeightDecay wd = seg.decays.get(i);
                double scale = wd.getCoeff().valueAt(iteration, epoch);
                scales[i] = (float) (wd.isApplyLR() ? scale * lr : scale);
            }
            float lrF = (float) lr;
            float batch = seg.divide ? (float) batchSize : 1f;
            switch (seg.kind) {
                case ADAM -> {
                    Adam adam = (Adam) conf;
                    float beta1 = (float) adam.getBeta1();
                    float beta2 = (float) adam.getBeta2();
                    float eps = (float) adam.getEpsilon();
                    float t = (float) iteration;
                    float beta1T = (float) Math.pow(beta1, t + 1);
                    float beta2T = (float) Math.pow(beta2, t + 1);
                    float alpha = (float) ((double) (lrF * (float) Math.sqrt((float) (1.0 - beta2T)))
                            / (1.0 - beta1T));
                    if (Float.isNaN(alpha) || alpha == 0 || Float.isInfinite(alpha)) {
                        alpha = eps;
                    }
                    return new Coefficients(lrF, beta1, beta2, alpha, 0, eps, batch, scales);
                }
                case NESTEROVS -> {
                    float mu = (float) ((Nesterovs) conf).currentMomentum(iteration, epoch);
                    return new Coefficients(lrF, mu, -mu - 1, 0, 0, 0, batch, scales);
                }
                default -> {
                    return new Coefficients(lrF, 0, 0, 0, 0, 0, batch, scales);
                }
            }
        }
    }

    /** Updates parameters {@code [from, to)} of one segment. */
    private static void apply(Segment seg, Coefficients k, int from, int to, FloatBuffer g, FloatBuffer p,
                              FloatBuffer st, boolean applyStep) {
        float[] scales = k.decayScales;
        boolean divide = seg.divide;
        float batch = k.batch;
        int mBase = seg.stateStart - seg.blockStart;
        int vBase = mBase + seg.blockLength;
        switch (seg.kind) {
            case ADAM -> {
                float beta1 = k.a;
                float beta2 = k.b;
                float oneMinusBeta1 = 1 - beta1;
                float oneMinusBeta2 = 1 - beta2;
                float alpha = k.c;
                float eps = k.eps;
                for (int i = from; i < to; i++) {
                    float gi = g.get(i);
                    if (divide) {
                        gi = gi / batch;
                    }
                    float m = beta1 * st.get(mBase + i) + gi * oneMinusBeta1;
                    float v = beta2 * st.get(vBase + i) + gi * gi * oneMinusBeta2;
                    st.put(mBase + i, m);
                    st.put(vBase + i, v);
                    float u = (m * alpha) / ((float) Math.sqrt(v) + eps);
                    finish(i, u, scales, g, p, applyStep);
                }
            }
            case NESTEROVS -> {
                float lr = k.lr;
                float mu = k.a;
                float muT = k.b;
                for (int i = from; i < to; i++) {
                    float gi = g.get(i);
                    if (divide) {
                        gi = gi / batch;
                    }
                    float prev = mu * st.get(mBase + i);
                    float v = prev - lr * gi;
                    st.put(mBase + i, v);
                    float u = prev + muT * v;
                    finish(i, u, scales, g, p, applyStep);
                }
            }
            case SGD -> {
                float lr = k.lr;
                for (int i = from; i < to; i++) {
                    float gi = g.get(i);
                    if (divide) {
                        gi = gi / batch;
                    }
                    finish(i, gi * lr, scales, g, p, applyStep);
                }
            }
            case NOOP -> {
                for (int i = from; i < to; i++) {
                    float gi = g.get(i);
                    if (divide) {
                        gi = gi / batch;
                    }
                    finish(i, gi, scales, g, p, applyStep);
                }
            }
        }
    }

    /** Weight decay ({@code u += s·p}, DL4J's axpy), then the step ({@code p -= u}) or the update into the gradient. */
    private static void finish(int i, float u, float[] scales, FloatBuffer g, FloatBuffer p, boolean applyStep) {
        if (scales.length > 0 || applyStep) {
            float pi = p.get(i);
            for (float s : scales) {
                u = s * pi + u;
            }
            if (applyStep) {
                p.put(i, pi - u);
                return;
            }
        }
        g.put(i, u);
    }

    /** The optimiser of a graph's solver (creating the solver when absent), or null when it cannot be reached. */
    private static BaseOptimizer optimizerOf(ComputationGraph graph) {
        try {
            Field f = ComputationGraph.class.getDeclaredField("solver");
            f.setAccessible(true);
            Solver solver = (Solver) f.get(graph);
            ConvexOptimizer optimizer = solver == null ? null : solver.getOptimizer();
            return optimizer instanceof BaseOptimizer b ? b : null;
        } catch (ReflectiveOperationException | SecurityException | InaccessibleObjectException e) {
            LOG.debug("the optimiser's step cannot be replaced ({}); DL4J applies it", e.toString());
            return null;
        }
    }

    private static boolean setStepFunction(BaseOptimizer optimizer, StepFunction step) {
        try {
            Field f = BaseOptimizer.class.getDeclaredField("stepFunction");
            f.setAccessible(true);
            f.set(optimizer, step);
            return true;
        } catch (ReflectiveOperationException | SecurityException | InaccessibleObjectException e) {
            LOG.debug("the optimiser's step cannot be replaced ({}); DL4J applies it", e.toString());
            return false;
        }
    }
}
