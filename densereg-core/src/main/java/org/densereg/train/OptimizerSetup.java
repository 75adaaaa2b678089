package org.densereg.train;

import java.util.Locale;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.densereg.network.Accelerators;
import org.densereg.network.DenseRegNetworkFactory;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies an {@link OptimizerConfig} to a ComputationGraph: the updater (with its learning-rate schedule) of
 * every trainable layer and weight decay on weights (not on biases, not on batch-norm parameters).
 */
public final class OptimizerSetup {

    private static final Logger LOG = LoggerFactory.getLogger(OptimizerSetup.class);

    private OptimizerSetup() {
    }

    /**
     * The DL4J updater for a config: {@code adam} → Adam; {@code sgd} → Nesterov momentum (DL4J has no
     * classical-momentum SGD), or plain SGD when momentum is 0; all driven by a {@link LearningRateSchedule}.
     *
     * @param totalIterations total training iterations (T of the poly schedule)
     */
    public static IUpdater updater(OptimizerConfig config, long totalIterations) {
        LearningRateSchedule schedule = LearningRateSchedule.of(config, totalIterations);
        switch (config.type().toLowerCase(Locale.ROOT)) {
            case "adam" -> {
                Adam adam = new Adam(schedule);
                adam.setBeta1(config.beta1());
                adam.setBeta2(config.beta2());
                adam.setEpsilon(config.epsilon());
                return adam;
            }
            case "sgd" -> {
                return config.momentum() > 0 ? new Nesterovs(schedule, config.momentum()) : new Sgd(schedule);
            }
            default -> throw new IllegalArgumentException("unknown optimizer type " + config.type()
                    + "; expected " + OptimizerConfig.TYPES);
        }
    }

    /**
     * Sets the updater and weight decay of every layer of a configuration in place (before the graph is built).
     * Layers that are not DL4J {@code BaseLayer}s and have parameters keep their own updater (logged).
     */
    public static void configure(ComputationGraphConfiguration conf, OptimizerConfig config, long totalIterations) {
        IUpdater updater = updater(config, totalIterations);
        for (var entry : conf.getVertices().entrySet()) {
            GraphVertex vertex = entry.getValue();
            if (!(vertex instanceof LayerVertex lv) || lv.getLayerConf() == null) {
                continue;
            }
            Layer layer = lv.getLayerConf().getLayer();
            if (layer instanceof BaseLayer base) {
                base.setIUpdater(updater.clone());
                base.setBiasUpdater(null);
            } else if (layer != null) {
                LOG.debug("layer {} ({}) is not a BaseLayer; its updater is left unchanged", entry.getKey(),
                        layer.getClass().getSimpleName());
            }
        }
        DenseRegNetworkFactory.setWeightDecay(conf, config.weightDecay());
    }

    /**
     * A new graph with the same parameters (batch-norm statistics included) and the given optimiser; its
     * updater state starts empty. The input graph is not modified.
     *
     * @param graph           an initialised graph
     * @param totalIterations total training iterations (T of the poly schedule)
     */
    public static ComputationGraph apply(ComputationGraph graph, OptimizerConfig config, long totalIterations) {
        ComputationGraphConfiguration conf = graph.getConfiguration().clone();
        configure(conf, config, totalIterations);
        ComputationGraph fresh = new ComputationGraph(conf);
        fresh.init(graph.params().dup(), false);
        Accelerators.active().accelerateInPlace(fresh);
        return fresh;
    }
}
