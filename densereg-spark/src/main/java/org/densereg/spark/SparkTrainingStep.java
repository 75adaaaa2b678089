package org.densereg.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.densereg.io.BadInputException;
import org.densereg.network.Accelerators;
import org.densereg.train.BatchSource;
import org.densereg.train.TrainingStep;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Synchronous data-parallel training on Spark, as a {@link TrainingStep} of core's {@link org.densereg.train.Trainer}
 * (which keeps the batches, run folder, checkpoints, validation and resume). Each iteration's batch of B images is
 * split into S equal shards of b = B/S (shard s: images [s·b, (s+1)·b)), one Spark task each; every task gets the
 * network's configuration (broadcast once) and the current parameters (broadcast every round).
 *
 * <p><b>Gradient aggregation</b> ({@code spark.averageEvery} = 1): each task computes its shard's gradient (DL4J's
 * un-normalised sum over the shard, batch-norm statistic updates included), {@code treeAggregate} sums them in double
 * and the driver hands the mean over the shards to the run's own DL4J updater with minibatch size b, exactly as
 * {@code densereg train} with {@code trainer.workers}=S does: Σ_s g_s / S / b = Σ g / B, the gradient of the whole batch
 * for a loss that is a mean over images; the updater then applies Adam, SGD or Nesterov with the learning-rate
 * schedule and weight decay. The loss is the mean of the shards' losses.
 *
 * <p><b>Parameter averaging</b> ({@code spark.averageEvery} = k &gt; 1): each task receives the parameters and the
 * optimiser state, takes up to k optimiser steps ({@code fit}) on its shards of the round's batches, and returns its
 * parameters and optimiser state; the driver sets both to their means over the shards. The loss of an iteration is the
 * mean of the shards' losses.
 *
 * <p>Randomness (dropout) as in {@code trainer.workers}: shard 0 of iteration i seeds ND4J with
 * {@code seedFor(~seed, i)}, shard s &gt; 0 with {@code seedFor(seedFor(~seed, i), s)}. Networks with batch
 * normalisation normalise each shard over its own b images (as with {@code trainer.workers}).
 */
public final class SparkTrainingStep implements TrainingStep {

    private static final Logger LOG = LoggerFactory.getLogger(SparkTrainingStep.class);

    private final JavaSparkContext sc;
    private final int shards;
    private final int averageEvery;
    private String configJson;
    private Broadcast<String> configBroadcast;

    /**
     * @param sc           the Spark context
     * @param shards       S &ge; 1, shards per batch (the batch size must be a multiple)
     * @param averageEvery k &ge; 1: 1 = gradient aggregation, k &gt; 1 = parameter averaging every k iterations
     */
    public SparkTrainingStep(JavaSparkContext sc, int shards, int averageEvery) {
        if (shards < 1 || averageEvery < 1) {
            throw new IllegalArgumentException("shards and averageEvery must be >= 1, found " + shards + ", "
                    + averageEvery);
        }
        this.sc = sc;
        this.shards = shards;
        this.averageEvery = averageEvery;
    }

    /** @return k, {@code spark.averageEvery} */
    @Override
    public int iterationsPerRound() {
        return averageEvery;
    }

    /** @return S, the shards of each batch */
    public int shards() {
        return shards;
    }

    /**
     * Takes a round of iterations on the executors (see the class comment).
     *
     * @param model   the driver's graph, updated in place
     * @param batches the round's batches, features {@code [B, …]} and labels {@code [B, …]}, B a multiple of S
     * @param first   the iteration of {@code batches.get(0)}
     * @param seed    the run's seed
     * @return the mean of the shards' losses, per iteration
     * @throws BadInputException when a batch cannot be split into S equal shards
     */
    @Override
    public double[] fit(ComputationGraph model, List<MultiDataSet> batches, long first, long seed) {
        boolean averaging = averageEvery > 1;
        Broadcast<String> conf = configuration(model);
        float[] params = floats(model.params());
        INDArray stateView = model.getUpdater() == null ? null : model.getUpdater().getStateViewArray();
        float[] state = averaging && stateView != null ? floats(stateView) : new float[0];
        int iterationCount = model.getConfiguration().getIterationCount();
        int epochCount = model.getConfiguration().getEpochCount();
        List<ShardWork> work = new ArrayList<>(shards);
        for (int s = 0; s < shards; s++) {
            List<ShardBatch> parts = new ArrayList<>(batches.size());
            long[] seeds = new long[batches.size()];
            for (int i = 0; i < batches.size(); i++) {
                MultiDataSet batch = batches.get(i);
                long images = batch.getFeatures(0).size(0);
                if (images % shards != 0) {
                    throw new BadInputException(null, String.format(Locale.ROOT, "the batch of iteration %d has %d "
                            + "images, which %d shards cannot split evenly: set data.batchSize to a multiple of "
                            + "spark.shards", first + i, images, shards));
                }
                long b = images / shards;
                parts.add(ShardBatch.of(batch, s * b, (s + 1) * b));
                long iterationSeed = BatchSource.seedFor(~seed, first + i);
                seeds[i] = s == 0 ? iterationSeed : BatchSource.seedFor(iterationSeed, s);
            }
            work.add(new ShardWork(s, parts, seeds, iterationCount, epochCount));
        }
        Broadcast<float[]> theta = sc.broadcast(params);
        Broadcast<float[]> updaterState = sc.broadcast(state);
        Sums total;
        try {
            JavaRDD<ShardWork> rdd = sc.parallelize(work, shards);
            total = rdd.treeAggregate(new Sums(), (sums, w) -> sums.add(averaging
                    ? localSteps(conf.value(), theta.value(), updaterState.value(), w)
                    : gradient(conf.value(), theta.value(), w)), Sums::add);
        } finally {
            theta.destroy();
            updaterState.destroy();
        }
        if (total.shards != shards) {
            throw new IllegalStateException("expected results of " + shards + " shards, got " + total.shards);
        }
        double[] losses = new double[total.scores.length];
        for (int i = 0; i < losses.length; i++) {
            losses[i] = total.scores[i] / shards;
        }
        for (double loss : losses) {
            if (!Double.isFinite(loss)) {
                return losses; // the model stays as it was: the trainer keeps it as the last good checkpoint
            }
        }
        if (averaging) {
            model.params().assign(mean(total.first, model.params()));
            if (stateView != null && total.second != null && total.second.length > 0) {
                stateView.assign(mean(total.second, stateView));
            }
        } else {
            applyUpdate(model, mean(total.first, model.params()), batches.get(0).getFeatures(0).size(0) / shards);
        }
        model.getConfiguration().setIterationCount(iterationCount + batches.size());
        return losses;
    }

    /** Σ / S in the shape and type of {@code like}. */
    private INDArray mean(double[] sum, INDArray like) {
        double[] m = new double[sum.length];
        for (int i = 0; i < m.length; i++) {
            m[i] = sum[i] / shards;
        }
        return Nd4j.create(m, like.shape(), 'c').castTo(like.dataType());
    }

    /** {@code data} in the shape and type of {@code like}. */
    private static INDArray like(float[] data, INDArray like) {
        if (data.length != like.length()) {
            throw new IllegalStateException(data.length + " values for an array of " + like.length());
        }
        return Nd4j.create(data, like.shape(), 'c').castTo(like.dataType());
    }

    /**
     * The driver's half of an iteration in gradient mode: the model's own updater turns the mean shard gradient into
     * the update (learning-rate schedule, momentum/Adam state, weight decay, division by the shard size b) and the
     * parameters move by it, as DL4J's {@code fit} does after its backward pass.
     *
     * @param model     the driver's graph
     * @param gradient  [P] (or [1, P]) the mean over the shards of their un-normalised gradient sums
     * @param shardSize b, the images of one shard (DL4J divides by the minibatch size in the updater)
     */
    static void applyUpdate(ComputationGraph model, INDArray gradient, long shardSize) {
        if (model.getFlattenedGradients() == null) {
            model.initGradientsView();
        }
        INDArray view = model.getFlattenedGradients();
        view.assign(gradient.reshape(view.shape()));
        int iteration = model.getConfiguration().getIterationCount();
        int epoch = model.getConfiguration().getEpochCount();
        model.getUpdater().update(new DefaultGradient(view), iteration, epoch, (int) shardSize,
                LayerWorkspaceMgr.noWorkspaces());
        INDArray params = model.params();
        params.subi(view.reshape(params.shape()));
    }

    /** The configuration broadcast, built again only when the configuration (its counters aside) changes. */
    private Broadcast<String> configuration(ComputationGraph model) {
        ComputationGraphConfiguration c = model.getConfiguration().clone();
        c.setIterationCount(0);
        c.setEpochCount(0);
        String json = c.toJson();
        if (!json.equals(configJson)) {
            if (configBroadcast != null) {
                configBroadcast.destroy();
            }
            configBroadcast = sc.broadcast(json);
            configJson = json;
            LOG.info("training on Spark: {} shards per batch, {}", shards, averageEvery == 1
                    ? "gradients aggregated every iteration"
                    : "parameters and optimiser state averaged every " + averageEvery + " iterations");
        }
        return configBroadcast;
    }

    private static float[] floats(INDArray a) {
        return a.castTo(DataType.FLOAT).dup('c').data().asFloat();
    }

    private static double[] doubles(INDArray a) {
        return a.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }

    /** One task's input: its shard of each batch of the round, with the seeds and the counters. */
    record ShardWork(int shard, List<ShardBatch> parts, long[] seeds, int iterationCount, int epochCount)
            implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * The running sums of treeAggregate: gradients (or parameters) and optimiser states summed in double, losses per
     * iteration, shards counted.
     */
    static final class Sums implements Serializable {
        private static final long serialVersionUID = 1L;
        double[] first;
        double[] second;
        double[] scores = new double[0];
        int shards;

        Sums add(Sums other) {
            first = sum(first, other.first);
            second = sum(second, other.second);
            scores = other.scores.length == 0 ? scores : sum(scores.length == 0 ? null : scores, other.scores);
            shards += other.shards;
            return this;
        }

        private static double[] sum(double[] a, double[] b) {
            if (b == null) {
                return a;
            }
            if (a == null) {
                return b.clone();
            }
            for (int i = 0; i < a.length; i++) {
                a[i] += b[i];
            }
            return a;
        }
    }

    /** Gradient mode, on an executor: the shard's un-normalised gradient and its loss at the broadcast parameters. */
    private static Sums gradient(String json, float[] params, ShardWork w) {
        ComputationGraph net = ExecutorGraphs.take(json);
        try {
            ShardBatch part = w.parts().get(0);
            net.params().assign(like(params, net.params()));
            net.getConfiguration().setIterationCount(w.iterationCount());
            net.getConfiguration().setEpochCount(w.epochCount());
            Nd4j.getRandom().setSeed(w.seeds()[0]);
            net.setInputs(part.inputArrays());
            net.setLabels(part.labelArrays());
            net.computeGradientAndScore();
            Sums sums = new Sums();
            sums.first = doubles(net.getFlattenedGradients());
            sums.scores = new double[] {net.score()};
            sums.shards = 1;
            return sums;
        } finally {
            net.clear();
            ExecutorGraphs.give(json, net);
        }
    }

    /** Averaging mode, on an executor: k optimiser steps from the broadcast parameters and state. */
    private static Sums localSteps(String json, float[] params, float[] state, ShardWork w) {
        ComputationGraph net = ExecutorGraphs.take(json);
        try {
            net.params().assign(like(params, net.params()));
            INDArray stateView = net.getUpdater().getStateViewArray();
            if (stateView != null && stateView.length() != state.length) {
                throw new IllegalStateException("optimiser state of " + state.length + " values for a network "
                        + "whose state has " + stateView.length());
            }
            if (stateView != null) {
                stateView.assign(like(state, stateView));
            }
            net.getConfiguration().setIterationCount(w.iterationCount());
            net.getConfiguration().setEpochCount(w.epochCount());
            double[] scores = new double[w.parts().size()];
            for (int i = 0; i < scores.length; i++) {
                ShardBatch part = w.parts().get(i);
                Nd4j.getRandom().setSeed(w.seeds()[i]);
                net.fit(new org.nd4j.linalg.dataset.MultiDataSet(part.inputArrays(), part.labelArrays()));
                scores[i] = net.score();
            }
            Sums sums = new Sums();
            sums.first = doubles(net.params());
            sums.second = stateView == null ? new double[0] : doubles(stateView);
            sums.scores = scores;
            sums.shards = 1;
            return sums;
        } finally {
            net.clear();
            ExecutorGraphs.give(json, net);
        }
    }

    /**
     * The networks built in this JVM, pooled per configuration: a task takes one (or builds it from the broadcast
     * configuration, accelerated as the driver's) and gives it back, so concurrent tasks of one executor each have
     * their own.
     */
    static final class ExecutorGraphs {
        private static final Map<String, ConcurrentLinkedDeque<ComputationGraph>> POOL = new ConcurrentHashMap<>();

        private ExecutorGraphs() {
        }

        static ComputationGraph take(String json) {
            ComputationGraph g = POOL.computeIfAbsent(json, j -> new ConcurrentLinkedDeque<>()).pollFirst();
            if (g != null) {
                return g;
            }
            ComputationGraph fresh = new ComputationGraph(ComputationGraphConfiguration.fromJson(json));
            fresh.init();
            Accelerators.active().accelerateInPlace(fresh);
            return fresh;
        }

        static void give(String json, ComputationGraph g) {
            POOL.computeIfAbsent(json, j -> new ConcurrentLinkedDeque<>()).addFirst(g);
        }
    }
}
