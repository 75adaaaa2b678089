package org.densereg.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.densereg.network.Accelerators;
import org.densereg.runtime.Futures;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Synchronous data parallelism inside one process ({@code trainer.workers} &gt; 1): one iteration's batch of B
 * images is split into N shards of B/N, worker 0 (the trained graph itself, on the caller's thread) and N−1 replicas
 * (each on its own thread and, on the CUDA backend, its own device) compute the gradient of their shard from the same
 * parameters, the gradients are averaged, and the trained graph's optimiser applies <b>one</b> update.
 *
 * <p>The average enters through a training listener at the moment DL4J hands the gradient to the updater
 * ({@code onGradientCalculation}, after the backward pass and before the update): the trained graph's flattened
 * gradient is replaced by the mean of the N shard gradients, and its score by the mean of the N shard scores. So the
 * optimiser state, the iteration count, checkpoints, validation and resume are exactly those of one worker; replicas
 * hold no optimiser state and take the parameters (batch-norm running statistics included) from the trained graph at
 * the start of every iteration.
 *
 * <p>With equal shards, averaging the shard gradients is the gradient of the whole batch for every loss that is a
 * mean over images (DL4J divides by the batch size), so N workers with batch B train like one worker with batch B,
 * for any optimiser. It differs where a layer or loss looks at the batch as a whole: batch normalisation normalises
 * each shard with its own statistics (and the running statistics move by the mean of the shards' updates), and a
 * loss normalised by a count over the batch (foreground pixels, supervised heatmap values) is normalised per shard.
 *
 * <p>Randomness: worker 0 keeps the trainer's per-iteration seed; replica w seeds its thread's generator with
 * {@code seedFor(seedFor(~seed, i), w)}, so dropout depends only on (seed, iteration, worker) and a resumed run
 * repeats an uninterrupted one.
 */
final class DataParallel implements AutoCloseable {

    private final ComputationGraph master;
    private final List<Replica> replicas = new ArrayList<>();
    private final int workers;
    private final List<Future<Double>> pending = new ArrayList<>();

    /** One replica: a graph with the trained graph's configuration, and the thread it runs on. */
    private static final class Replica {
        final ExecutorService thread;
        ComputationGraph graph;

        Replica(ExecutorService thread) {
            this.thread = thread;
        }
    }

    /**
     * Builds N−1 replicas of {@code master} (its configuration, a copy of its parameters, the active accelerator's
     * helpers), each on its own thread; on a backend with several devices, replica w's thread works on device
     * w mod devices.
     *
     * @param master  the graph being trained (accelerated form allowed)
     * @param workers N ≥ 2
     */
    DataParallel(ComputationGraph master, int workers) {
        if (workers < 2) {
            throw new IllegalArgumentException("workers: expected at least 2, found " + workers);
        }
        this.master = master;
        this.workers = workers;
        int devices = Math.max(1, Nd4j.getAffinityManager().getNumberOfDevices());
        ComputationGraphConfiguration conf = master.getConfiguration();
        INDArray params = master.params();
        List<Future<ComputationGraph>> built = new ArrayList<>();
        for (int w = 1; w < workers; w++) {
            int worker = w;
            ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "densereg-worker-" + worker);
                t.setDaemon(true);
                return t;
            });
            Replica replica = new Replica(thread);
            replicas.add(replica);
            built.add(thread.submit(() -> {
                // ND4J binds a thread to a device on its first use; this one works on device (worker mod devices)
                Nd4j.getAffinityManager().unsafeSetDevice(worker % devices);
                ComputationGraph graph = new ComputationGraph(conf.clone());
                graph.init(params.dup(), false);
                Accelerators.active().accelerateInPlace(graph);
                return graph;
            }));
        }
        for (int i = 0; i < built.size(); i++) {
            replicas.get(i).graph = await(built.get(i));
        }
    }

    /** N, the number of workers (the trained graph included). */
    int workers() {
        return workers;
    }

    /**
     * Starts the replicas on their shards of one iteration's batch and returns worker 0's shard, which the caller
     * fits on the trained graph with {@link #averagingListener()} among its listeners.
     *
     * @param batch     the iteration's whole batch, features [B, …] and labels [B, …], B divisible by N
     * @param seed      the run's seed
     * @param iteration the 0-based iteration
     * @return features and labels of images [0, B/N)
     * @throws org.densereg.io.BadInputException when B is not a multiple of N
     */
    MultiDataSet start(MultiDataSet batch, long seed, long iteration) {
        long images = batch.getFeatures(0).size(0);
        if (images % workers != 0) {
            throw new org.densereg.io.BadInputException(null, String.format(Locale.ROOT,
                    "the batch of iteration %d has %d images, which trainer.workers=%d cannot split evenly: use a "
                            + "batch size that is a multiple of the number of workers", iteration, images, workers));
        }
        long shard = images / workers;
        pending.clear();
        int iterationCount = master.getConfiguration().getIterationCount();
        int epochCount = master.getConfiguration().getEpochCount();
        INDArray params = master.params();
        for (int w = 1; w < workers; w++) {
            Replica replica = replicas.get(w - 1);
            MultiDataSet part = slice(batch, w * shard, (w + 1) * shard);
            long replicaSeed = BatchSource.seedFor(BatchSource.seedFor(~seed, iteration), w);
            pending.add(replica.thread.submit(() -> {
                ComputationGraph g = replica.graph;
                g.setParams(params);
                g.getConfiguration().setIterationCount(iterationCount);
                g.getConfiguration().setEpochCount(epochCount);
                Nd4j.getRandom().setSeed(replicaSeed);
                g.setInputs(part.getFeatures());
                g.setLabels(part.getLabels());
                g.setLayerMaskArrays(part.getFeaturesMaskArrays(), part.getLabelsMaskArrays());
                g.computeGradientAndScore();
                g.clearLayerMaskArrays();
                Nd4j.getExecutioner().commit();
                return g.score();
            }));
        }
        return slice(batch, 0, shard);
    }

    /**
     * The listener that replaces the trained graph's gradient and score by the workers' means, after its backward pass
     * and before its update. Put it before any listener that reads the score in {@code onGradientCalculation}.
     */
    BaseTrainingListener averagingListener() {
        return new BaseTrainingListener() {
            @Override
            public void onGradientCalculation(Model model) {
                average();
            }
        };
    }

    private void average() {
        double score = master.score();
        List<INDArray> gradients = new ArrayList<>(workers);
        gradients.add(master.getFlattenedGradients());
        for (int i = 0; i < pending.size(); i++) {
            score += await(pending.get(i));
            gradients.add(replicas.get(i).graph.getFlattenedGradients());
        }
        pending.clear();
        // the mean into every array (the trained graph's first); on CUDA this also moves the replicas' gradients over
        Nd4j.averageAndPropagate(null, gradients);
        master.setScore(score / workers);
    }

    /** Waits for any replica still running (after a failed iteration), then stops the threads. */
    @Override
    public void close() {
        for (Future<Double> f : pending) {
            f.cancel(false);
        }
        pending.clear();
        for (Replica replica : replicas) {
            replica.thread.submit(() -> Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread());
            replica.thread.shutdown();
        }
    }

    private static MultiDataSet slice(MultiDataSet batch, long from, long to) {
        return new org.nd4j.linalg.dataset.MultiDataSet(rows(batch.getFeatures(), from, to),
                rows(batch.getLabels(), from, to), rows(batch.getFeaturesMaskArrays(), from, to),
                rows(batch.getLabelsMaskArrays(), from, to));
    }

    private static INDArray[] rows(INDArray[] arrays, long from, long to) {
        if (arrays == null) {
            return null;
        }
        INDArray[] out = new INDArray[arrays.length];
        for (int i = 0; i < arrays.length; i++) {
            if (arrays[i] != null) {
                INDArrayIndex[] index = new INDArrayIndex[arrays[i].rank()];
                index[0] = NDArrayIndex.interval(from, to);
                for (int d = 1; d < index.length; d++) {
                    index[d] = NDArrayIndex.all();
                }
                out[i] = arrays[i].get(index).dup();
            }
        }
        return out;
    }

    private static <T> T await(Future<T> future) {
        try {
            return Futures.await(future);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
