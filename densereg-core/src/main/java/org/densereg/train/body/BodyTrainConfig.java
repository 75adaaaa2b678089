package org.densereg.train.body;

import java.util.ArrayList;
import java.util.List;
import org.densereg.data.lsp.LspJoint;
import org.densereg.network.NetworkConfig;
import org.densereg.supervision.body.BodyPart;
import org.densereg.train.InvalidTrainerConfigException;
import org.densereg.train.ModelConfig;
import org.densereg.train.TrainerConfig;

/**
 * Everything {@code densereg train-body} needs; resolved from code defaults, a YAML file and {@code --set}
 * overrides (keys {@code network.*}, {@code trainer.*}, {@code data.*}, {@code model.*}). For bodies {@code network.bins} is the
 * number of body parts ({@value BodyPart#COUNT}) and {@code network.heatmapChannels} the 14 LSP joints; the
 * loss weights actually used depend on {@code data.task} ({@link #effectiveNetwork()}).
 *
 * @param network the architecture and loss weights (clsWeight: part cross-entropy, regWeight: u/v smooth-L1,
 *                heatmapWeight: joint heatmap MSE)
 * @param trainer iterations, seed, cadence, optimiser
 * @param data    supervision folder, task variant, splits
 * @param model   where the weights start from (pretrained backbone or fresh)
 */
public record BodyTrainConfig(NetworkConfig network, TrainerConfig trainer, BodyDataConfig data, ModelConfig model) {

    /** A configuration whose weights start fresh ({@link ModelConfig#defaults()}). */
    public BodyTrainConfig(NetworkConfig network, TrainerConfig trainer, BodyDataConfig data) {
        this(network, trainer, data, ModelConfig.defaults());
    }

    /**
     * @return ResNet-18 at width ¼, 129² input, 12 parts, 14 heatmap channels, λ_part = λ_uv = 1, λ_heatmap = 10
     *         (heatmap values are small), full-resolution outputs, seed 42; trainer and data defaults
     */
    public static BodyTrainConfig defaults() {
        NetworkConfig network = new NetworkConfig(18, 0.25, BodyPart.COUNT, 129, 129, LspJoint.COUNT, 1.0, 1.0, 10.0,
                true, 42L);
        return new BodyTrainConfig(network, TrainerConfig.defaults(), BodyDataConfig.defaults());
    }

    /** The network as built: the loss weights of the heads the task does not train set to 0. */
    public NetworkConfig effectiveNetwork() {
        NetworkConfig n = network;
        boolean dense = data.task().trainsDense();
        boolean heat = data.task().trainsHeatmap();
        return n.withLossWeights(dense ? n.clsWeight() : 0, dense ? n.regWeight() : 0, heat ? n.heatmapWeight() : 0);
    }

    /**
     * Checks the combination and reports every problem at once.
     *
     * @return this
     * @throws InvalidTrainerConfigException listing all problems
     */
    public BodyTrainConfig validate() {
        List<String> problems = new ArrayList<>();
        for (String p : trainer.problems()) {
            problems.add("trainer." + p);
        }
        problems.addAll(data.problems("data."));
        problems.addAll(model.problems("model."));
        if (network.bins() != BodyPart.COUNT) {
            problems.add("network.bins: for bodies this is the number of parts; expected " + BodyPart.COUNT + ", got "
                    + network.bins());
        }
        if (network.heatmapChannels() != LspJoint.COUNT) {
            problems.add("network.heatmapChannels: expected " + LspJoint.COUNT + " (one per LSP joint; every variant"
                    + " keeps the head so that the architecture is the same), got " + network.heatmapChannels());
        }
        if (network.inputHeight() != network.inputWidth()) {
            problems.add("network.inputWidth: body crops are square; inputWidth " + network.inputWidth()
                    + " != inputHeight " + network.inputHeight());
        }
        if (!problems.isEmpty()) {
            throw new InvalidTrainerConfigException(problems);
        }
        return this;
    }
}
