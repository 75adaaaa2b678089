package org.densereg.train;

import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;

/** Evaluates the network on held-out data during training; the trainer keeps the best model by one metric. */
public interface Validator {

    /**
     * Evaluates the network (which must not be modified).
     *
     * @return metric name → value; must contain {@link #primaryMetric()}
     */
    Map<String, Double> validate(ComputationGraph graph);

    /** The metric that decides which checkpoint is {@code best.zip}. */
    String primaryMetric();

    /** True when smaller values of the primary metric are better (errors), false for scores. */
    boolean lowerIsBetter();
}
