package org.densereg.train.body;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.densereg.config.ConfigLoader;
import org.densereg.io.BadInputException;
import org.densereg.model.ModelArchive;
import org.densereg.model.ModelMetadata;
import org.densereg.network.BodyNetworkFactory;
import org.densereg.network.InputNormalisation;
import org.densereg.network.NetworkConfig;
import org.densereg.runtime.BuildInfo;
import org.densereg.runtime.ProgressListener;
import org.densereg.train.InvalidTrainerConfigException;
import org.densereg.train.ModelArchiveWriter;
import org.densereg.train.Trainer;
import org.densereg.train.TrainingJob;
import org.densereg.train.TrainingSummary;
import org.densereg.trainingdata.body.BodySupervisionFolder;
import org.densereg.trainingdata.face.FaceAugmentation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A body training run: lists the supervision folder, builds the network ({@link BodyNetworkFactory} with the task's
 * loss weights), the batch source and the validator (LSP PCK@0.2, or PCKh@0.5 for {@link BodyDataset#MPII}; the
 * split as {@link BodyDataConfig#dataset()} says) from a {@link BodyTrainConfig}, trains (or resumes)
 * with the generic {@link Trainer} and writes {@code model-last.densereg.zip} / {@code model-best.densereg.zip}.
 */
public final class BodyTrainingJob implements TrainingJob<BodyTrainingJob.Outcome> {

    private static final Logger LOG = LoggerFactory.getLogger(BodyTrainingJob.class);

    /** File name of the archive of the final weights inside the run folder. */
    public static final String LAST_ARCHIVE = ModelArchiveWriter.LAST_ARCHIVE;
    /** File name of the archive of the best validated weights inside the run folder. */
    public static final String BEST_ARCHIVE = ModelArchiveWriter.BEST_ARCHIVE;
    /** The archive's template id. */
    public static final String TEMPLATE = "densereg-body-parts-v1";

    /**
     * The result of a run.
     *
     * @param summary    the trainer's summary
     * @param evaluation the final model's PCK (LSP) or PCKh (MPII) on the validation images, both joint sources
     * @param validationImages number of validation images evaluated
     */
    public record Outcome(TrainingSummary summary, BodyValidator.Evaluation evaluation, int validationImages) {
    }

    private final BodyTrainConfig config;
    private final BodySupervisionFolder folder;
    private final List<String> train;
    private final List<FolderBodyBatchSource.Sample> trainSamples;
    private final List<String> validation;
    private final InputNormalisation normalisation = InputNormalisation.imagenet();

    /**
     * @param config the resolved configuration (validated here, including that both image ranges are non-empty)
     * @throws InvalidTrainerConfigException listing every problem
     * @throws IOException                   when the folder cannot be listed
     */
    public BodyTrainingJob(BodyTrainConfig config) throws IOException {
        this.config = config.validate();
        BodyDataConfig d = config.data();
        if (d.dataset() == BodyDataset.MPII) {
            this.folder = BodySupervisionFolder.openAny(Path.of(d.source()));
            MpiiSplit split = MpiiSplit.of(folder.ids(), d.validationImages());
            this.train = split.train();
            this.validation = split.validation();
            if (train.isEmpty()) {
                throw new InvalidTrainerConfigException(List.of("data.validationImages: " + d.validationImages()
                        + " MPII images validate, which leaves none of the " + split.images() + " images of "
                        + d.source() + " to train on"));
            }
        } else {
            this.folder = openLsp(Path.of(d.source()));
            this.train = ids(folder.numbers(d.trainFirst(), d.trainLast()));
            this.validation = ids(folder.numbers(d.validationFirst(), d.validationLast()));
            if (train.isEmpty() || validation.isEmpty()) {
                throw new InvalidTrainerConfigException(List.of("data.source: " + d.source() + " has " + train.size()
                        + " samples in the training range and " + validation.size() + " in the validation range;"
                        + " both must be non-empty"));
            }
        }
        List<FolderBodyBatchSource.Sample> samples = new ArrayList<>();
        for (String id : train) {
            samples.add(new FolderBodyBatchSource.Sample(folder, id));
        }
        samples.addAll(extraSamples(d));
        this.trainSamples = List.copyOf(samples);
        if (d.dataset() == BodyDataset.LSP && (BodyDataConfig.touchesLspTest(d.trainFirst(), d.trainLast())
                || BodyDataConfig.touchesLspTest(d.validationFirst(), d.validationLast()))) {
            LOG.warn("data.trainFirst..trainLast {}..{} / data.validationFirst..validationLast {}..{} include LSP test "
                    + "images {}-{}: the standard protocol leaves them to densereg evaluate (defaults: train 1-900, "
                    + "validation 901-1000)", d.trainFirst(), d.trainLast(), d.validationFirst(), d.validationLast(),
                    BodyDataConfig.LSP_TEST_FIRST, BodyDataConfig.LSP_TEST_LAST);
        }
    }

    /**
     * Opens an LSP folder; one that holds samples of another dataset only is refused with the key to set.
     */
    private static BodySupervisionFolder openLsp(Path source) throws IOException {
        try {
            return BodySupervisionFolder.open(source);
        } catch (BadInputException noLsp) {
            BodySupervisionFolder any;
            try {
                any = BodySupervisionFolder.openAny(source);
            } catch (BadInputException none) {
                throw noLsp;
            }
            throw new BadInputException(source, "no LSP samples (imNNNN) among its " + any.ids().size()
                    + " samples (e.g. " + any.ids().get(0) + "): for supervise-body --dataset mpii output set"
                    + " data.dataset: MPII");
        }
    }

    private static List<String> ids(int[] numbers) {
        return java.util.Arrays.stream(numbers).mapToObj(BodySupervisionFolder::lspId).toList();
    }

    /**
     * Opens {@code data.extraSources}, checking every entry before training starts.
     *
     * @return the complete samples of each extra folder, folder by folder in the configured order, ids ascending
     * @throws InvalidTrainerConfigException naming {@code data.extraSources[i]} and the folder of every entry that is
     *                                       missing, holds no sample, or is {@code data.source} itself
     */
    private static List<FolderBodyBatchSource.Sample> extraSamples(BodyDataConfig d) throws IOException {
        List<String> problems = new ArrayList<>();
        List<FolderBodyBatchSource.Sample> samples = new ArrayList<>();
        Path source = Path.of(d.source()).toAbsolutePath().normalize();
        for (int i = 0; i < d.extraSources().size(); i++) {
            String key = "data.extraSources[" + i + "]: ";
            Path extra = Path.of(d.extraSources().get(i));
            if (extra.toAbsolutePath().normalize().equals(source)
                    || (Files.isDirectory(extra) && Files.isSameFile(extra, Path.of(d.source())))) {
                problems.add(key + extra + " is data.source itself; its validation images would be trained on");
                continue;
            }
            try {
                samples.addAll(FolderBodyBatchSource.allSamples(BodySupervisionFolder.openAny(extra)));
            } catch (BadInputException e) {
                problems.add(key + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidTrainerConfigException(problems);
        }
        return samples;
    }

    /** @return the number of training samples: the LSP training images of {@code data.source} plus the extras */
    public int trainingSamples() {
        return trainSamples.size();
    }

    /** @return the LSP image numbers of {@code data.source} that validate, ascending (empty for MPII) */
    public int[] validationNumbers() {
        return validation.stream().filter(id -> id.matches("im\\d{4,5}")).mapToInt(id -> Integer.parseInt(
                id.substring(2))).toArray();
    }

    /** @return the sample ids of {@code data.source} that validate, in validation order */
    public List<String> validationIds() {
        return validation;
    }

    /**
     * Trains from scratch, or resumes the run in {@code runDir}.
     *
     * @param runDir      run folder
     * @param resume      continue from the last complete checkpoint
     * @param progress    progress callback
     * @param commandLine the command line recorded in the run folder
     * @return the outcome
     * @throws IOException on I/O failure
     */
    @Override
    public Outcome run(Path runDir, boolean resume, ProgressListener progress, String commandLine) throws IOException {
        NetworkConfig network = config.effectiveNetwork();
        BodyDataConfig d = config.data();
        BodyBatchEncoder encoder = new BodyBatchEncoder(network, normalisation, d.heatmapSigma());
        int size = network.inputHeight();
        FolderBodyBatchSource source = batchSource(encoder, size);
        int validationCount = d.dataset() == BodyDataset.MPII ? validation.size() : d.validationImages();
        BodyValidationSet set = BodyValidationSet.read(folder, validation, validationCount, size);
        BodyValidator validator = new BodyValidator(set, encoder, d.task(), d.batchSize(), d.dataset());
        LOG.info("body training ({}, {}): ResNet-{} ×{} at {}², batch {}, {} iterations; {} training samples, {}"
                + " validation samples ({}) from {}{}", d.dataset(), d.task(), network.depth(),
                network.widthMultiplier(), size, d.batchSize(), config.trainer().iterations(), trainSamples.size(),
                set.size(), d.dataset() == BodyDataset.MPII ? "PCKh@0.5" : "LSP PCK@0.2", d.source(),
                d.extraSources().isEmpty() ? "" : " (training: " + train.size() + " from data.source + "
                        + (trainSamples.size() - train.size()) + " from " + d.extraSources() + ")");
        String yaml = ConfigLoader.toYaml(config);
        Trainer trainer = Trainer.builder(config.trainer(), source, runDir)
                .optValidator(validator)
                .optProgress(progress)
                .optResolvedConfig(yaml)
                .optCommandLine(commandLine)
                .optArchiveWriter(new ModelArchiveWriter(metadata(), yaml))
                .build();
        if (resume && config.model().initPath() != null) {
            LOG.info("model.init {} is not used on resume: the checkpoint holds the weights", config.model().init());
        }
        TrainingSummary summary = resume ? trainer.resume()
                : trainer.train(BodyNetworkFactory.build(network, config.model().initPath()));
        return new Outcome(summary, validator.evaluate(summary.model()), set.size());
    }


    /**
     * @param encoder   builds features and targets
     * @param inputSize network input side
     * @return the training batches: {@code data.source}'s LSP training images, then every extra sample
     */
    FolderBodyBatchSource batchSource(BodyBatchEncoder encoder, int inputSize) {
        BodyDataConfig d = config.data();
        FaceAugmentation augmentation = d.augments() ? new FaceAugmentation(d.maxScale(), d.maxRotationDegrees(),
                d.maxShift(), 0, d.colourJitter(), d.colourJitter(), d.colourJitter()) : null;
        return new FolderBodyBatchSource(trainSamples, encoder, inputSize, d.batchSize(), d.flipProbability(),
                augmentation, config.trainer().seed());
    }

    /** @return the archive metadata (task {@code body}, bins = parts, no landmark UV) */
    ModelMetadata metadata() {
        @SuppressWarnings("unchecked")
        Map<String, Object> network = new ObjectMapper().convertValue(config.effectiveNetwork(), Map.class);
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("iterations", config.trainer().iterations());
        training.put("seed", config.trainer().seed());
        training.put("data", config.data().source());
        if (!config.data().extraSources().isEmpty()) {
            training.put("extraData", config.data().extraSources());
        }
        training.put("task", config.data().task().name());
        training.put(ModelMetadata.TEST_TIME_FLIP, config.model().testTimeFlip());
        training.put("version", BuildInfo.current().version());
        training.put("gitRevision", BuildInfo.current().revision());
        return new ModelMetadata(ModelArchive.FORMAT_VERSION, "body", TEMPLATE, config.network().bins(),
                config.network().inputHeight(), normalisation.mean(), normalisation.scale(), new Double[0], network,
                training, null);
    }
}
