package org.densereg.spark;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code spark} section of a {@code densereg-spark train} configuration: how the iterations are spread over the
 * executors.
 *
 * @param averageEvery k, iterations between synchronisations, &ge; 1. 1 (default): gradient aggregation, every
 *                     iteration the shards' gradients are averaged on the driver and the run's optimiser takes one
 *                     step, as {@code densereg train} with the whole batch. k &gt; 1: parameter averaging, each shard
 *                     takes k local optimiser steps from the broadcast parameters and optimiser state, and the driver
 *                     averages the parameters and the optimiser state (rounds are also cut at checkpoints and
 *                     validations)
 * @param shards       how many equal shards each batch is split into, one Spark task each; 0 (default): Spark's
 *                     default parallelism (the application's cores, e.g. 2 in {@code local[2]}). {@code data.batchSize}
 *                     must be a multiple of it
 */
public record SparkTrainConfig(int averageEvery, int shards) {

    /** @return gradient aggregation every iteration over Spark's default parallelism */
    public static SparkTrainConfig defaults() {
        return new SparkTrainConfig(1, 0);
    }

    /**
     * @param prefix key prefix for messages, e.g. {@code spark.}
     * @return every problem as {@code key: what}; empty when valid
     */
    public List<String> problems(String prefix) {
        List<String> p = new ArrayList<>();
        if (averageEvery < 1) {
            p.add(prefix + "averageEvery: expected a value >= 1 (1 = gradient aggregation every iteration), found "
                    + averageEvery);
        }
        if (shards < 0) {
            p.add(prefix + "shards: expected a value >= 0 (0 = Spark's default parallelism), found " + shards);
        }
        return p;
    }
}
