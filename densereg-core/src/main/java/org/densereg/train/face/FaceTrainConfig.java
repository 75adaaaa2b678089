package org.densereg.train.face;

import java.util.ArrayList;
import java.util.List;
import org.densereg.network.NetworkConfig;
import org.densereg.train.InvalidTrainerConfigException;
import org.densereg.train.ModelConfig;
import org.densereg.train.TrainerConfig;

/**
 * Everything {@code densereg train} needs for a face network; resolved from code defaults, a YAML file and
 * {@code --set key=value} overrides (keys {@code network.*}, {@code trainer.*}, {@code data.*}, {@code model.*}).
 *
 * @param network the architecture and loss weights
 * @param trainer iterations, seed, logging, validation and checkpoint cadence, optimiser
 * @param data    training and validation data
 * @param model   where the weights start from (pretrained backbone or fresh)
 */
public record FaceTrainConfig(NetworkConfig network, TrainerConfig trainer, FaceDataConfig data, ModelConfig model) {

    /** A configuration whose weights start fresh ({@link ModelConfig#defaults()}). */
    public FaceTrainConfig(NetworkConfig network, TrainerConfig trainer, FaceDataConfig data) {
        this(network, trainer, data, ModelConfig.defaults());
    }

    /** @return the CPU-sized defaults of each part */
    public static FaceTrainConfig defaults() {
        return new FaceTrainConfig(NetworkConfig.defaults(), TrainerConfig.defaults(), FaceDataConfig.defaults());
    }

    /**
     * Checks the combination (each part checks itself when built) and reports every problem at once.
     *
     * @return this
     * @throws InvalidTrainerConfigException listing all problems
     */
    public FaceTrainConfig validate() {
        List<String> problems = new ArrayList<>();
        for (String p : trainer.problems()) {
            problems.add("trainer." + p);
        }
        problems.addAll(data.problems("data."));
        problems.addAll(model.problems("model."));
        if (network.heatmapChannels() != 0) {
            problems.add("network.heatmapChannels: face training from UV supervision has no heatmap targets;"
                    + " set it to 0");
        }
        if (network.inputHeight() != network.inputWidth()) {
            problems.add("network.inputWidth: face crops are square; inputWidth " + network.inputWidth()
                    + " != inputHeight " + network.inputHeight());
        }
        if (!problems.isEmpty()) {
            throw new InvalidTrainerConfigException(problems);
        }
        return this;
    }
}
