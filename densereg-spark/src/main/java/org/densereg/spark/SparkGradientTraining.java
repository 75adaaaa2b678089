package org.densereg.spark;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Synchronous data-parallel training of a DL4J {@link ComputationGraph} on Spark, one step at a time: the driver
 * broadcasts the parameters, each partition (an executor's shard of the batch) computes the gradient of its examples
 * from them, {@code treeAggregate} sums the shards' gradients, and the driver applies plain SGD:
 * {@code θ ← θ − η · (Σ_shards Σ_examples ∇ℓ) / N}, N the examples of the whole batch. DL4J's own step with a
 * {@code Sgd(η)} updater divides the same sum by the minibatch size, so k shards of b examples give one process's step
 * on the k·b examples up to float rounding (summation order). Networks with batch normalisation differ: each shard
 * normalises over its own b examples (as in any data-parallel training without synchronised batch norm).
 *
 * <p>This is one plain-SGD step for any graph; {@code densereg-spark train} goes through {@link SparkTrainingStep}
 * instead, which applies the run's configured optimiser under core's trainer (checkpoints, validation, resume).
 */
public final class SparkGradientTraining {

    private SparkGradientTraining() {
    }

    /**
     * What one step did.
     *
     * @param score    the batch's mean loss before the step (shards' DL4J scores weighted by their examples)
     * @param examples examples in the batch
     */
    public record Step(double score, long examples) {
    }

    /** The running sums of treeAggregate: gradient Σ, score·examples Σ, examples. */
    static final class Sums implements Serializable {
        private static final long serialVersionUID = 1L;
        double[] gradient;
        double weightedScore;
        long examples;

        Sums add(Sums other) {
            if (other.gradient != null) {
                if (gradient == null) {
                    gradient = other.gradient.clone();
                } else {
                    for (int i = 0; i < gradient.length; i++) {
                        gradient[i] += other.gradient[i];
                    }
                }
            }
            weightedScore += other.weightedScore;
            examples += other.examples;
            return this;
        }
    }

    /**
     * One synchronous SGD step over a batch spread as shards over the executors.
     *
     * @param sc           the Spark context
     * @param graph        the driver's network; its parameters are updated in place
     * @param shards       the batch, one or more shards per partition
     * @param learningRate η
     * @return the batch's score before the step and its size
     */
    public static Step sgdStep(JavaSparkContext sc, ComputationGraph graph, JavaRDD<ShardBatch> shards,
            double learningRate) {
        String json = graph.getConfiguration().toJson();
        float[] params = graph.params().castTo(DataType.FLOAT).dup('c').data().asFloat();
        Broadcast<String> conf = sc.broadcast(json);
        Broadcast<float[]> theta = sc.broadcast(params);
        Sums total;
        try {
            total = shards.treeAggregate(new Sums(), (sums, shard) -> sums.add(gradient(conf.value(), theta.value(),
                    shard)), Sums::add);
        } finally {
            theta.destroy();
            conf.destroy();
        }
        if (total.examples == 0) {
            throw new IllegalArgumentException("an empty batch");
        }
        double[] g = total.gradient;
        float[] updated = new float[params.length];
        for (int i = 0; i < params.length; i++) {
            updated[i] = (float) (params[i] - learningRate * g[i] / total.examples);
        }
        graph.setParams(Nd4j.create(updated, new long[] {1, updated.length}, 'c').castTo(graph.params().dataType()));
        return new Step(total.weightedScore / total.examples, total.examples);
    }

    /** One shard's gradient sum at the given parameters, on the executor's copy of the network. */
    private static Sums gradient(String json, float[] params, ShardBatch shard) {
        ComputationGraph net = ExecutorGraphs.get(json);
        Sums sums = new Sums();
        synchronized (net) {
            net.setParams(Nd4j.create(params, new long[] {1, params.length}, 'c').castTo(net.params().dataType()));
            net.setInputs(shard.inputArrays());
            net.setLabels(shard.labelArrays());
            net.computeGradientAndScore();
            INDArray grad = net.gradient().gradient();
            sums.gradient = grad.castTo(DataType.DOUBLE).dup('c').data().asDouble();
            sums.weightedScore = net.score() * shard.examples();
            sums.examples = shard.examples();
            net.clear();
        }
        return sums;
    }

    /** The networks built in this JVM, one per configuration. */
    static final class ExecutorGraphs {
        private static final Map<String, ComputationGraph> GRAPHS = new HashMap<>();

        private ExecutorGraphs() {
        }

        static synchronized ComputationGraph get(String json) {
            return GRAPHS.computeIfAbsent(json, j -> {
                ComputationGraph g = new ComputationGraph(ComputationGraphConfiguration.fromJson(j));
                g.init();
                return g;
            });
        }
    }
}
