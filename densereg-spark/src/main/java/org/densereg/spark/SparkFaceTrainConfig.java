package org.densereg.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.densereg.io.BadInputException;
import org.densereg.network.NetworkConfig;
import org.densereg.train.InvalidTrainerConfigException;
import org.densereg.train.ModelConfig;
import org.densereg.train.TrainConfigResolver;
import org.densereg.train.TrainerConfig;
import org.densereg.train.face.FaceDataConfig;
import org.densereg.train.face.FaceTrainConfig;
import org.densereg.train.face.FaceTrainConfigs;

/**
 * What {@code densereg-spark train} reads: a {@code densereg train} face configuration ({@code network.*},
 * {@code trainer.*}, {@code data.*}, {@code model.*}, the same bundled names and files) plus a {@code spark} section
 * ({@link SparkTrainConfig}).
 *
 * @param network the architecture
 * @param trainer iterations, seed, cadence, optimiser; {@code workers} must stay 1 (the executors are the workers)
 * @param data    training and validation data; {@code batchSize} is the global batch, split over the shards
 * @param model   where the weights start from
 * @param spark   how the iterations are spread over the executors
 */
public record SparkFaceTrainConfig(NetworkConfig network, TrainerConfig trainer, FaceDataConfig data, ModelConfig model,
        SparkTrainConfig spark) {

    private static final TrainConfigResolver<SparkFaceTrainConfig> RESOLVER = new TrainConfigResolver<>(
            SparkFaceTrainConfig.class, defaults(), FaceTrainConfigs.BUNDLED, "config");

    /** @return {@code densereg train}'s face defaults and {@link SparkTrainConfig#defaults()} */
    public static SparkFaceTrainConfig defaults() {
        FaceTrainConfig face = FaceTrainConfig.defaults();
        return new SparkFaceTrainConfig(face.network(), face.trainer(), face.data(), face.model(),
                SparkTrainConfig.defaults());
    }

    /**
     * Resolves {@code --config} (null, a YAML file or a bundled face config name) and {@code --set} overrides.
     *
     * @throws IOException       when the file cannot be read
     * @throws BadInputException when the file or a key is malformed or unknown
     */
    public static SparkFaceTrainConfig resolve(String config, List<String> overrides) throws IOException {
        return RESOLVER.resolve(config, overrides);
    }

    /** @return the face training configuration (without the {@code spark} section) */
    public FaceTrainConfig face() {
        return new FaceTrainConfig(network, trainer, data, model);
    }

    /**
     * Checks the face part as {@code densereg train} does, the {@code spark} section and their combination; reports
     * every problem at once.
     *
     * @return this
     * @throws InvalidTrainerConfigException listing all problems
     */
    public SparkFaceTrainConfig validate() {
        List<String> problems = new ArrayList<>();
        try {
            face().validate();
        } catch (InvalidTrainerConfigException e) {
            problems.addAll(e.problems());
        }
        problems.addAll(spark.problems("spark."));
        if (trainer.workers() != 1) {
            problems.add("trainer.workers: the Spark executors are the workers (spark.shards); expected 1, found "
                    + trainer.workers());
        }
        if (spark.shards() > 0 && data.batchSize() % spark.shards() != 0) {
            problems.add("data.batchSize: " + data.batchSize() + " images cannot be split into spark.shards="
                    + spark.shards() + " equal shards; use a multiple of it");
        }
        if (!problems.isEmpty()) {
            throw new InvalidTrainerConfigException(problems);
        }
        return this;
    }
}
