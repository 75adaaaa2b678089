package org.densereg.train;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.bytedeco.javacpp.Pointer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.util.ModelSerializer;
import org.densereg.config.ConfigLoader;
import org.densereg.io.AtomicFiles;
import org.densereg.io.BadInputException;
import org.densereg.io.TextFiles;
import org.densereg.network.Accelerators;
import org.densereg.network.LayerHelpers;
import org.densereg.runtime.BuildInfo;
import org.densereg.runtime.Nd4jEnvironment;
import org.densereg.runtime.ProgressListener;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training loop: feeds {@link BatchSource} batches to a ComputationGraph for a fixed number of iterations,
 * logs metrics, validates, keeps {@code best}/{@code last} models and writes atomic checkpoints from which
 * {@link #resume()} continues exactly (same batches, same random state, same optimiser state and schedule
 * position). The run-folder layout is documented in {@code docs/training.md}.
 *
 * <pre>{@code
 * TrainingSummary s = Trainer.builder(config, batches, runDir).optValidator(v).build().train(graph);
 * }</pre>
 */
public final class Trainer {

    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

    private final TrainerConfig config;
    private final BatchSource source;
    private final Path runDir;
    private final Validator validator;
    private final ProgressListener progress;
    private final String resolvedConfig;
    private final String commandLine;
    private final ArchiveWriter archiveWriter;
    private final TrainingStep step;
    private final CheckpointStore checkpoints;
    private final RunLog log;

    private Trainer(Builder b) {
        this.config = b.config;
        this.source = b.source;
        this.runDir = b.runDir;
        this.validator = b.validator;
        this.progress = b.progress;
        this.resolvedConfig = b.resolvedConfig;
        this.commandLine = b.commandLine;
        this.archiveWriter = b.archiveWriter;
        this.step = b.step;
        this.checkpoints = new CheckpointStore(runDir, config.keepCheckpoints());
        this.log = new RunLog(runDir);
    }

    /**
     * Starts building a trainer.
     *
     * @param config the loop's settings (validated by {@link Builder#build()})
     * @param source the training batches
     * @param runDir the run folder (created when absent)
     */
    public static Builder builder(TrainerConfig config, BatchSource source, Path runDir) {
        return new Builder(config, source, runDir);
    }

    /** True when {@code runDir} holds a checkpoint that {@link #resume()} can continue from. */
    public static boolean hasCheckpoint(Path runDir) throws IOException {
        return new CheckpointStore(runDir, 1).latest().isPresent();
    }

    /** Builder of {@link Trainer}: required values in {@link Trainer#builder}, optional ones via {@code opt*}. */
    public static final class Builder {
        private final TrainerConfig config;
        private final BatchSource source;
        private final Path runDir;
        private Validator validator;
        private ProgressListener progress = ProgressListener.NONE;
        private String resolvedConfig;
        private String commandLine;
        private ArchiveWriter archiveWriter;
        private TrainingStep step;

        private Builder(TrainerConfig config, BatchSource source, Path runDir) {
            this.config = Objects.requireNonNull(config, "config");
            this.source = Objects.requireNonNull(source, "source");
            this.runDir = Objects.requireNonNull(runDir, "runDir");
        }

        /** Validates every {@code validateEvery} iterations and at the end; keeps {@code best.zip}. */
        public Builder optValidator(Validator v) {
            this.validator = v;
            return this;
        }

        /** Receives progress (status text: loss, learning rate, images/s, ETA). Default: none. */
        public Builder optProgress(ProgressListener p) {
            this.progress = p == null ? ProgressListener.NONE : p;
            return this;
        }

        /**
         * The whole run's resolved configuration as YAML, written to {@code config.resolved.yaml}
         * (default: the trainer config alone).
         */
        public Builder optResolvedConfig(String yaml) {
            this.resolvedConfig = yaml;
            return this;
        }

        /** The command line that started the run, recorded in {@code env.json}. */
        public Builder optCommandLine(String line) {
            this.commandLine = line;
            return this;
        }

        /** Writes the final model archives ({@code last}, and {@code best} with a validator) at the end. */
        public Builder optArchiveWriter(ArchiveWriter writer) {
            this.archiveWriter = writer;
            return this;
        }

        /**
         * Takes the iterations with {@code step} (e.g. on a Spark cluster) instead of fitting each batch in this
         * process. Default: none. Needs {@code workers} = 1 (the step parallelises on its own).
         */
        public Builder optStep(TrainingStep step) {
            this.step = step;
            return this;
        }

        /**
         * The trainer.
         *
         * @throws InvalidTrainerConfigException listing every problem of the config
         */
        public Trainer build() {
            config.validate();
            if (step != null && config.workers() != 1) {
                throw new InvalidTrainerConfigException(List.of("workers: the training step parallelises on its own"
                        + " (e.g. over Spark executors); expected 1, found " + config.workers()));
            }
            return new Trainer(this);
        }
    }

    /**
     * Trains a graph from iteration 0 in a fresh run folder. The graph's parameters are copied into a new
     * graph configured with {@link TrainerConfig#optimizer()} (the argument itself is not modified).
     *
     * @param graph an initialised graph whose inputs and outputs match the batches
     * @return the summary, including the trained graph
     * @throws BadInputException                 when the run folder already holds a run
     * @throws TrainingDivergedException         when the loss becomes NaN/Inf
     * @throws TrainingOutOfMemoryException      when memory runs out
     * @throws IOException                       when the run folder cannot be written
     */
    public TrainingSummary train(ComputationGraph graph) throws IOException {
        if (checkpoints.exists()) {
            throw new BadInputException(runDir, "already holds a training run (last_checkpoint); resume it "
                    + "or choose another run folder");
        }
        Files.createDirectories(runDir);
        AtomicFiles.writeString(runDir.resolve("config.resolved.yaml"),
                resolvedConfig != null ? resolvedConfig : ConfigLoader.toYaml(config));
        writeEnv("env.json", 0);
        ComputationGraph model = OptimizerSetup.apply(graph, config.optimizer(), config.iterations());
        model.getConfiguration().setIterationCount(0);
        model.getConfiguration().setEpochCount(0);
        log.start();
        LOG.info("training {} iterations, seed {}, backend {}, run folder {}", config.iterations(), config.seed(),
                Nd4jEnvironment.current(), runDir);
        Progress state = new Progress(0, null, -1, 0, TrainingTimes.ZERO);
        checkpoints.write(model, checkpointState(state, 0, TrainingTimes.ZERO));
        return loop(model, state);
    }

    /**
     * Continues the run in the run folder from its last complete checkpoint (network, optimiser state,
     * schedule position, best metric). With an unchanged config the result equals an uninterrupted run. When
     * the optimiser or the iteration count changed, the new optimiser is applied and the old updater state is
     * kept if it fits (logged).
     *
     * @throws BadInputException when the folder holds no complete checkpoint
     */
    public TrainingSummary resume() throws IOException {
        CheckpointStore.Loaded loaded = checkpoints.latest().orElseThrow(() -> new BadInputException(runDir,
                "no complete checkpoint to resume from (expected last_checkpoint and checkpoints/ckpt-<iteration>.zip)"));
        CheckpointState s = loaded.state();
        ComputationGraph model = Accelerators.active().accelerate(
                ModelSerializer.restoreComputationGraph(loaded.zip().toFile(), true));
        if (!config.optimizer().sameOptimizer(s.optimizer()) || config.iterations() != s.scheduleIterations()) {
            model = reconfigure(model, s);
        }
        log.truncateAfter(s.iteration());
        Path resolved = runDir.resolve("config.resolved.yaml");
        if (resolvedConfig != null && Files.isRegularFile(resolved)
                && !TextFiles.read(resolved).equals(resolvedConfig)) {
            Path aside = runDir.resolve("config.resolved.resume-" + s.iteration() + ".yaml");
            AtomicFiles.writeString(aside, resolvedConfig);
            LOG.warn("the configuration differs from the run's {}; the new one is in {}", resolved, aside);
        }
        writeEnv("env.resume-" + s.iteration() + ".json", s.iteration());
        LOG.info("resuming from {} (iteration {} of {})", loaded.zip(), s.iteration(), config.iterations());
        boolean stageStart = config.selectFrom() > 0 && s.iteration() == config.selectFrom();
        boolean earlierBest = s.bestMetric() != null && (stageStart || s.bestIteration() < config.selectFrom());
        Progress state = new Progress(s.iteration(), earlierBest ? null : s.bestMetric(), s.bestIteration(),
                s.elapsedSeconds(), s.times() == null ? TrainingTimes.ZERO : s.times());
        state.windowLoss = s.windowLossSum();
        state.windowIterations = s.windowIterations();
        if (earlierBest) {
            LOG.info("selectFrom {}: the best so far ({} at iteration {}) does not count for model-best",
                    config.selectFrom(), s.bestMetric(), s.bestIteration());
        }
        if (validator != null && stageStart) {
            LOG.info("selectFrom {}: validating the resumed weights first", config.selectFrom());
            validate(model, state, s.iteration());
        }
        return loop(model, state);
    }

    private ComputationGraph reconfigure(ComputationGraph restored, CheckpointState s) {
        LOG.warn("optimizer or iterations changed since the checkpoint ({} over {} iterations → {} over {}); "
                + "applying the new optimizer", s.optimizer(), s.scheduleIterations(), config.optimizer(),
                config.iterations());
        ComputationGraph fresh = OptimizerSetup.apply(restored, config.optimizer(), config.iterations());
        fresh.getConfiguration().setIterationCount(restored.getConfiguration().getIterationCount());
        fresh.getConfiguration().setEpochCount(restored.getConfiguration().getEpochCount());
        INDArray oldState = restored.getUpdater() == null ? null : restored.getUpdater().getStateViewArray();
        INDArray newState = fresh.getUpdater().getStateViewArray();
        if (oldState != null && newState != null && oldState.length() == newState.length()) {
            newState.assign(oldState);
        } else {
            LOG.warn("the optimizer state does not fit the new optimizer: it starts empty");
        }
        return fresh;
    }

    /** Mutable per-call training state. */
    private static final class Progress {
        long done;
        Double best;
        long bestIteration;
        final double elapsedBefore;
        /** Where the time of the sessions before this one went (zero for a checkpoint that did not record it). */
        final TrainingTimes timesBefore;
        double windowLoss;
        long windowIterations;

        Progress(long done, Double best, long bestIteration, double elapsedBefore, TrainingTimes timesBefore) {
            this.done = done;
            this.best = best;
            this.bestIteration = bestIteration;
            this.elapsedBefore = elapsedBefore;
            this.timesBefore = timesBefore;
        }
    }

    /** Nanoseconds of this session spent in each part of the loop ({@link TrainingTimes}). */
    private static final class Stopwatch {
        final long start = System.nanoTime();
        long busy;
        long dataWait;
        long validation;
        long checkpoint;

        /** The session's split so far. */
        TrainingTimes times(long now) {
            return new TrainingTimes((now - start) / 1e9, busy / 1e9, dataWait / 1e9, validation / 1e9,
                    checkpoint / 1e9);
        }
    }

    /** Thrown from inside fit, before the update is applied, when the loss is not finite. */
    private static final class NonFiniteLoss extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final double loss;

        NonFiniteLoss(double loss) {
            super("non-finite loss " + loss, null, false, false);
            this.loss = loss;
        }
    }

    /** Stops an iteration whose loss is not finite before its gradient reaches the weights or the updater. */
    private static final class DivergenceGuard extends BaseTrainingListener {
        @Override
        public void onGradientCalculation(Model model) {
            double score = model.score();
            if (!Double.isFinite(score)) {
                throw new NonFiniteLoss(score);
            }
        }
    }

    private TrainingSummary loop(ComputationGraph model, Progress state) throws IOException {
        long total = config.iterations();
        long start = state.done;
        LearningRateSchedule schedule = LearningRateSchedule.of(config.optimizer(), total);
        DivergenceGuard guard = new DivergenceGuard();
        List<TrainingListener> previous = new ArrayList<>(model.getListeners());
        List<TrainingListener> withGuard = new ArrayList<>(previous);
        DataParallel parallel = null;
        if (config.workers() > 1) {
            parallel = new DataParallel(model, config.workers());
            withGuard.add(parallel.averagingListener()); // before the guard: it checks the workers' mean loss
            LOG.info("{} data-parallel workers on {} device(s): each batch split into {} equal shards, gradients "
                    + "averaged, one update per iteration", config.workers(),
                    Math.max(1, Nd4j.getAffinityManager().getNumberOfDevices()), config.workers());
        }
        withGuard.add(guard);
        model.setListeners(withGuard);
        boolean fused = false;
        if (step != null) {
            LOG.debug("optimizer update: the training step's own");
        } else if (config.optimizer().fused()) {
            fused = FusedGraphUpdater.install(model);
        } else {
            LOG.info("optimizer update: DL4J's updater (optimizer.fused: false)");
        }
        BatchSource batches = source;
        PrefetchingBatchSource prefetch = null;
        if (config.prefetchBatches() > 0) {
            int threads = Math.max(1, Math.min(config.prefetchBatches(), Runtime.getRuntime().availableProcessors() / 2));
            prefetch = new PrefetchingBatchSource(source, config.prefetchBatches(), threads);
            batches = prefetch;
        }
        progress.start("train", total);
        progress.advance(start, start > 0 ? "resumed at " + start : "");
        Stopwatch watch = new Stopwatch();
        long t0 = watch.start;
        TrainingTimes windowBase = TrainingTimes.ZERO;
        long windowStart = t0;
        long windowImages = 0;
        double lastWindowLoss = Double.NaN;
        double lastLoss = Double.NaN;
        long sessionImages = 0;
        try {
            long it = start;
            while (it < total) {
                long end = step == null ? it + 1 : roundEnd(it, step.iterationsPerRound());
                double[] losses;
                long images;
                try {
                    if (step == null) {
                        long waitStart = System.nanoTime();
                        MultiDataSet batch = batches.batch(it);
                        long busyStart = System.nanoTime();
                        watch.dataWait += busyStart - waitStart;
                        if (it == start) {
                            checkBatch(model, batch, it);
                        }
                        images = batch.getFeatures(0).size(0);
                        Nd4j.getRandom().setSeed(BatchSource.seedFor(~config.seed(), it));
                        try {
                            model.fit(parallel == null ? batch : parallel.start(batch, config.seed(), it));
                        } finally {
                            watch.busy += System.nanoTime() - busyStart;
                        }
                        losses = new double[] {model.score()};
                    } else {
                        List<MultiDataSet> round = new ArrayList<>();
                        images = 0;
                        for (long i = it; i < end; i++) {
                            long waitStart = System.nanoTime();
                            MultiDataSet batch = batches.batch(i);
                            watch.dataWait += System.nanoTime() - waitStart;
                            if (i == start) {
                                checkBatch(model, batch, i);
                            }
                            images += batch.getFeatures(0).size(0);
                            round.add(batch);
                        }
                        Nd4j.getRandom().setSeed(BatchSource.seedFor(~config.seed(), it));
                        long busyStart = System.nanoTime();
                        try {
                            losses = step.fit(model, round, it, config.seed());
                        } finally {
                            watch.busy += System.nanoTime() - busyStart;
                        }
                        if (losses.length != round.size()) {
                            throw new IllegalStateException("the training step returned " + losses.length
                                    + " losses for " + round.size() + " iterations");
                        }
                        for (int i = 0; i < losses.length; i++) {
                            if (!Double.isFinite(losses[i])) {
                                // the step left the model as it was at the start of the round
                                throw diverged(model, state, it, it + i, losses[i], true, watch);
                            }
                        }
                    }
                } catch (NonFiniteLoss e) {
                    throw diverged(model, state, it, it, e.loss, true, watch);
                } catch (OutOfMemoryError e) {
                    throw outOfMemory(it, e);
                } catch (RuntimeException e) {
                    if (TrainingOutOfMemoryException.isAllocationFailure(e)) {
                        throw outOfMemory(it, e);
                    }
                    throw e;
                }
                if (it == start && !Nd4jEnvironment.current().isCpu()) {
                    LOG.info("cuDNN after the first iteration: {}", LayerHelpers.cudnnLayers(model));
                }
                if (!Double.isFinite(losses[0])) {
                    throw diverged(model, state, it, it, losses[0], false, watch);
                }
                windowImages += images;
                sessionImages += images;
                long now = System.nanoTime();
                double sessionSeconds = (now - t0) / 1e9;
                for (int r = 0; r < losses.length; r++, it++) {
                    double loss = losses[r];
                    lastLoss = loss;
                    long done = it + 1;
                    state.done = done;
                    state.windowLoss += loss;
                    state.windowIterations++;
                    if (done % config.logEvery() == 0 || done == total) {
                        double windowSeconds = Math.max(1e-9, (now - windowStart) / 1e9);
                        lastWindowLoss = state.windowLoss / state.windowIterations;
                        // a round's images and time count in full for every row written in it
                        double rate = windowImages / windowSeconds;
                        TrainingTimes sessionTimes = watch.times(now);
                        TrainingTimes window = sessionTimes.minus(windowBase);
                        if (done == end) {
                            windowStart = now;
                            windowImages = 0;
                            windowBase = sessionTimes;
                        }
                        log.metric(done, lastWindowLoss, schedule.at(it), rate, state.elapsedBefore + sessionSeconds,
                                window);
                        LOG.debug("iteration {}/{} loss {} lr {} {} images/s; {}", done, total, lastWindowLoss,
                                schedule.at(it), rate, window.describe());
                        state.windowLoss = 0;
                        state.windowIterations = 0;
                    }
                }
                long done = it;
                double eta = sessionSeconds / (done - start) * (total - done);
                double sessionRate = sessionImages / Math.max(1e-9, sessionSeconds);
                progress.advance(done, String.format(Locale.ROOT, "loss %.4g lr %.2e %.1f img/s busy %.0f%% ETA %s",
                        lastLoss, schedule.at(done - 1), sessionRate, 100 * watch.times(now).busyFraction(),
                        formatDuration(eta)));
                boolean validateNow = validator != null
                        && ((config.validateEvery() > 0 && done % config.validateEvery() == 0) || done == total);
                if (validateNow) {
                    long validationStart = System.nanoTime();
                    validate(model, state, done);
                    watch.validation += System.nanoTime() - validationStart;
                }
                if (done % config.checkpointEvery() == 0 || done == total) {
                    long checkpointStart = System.nanoTime();
                    checkpoints.write(model, checkpointState(state, state.elapsedBefore + (checkpointStart - t0) / 1e9,
                            state.timesBefore.plus(watch.times(checkpointStart))));
                    watch.checkpoint += System.nanoTime() - checkpointStart;
                }
            }
        } finally {
            if (fused) {
                FusedGraphUpdater.uninstall(model);
            }
            model.setListeners(previous);
            if (parallel != null) {
                parallel.close();
            }
            if (prefetch != null) {
                prefetch.close();
            }
        }
        long loopEnd = System.nanoTime();
        double elapsed = state.elapsedBefore + (loopEnd - t0) / 1e9;
        TrainingTimes sessionTimes = watch.times(loopEnd);
        TrainingTimes runTimes = state.timesBefore.plus(sessionTimes);
        AtomicFiles.writeVia(runDir.resolve("last.zip"),
                tmp -> ModelSerializer.writeModel(Accelerators.active().portable(model), tmp.toFile(), false));
        if (archiveWriter != null) {
            archiveWriter.write("last", model, runDir);
            Path best = runDir.resolve("best.zip");
            if (validator != null && Files.isRegularFile(best)) {
                archiveWriter.write("best", ModelSerializer.restoreComputationGraph(best.toFile(), false), runDir);
            }
        }
        String summary = String.format(Locale.ROOT, "%d iterations, loss %.4g, %s", total, lastWindowLoss,
                formatDuration(elapsed));
        if (validator != null && state.best != null) {
            summary += String.format(Locale.ROOT, ", best %s %.4g at %d", validator.primaryMetric(), state.best,
                    state.bestIteration);
        }
        summary += "; " + runTimes.describe();
        progress.finish(summary);
        LOG.info("training done: {}; outputs in {}", summary, runDir);
        TrainingSummary result = new TrainingSummary(model, total, start, lastWindowLoss,
                validator == null ? null : validator.primaryMetric(),
                state.best == null ? Double.NaN : state.best, state.best == null ? -1 : state.bestIteration,
                elapsed, runDir, runTimes);
        log.summary(result, sessionTimes);
        return result;
    }

    /**
     * The end (exclusive) of the round that starts at {@code it}: the next multiple of {@code k}, cut at the next
     * checkpoint, the next validation and the last iteration, so that rounds do not depend on where a run resumed.
     */
    long roundEnd(long it, int k) {
        long end = Math.min(config.iterations(), nextMultiple(it, Math.max(1, k)));
        end = Math.min(end, nextMultiple(it, config.checkpointEvery()));
        if (validator != null && config.validateEvery() > 0) {
            end = Math.min(end, nextMultiple(it, config.validateEvery()));
        }
        return end;
    }

    /** The smallest multiple of {@code every} greater than {@code it}. */
    private static long nextMultiple(long it, long every) {
        return (it / every + 1) * every;
    }

    private void validate(ComputationGraph model, Progress state, long done) throws IOException {
        Map<String, Double> metrics = new LinkedHashMap<>(validator.validate(model));
        Double value = metrics.get(validator.primaryMetric());
        if (value == null) {
            throw new IllegalStateException("the validator returned no value for its primary metric '"
                    + validator.primaryMetric() + "' (it returned " + metrics.keySet() + ")");
        }
        boolean improved = Double.isFinite(value) && done >= config.selectFrom() && (state.best == null
                || (validator.lowerIsBetter() ? value < state.best : value > state.best));
        if (improved) {
            state.best = value;
            state.bestIteration = done;
            AtomicFiles.writeVia(runDir.resolve("best.zip"),
                    tmp -> ModelSerializer.writeModel(Accelerators.active().portable(model), tmp.toFile(), false));
        }
        log.validation(done, metrics, improved);
        LOG.info("validation at iteration {}: {}{}", done, metrics, improved ? " (best so far)" : "");
    }

    private static void checkBatch(ComputationGraph model, MultiDataSet batch, long it) {
        List<String> inputs = model.getConfiguration().getNetworkInputs();
        List<String> outputs = model.getConfiguration().getNetworkOutputs();
        if (batch.numFeatureArrays() != inputs.size() || batch.numLabelsArrays() != outputs.size()) {
            throw new BadInputException(null, String.format(Locale.ROOT,
                    "the batch of iteration %d has %d feature and %d label arrays, but the network has inputs %s "
                            + "and outputs %s", it, batch.numFeatureArrays(), batch.numLabelsArrays(), inputs, outputs));
        }
    }

    private CheckpointState checkpointState(Progress state, double elapsed, TrainingTimes times) {
        return new CheckpointState(state.done, config.seed(), state.best, state.best == null ? -1 : state.bestIteration,
                elapsed, LearningRateSchedule.of(config.optimizer(), config.iterations()).at(state.done),
                config.iterations(), config.optimizer(), state.windowLoss, state.windowIterations, CheckpointState.RNG,
                times);
    }

    /**
     * @param intactAt the iteration the model's weights belong to when {@code weightsIntact} (a round's first)
     * @param it       the iteration whose loss is not finite
     */
    private TrainingDivergedException diverged(ComputationGraph model, Progress state, long intactAt, long it,
                                               double loss, boolean weightsIntact, Stopwatch watch) throws IOException {
        Path last = null;
        INDArray params = model.params();
        boolean finite = weightsIntact && Double.isFinite(params.sumNumber().doubleValue())
                && Double.isFinite(params.norm2Number().doubleValue());
        if (finite) {
            state.done = intactAt;
            long now = System.nanoTime();
            checkpoints.write(model, checkpointState(state, state.elapsedBefore + (now - watch.start) / 1e9,
                    state.timesBefore.plus(watch.times(now))));
        }
        var latest = checkpoints.latest();
        if (latest.isPresent()) {
            last = latest.get().zip();
        }
        String where = last == null ? "no usable checkpoint was written"
                : "the last good checkpoint is " + last + (finite ? " (the state just before this iteration)" : "");
        String message = String.format(Locale.ROOT,
                "training diverged: the loss is %s in iteration %d of %d; %s. Lower optimizer.learningRate "
                        + "(now %s) or check the data, then continue with resume (--resume).",
                loss, it + 1, config.iterations(), where, config.optimizer().learningRate());
        return new TrainingDivergedException(it, loss, last, message);
    }

    private TrainingOutOfMemoryException outOfMemory(long it, Throwable cause) {
        String message = String.format(Locale.ROOT,
                "out of memory in iteration %d of %d (%s). Use a smaller batch size or input size, or give the "
                        + "JVM more memory: heap -Xmx (now %s), off-heap -Dorg.bytedeco.javacpp.maxbytes (now %s) "
                        + "and -Dorg.bytedeco.javacpp.maxphysicalbytes (now %s); on a GPU, a smaller batch. "
                        + "The run folder keeps its last complete checkpoint for --resume.",
                it + 1, config.iterations(), cause.getMessage(), bytes(Runtime.getRuntime().maxMemory()),
                bytes(Pointer.maxBytes()), bytes(Pointer.maxPhysicalBytes()));
        return new TrainingOutOfMemoryException(it, message, cause);
    }

    private void writeEnv(String name, long startIteration) throws IOException {
        Nd4jEnvironment nd4j = Nd4jEnvironment.current();
        BuildInfo build = BuildInfo.current();
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("seed", config.seed());
        env.put("startIteration", startIteration);
        env.put("startedAt", Instant.now().toString());
        env.put("backend", nd4j.backend());
        env.put("threads", nd4j.threads());
        env.put("workers", config.workers());
        env.put("dataType", nd4j.dataType());
        env.put("densereg", build.version());
        env.put("gitRevision", build.revision());
        env.put("dl4j", dl4jVersion());
        env.put("java", System.getProperty("java.version"));
        env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        env.put("availableProcessors", Runtime.getRuntime().availableProcessors());
        env.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
        env.put("javacppMaxBytes", Pointer.maxBytes());
        env.put("javacppMaxPhysicalBytes", Pointer.maxPhysicalBytes());
        env.put("commandLine", commandLine);
        AtomicFiles.writeString(runDir.resolve(name), CheckpointStore.JSON.writeValueAsString(env));
    }

    private static String dl4jVersion() {
        try (InputStream in = ComputationGraph.class.getResourceAsStream(
                "/META-INF/maven/org.deeplearning4j/deeplearning4j-nn/pom.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "unknown");
            }
        } catch (IOException e) {
            // reported as unknown
        }
        return "unknown";
    }

    private static String bytes(long n) {
        return n >= (1L << 30) ? String.format(Locale.ROOT, "%.1f GiB", n / (double) (1L << 30))
                : String.format(Locale.ROOT, "%d MiB", n >> 20);
    }

    static String formatDuration(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "?";
        }
        long s = Math.round(seconds);
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
        }
        return s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
