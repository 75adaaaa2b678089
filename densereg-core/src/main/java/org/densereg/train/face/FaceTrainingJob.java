package org.densereg.train.face;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.densereg.config.ConfigLoader;
import org.densereg.data.face.DatasetSplit;
import org.densereg.model.ModelArchive;
import org.densereg.model.ModelMetadata;
import org.densereg.model3d.MorphableModel;
import org.densereg.model3d.MorphableModels;
import org.densereg.model3d.UvMode;
import org.densereg.network.DenseRegNetworkFactory;
import org.densereg.network.InputNormalisation;
import org.densereg.network.NetworkConfig;
import org.densereg.runtime.BuildInfo;
import org.densereg.runtime.ProgressListener;
import org.densereg.train.BatchSource;
import org.densereg.train.InvalidTrainerConfigException;
import org.densereg.train.ModelArchiveWriter;
import org.densereg.train.Trainer;
import org.densereg.train.TrainingJob;
import org.densereg.train.TrainingStep;
import org.densereg.train.TrainingSummary;
import org.densereg.trainingdata.face.FaceAugmenter;
import org.densereg.trainingdata.face.FaceSupervisionFolder;
import org.densereg.trainingdata.synthetic.SyntheticFaceConfig;
import org.densereg.trainingdata.synthetic.SyntheticFaceRenderer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A face training run: builds the network, the batch source and the validator from a {@link FaceTrainConfig},
 * trains (or resumes) with the generic {@link Trainer} and writes model archives
 * ({@code model-last.densereg.zip}, {@code model-best.densereg.zip}) into the run folder.
 */
public final class FaceTrainingJob implements TrainingJob<FaceTrainingJob.Outcome> {

    private static final Logger LOG = LoggerFactory.getLogger(FaceTrainingJob.class);

    /** File name of the archive of the final weights inside the run folder. */
    public static final String LAST_ARCHIVE = ModelArchiveWriter.LAST_ARCHIVE;
    /** File name of the archive of the best validated weights inside the run folder. */
    public static final String BEST_ARCHIVE = ModelArchiveWriter.BEST_ARCHIVE;

    /**
     * The result of a run.
     *
     * @param summary the trainer's summary (final model, best metric, time)
     * @param heldOut the final model's validation figures on the held-out faces ({@link FaceValidator})
     */
    public record Outcome(TrainingSummary summary, Map<String, Double> heldOut) {
    }

    private final FaceTrainConfig config;
    private final MorphableModel template;
    private final InputNormalisation normalisation;
    private final FaceSupervisionFolder folder;
    private final DatasetSplit split;
    private final TrainingStep step;
    private final String resolvedConfig;

    /**
     * @param config the resolved configuration (validated here, including the data: every supervision file's
     *               header is checked before training starts)
     * @throws InvalidTrainerConfigException listing every problem of the configuration
     * @throws IOException                   when the template model or the data cannot be read
     */
    public FaceTrainingJob(FaceTrainConfig config) throws IOException {
        this(config, null, null);
    }

    /**
     * A job whose iterations another engine takes (e.g. {@code densereg-spark train}): the batches, the run folder,
     * checkpoints, validation and archives are this job's, the updates {@code step}'s ({@link Trainer.Builder#optStep}).
     *
     * @param config         the resolved face configuration (validated here, as by {@link #FaceTrainingJob(FaceTrainConfig)})
     * @param step           takes the iterations; null: fitted in this process
     * @param resolvedConfig the YAML recorded as {@code config.resolved.yaml} and in the model archives, when the run's
     *                       configuration has more than {@code config} (e.g. a {@code spark} section); null: {@code config}'s
     * @throws InvalidTrainerConfigException listing every problem of the configuration
     * @throws IOException                   when the template model or the data cannot be read
     */
    public FaceTrainingJob(FaceTrainConfig config, TrainingStep step, String resolvedConfig) throws IOException {
        this.config = config.validate();
        this.step = step;
        this.resolvedConfig = resolvedConfig;
        this.template = MorphableModels.load(config.data().template(), UvMode.CYLINDRICAL);
        this.normalisation = InputNormalisation.imagenet();
        if (config.data().synthetic()) {
            this.folder = null;
            this.split = null;
        } else {
            this.folder = FaceSupervisionFolder.open(Path.of(config.data().source()));
            folder.requireValid();
            this.split = folder.split(config.data().validationFraction(), config.data().validationSeed());
            if (split.train().length == 0 || split.validation().length == 0) {
                throw new InvalidTrainerConfigException(List.of("data.validationFraction: " + folder.size()
                        + " faces give an empty training or validation split"));
            }
        }
    }

    /**
     * Trains from scratch, or resumes the run in {@code runDir}.
     *
     * @param runDir      run folder
     * @param resume      continue from the last complete checkpoint
     * @param progress    progress callback
     * @param commandLine the command line, recorded in the run folder
     * @return what the trainer reports and the final network's figures on the held-out faces
     * @throws IOException when the run folder cannot be written or read
     */
    @Override
    public Outcome run(Path runDir, boolean resume, ProgressListener progress, String commandLine)
            throws IOException {
        NetworkConfig network = config.network();
        FaceBatchEncoder encoder = new FaceBatchEncoder(network, normalisation);
        int size = network.inputHeight();
        BatchSource source;
        FaceValidationSet validationSet;
        if (folder == null) {
            SyntheticFaceRenderer renderer = new SyntheticFaceRenderer(template, syntheticConfig());
            source = new SyntheticFaceBatchSource(renderer, encoder, config.data().batchSize(), config.trainer().seed());
            validationSet = FaceValidationSet.synthetic(renderer, config.data().validationImages(),
                    config.data().validationSeed());
        } else {
            source = new FolderFaceBatchSource(folder, split.train(), new FaceAugmenter(config.data().augmentation()),
                    encoder, size, config.data().batchSize(), config.trainer().seed());
            validationSet = FaceValidationSet.fromFolder(folder, split.validation(), config.data().validationImages(),
                    size);
            LOG.info("supervision folder {}: {} training faces, {} validation faces used", config.data().source(),
                    split.train().length, validationSet.size());
        }
        FaceValidator validator = new FaceValidator(validationSet, encoder, normalisation, template.landmarkUv(),
                config.data().batchSize());
        String yaml = resolvedConfig != null ? resolvedConfig : ConfigLoader.toYaml(config);
        Trainer trainer = Trainer.builder(config.trainer(), source, runDir)
                .optStep(step)
                .optValidator(validator)
                .optProgress(progress)
                .optResolvedConfig(yaml)
                .optCommandLine(commandLine)
                .optArchiveWriter(new ModelArchiveWriter(metadata(), yaml))
                .build();
        LOG.info("face training: ResNet-{} ×{} at {}², K = {}, batch {}, {} iterations, data {}", network.depth(),
                network.widthMultiplier(), network.inputHeight(), network.bins(), config.data().batchSize(),
                config.trainer().iterations(), config.data().source());
        if (resume && config.model().initPath() != null) {
            LOG.info("model.init {} is not used on resume: the checkpoint holds the weights", config.model().init());
        }
        TrainingSummary summary = resume ? trainer.resume()
                : trainer.train(DenseRegNetworkFactory.build(network, config.model().initPath()));
        return new Outcome(summary, validator.validate(summary.model()));
    }

    private SyntheticFaceConfig syntheticConfig() {
        SyntheticFaceConfig d = SyntheticFaceConfig.defaults();
        return new SyntheticFaceConfig(config.network().inputHeight(), config.data().maxYaw(), d.maxPitch(),
                d.maxRoll(), d.shapeSigma(), d.expressionSigma(), d.minFaceFraction(), d.maxFaceFraction(),
                d.maxShift(), config.data().occluderProbability(), config.data().style());
    }


    /** @return the archive metadata of this job's models (weights hash filled in by the archive) */
    ModelMetadata metadata() {
        @SuppressWarnings("unchecked")
        Map<String, Object> network = new ObjectMapper().convertValue(config.network(), Map.class);
        Map<String, Object> training = new LinkedHashMap<>();
        training.put("iterations", config.trainer().iterations());
        training.put("seed", config.trainer().seed());
        training.put("data", config.data().source());
        if (config.data().synthetic()) {
            training.put("renderStyle", config.data().style().key());
        }
        training.put("version", BuildInfo.current().version());
        training.put("gitRevision", BuildInfo.current().revision());
        return new ModelMetadata(ModelArchive.FORMAT_VERSION, "face", template.name() + "/cylindrical",
                config.network().bins(), config.network().inputHeight(), normalisation.mean(), normalisation.scale(),
                ModelMetadata.boxLandmarkUv(template.landmarkUv()), network, training, null);
    }
}
