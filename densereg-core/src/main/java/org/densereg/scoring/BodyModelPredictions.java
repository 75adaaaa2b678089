package org.densereg.scoring;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.densereg.io.BadInputException;
import org.densereg.model.ModelArchive;
import org.densereg.network.InputNormalisation;
import org.densereg.train.body.BodyBatchEncoder;
import org.densereg.train.body.BodyTask;
import org.densereg.train.body.BodyTrainConfig;
import org.densereg.train.body.BodyTrainConfigs;
import org.densereg.train.body.BodyValidationSet;
import org.densereg.train.body.BodyValidator;
import org.densereg.trainingdata.body.BodySupervisionFolder;

/**
 * A trained body model run on the LSP images of a {@code supervise-body} folder (each crop placed around the image's
 * ground-truth joints, as in training and validation), giving both joint sources in original-image pixels. This is
 * what {@code densereg evaluate --dataset lsp --model} scores with the standard LSP evaluator.
 */
public final class BodyModelPredictions {

    private BodyModelPredictions() {
    }

    /**
     * The result for images {@code first..last}.
     *
     * @param task        the task the model was trained for (its primary joint source)
     * @param numbers     [M] the LSP image numbers predicted, ascending
     * @param predictions the joints of both sources ({@link BodyValidator.Predictions})
     */
    public record Result(BodyTask task, int[] numbers, BodyValidator.Predictions predictions) {

        /** @return [M·14·2] the joints of the model's own source (dense maps for DENSE, else the heatmap head) */
        public double[] primary() {
            return task == BodyTask.DENSE ? predictions.dense() : predictions.heatmap();
        }
    }

    /**
     * @param model       a loaded body model ({@code task} "body", written by {@code train-body})
     * @param archive     its file, for messages
     * @param supervision a {@code supervise-body} folder holding every image of the range (opened after the model is
     *                  checked)
     * @param first       first LSP image number (1-based)
     * @param last        last LSP image number
     * @param batchSize   images per forward pass (changes only float round-off)
     * @return the predictions
     * @throws BadInputException when the archive is not a body model or images of the range are missing
     * @throws IOException       on a read error
     */
    public static Result predict(ModelArchive.Loaded model, Path archive, Path supervision, int first, int last,
            int batchSize) throws IOException {
        if (!"body".equals(model.metadata().task())) {
            throw new BadInputException(archive, "expected a body model (task \"body\", from train-body), found task \""
                    + model.metadata().task() + "\"");
        }
        BodyTrainConfig config = trainingConfig(model, archive);
        BodySupervisionFolder folder = BodySupervisionFolder.open(supervision);
        int[] numbers = folder.numbers(first, last);
        int expected = last - first + 1;
        if (numbers.length != expected) {
            throw new BadInputException(folder.folder(), "holds " + numbers.length + " of the " + expected + " images "
                    + first + "-" + last + " (run supervise-body with --split all or --split test)");
        }
        InputNormalisation normalisation = new InputNormalisation(model.metadata().inputMean(), model.metadata().inputScale());
        BodyBatchEncoder encoder = new BodyBatchEncoder(config.effectiveNetwork(), normalisation, config.data().heatmapSigma());
        BodyValidationSet set = BodyValidationSet.read(folder, numbers, numbers.length, model.metadata().inputSize());
        BodyValidator validator = new BodyValidator(set, encoder, config.data().task(), batchSize);
        return new Result(config.data().task(), numbers, validator.predict(model.graph()));
    }

    /**
     * Predicts the samples {@code ids} of a folder of any dataset (e.g. MPII persons {@code <image>_<person>}).
     *
     * @param model       a loaded body model ({@code task} "body")
     * @param archive     its file, for messages
     * @param folder      the {@code supervise-body} folder holding every id
     * @param ids         [M] the sample ids, in the order wanted
     * @param batchSize   images per forward pass
     * @return the model's task and the joints of both sources in original-image pixels, in the order of {@code ids}
     * @throws BadInputException when the archive is not a body model
     * @throws IOException       when a sample cannot be read
     */
    public static Predicted predict(ModelArchive.Loaded model, Path archive, BodySupervisionFolder folder,
            List<String> ids, int batchSize) throws IOException {
        if (!"body".equals(model.metadata().task())) {
            throw new BadInputException(archive, "expected a body model (task \"body\", from train-body), found task \""
                    + model.metadata().task() + "\"");
        }
        BodyTrainConfig config = trainingConfig(model, archive);
        InputNormalisation normalisation = new InputNormalisation(model.metadata().inputMean(), model.metadata().inputScale());
        BodyBatchEncoder encoder = new BodyBatchEncoder(config.effectiveNetwork(), normalisation, config.data().heatmapSigma());
        BodyValidationSet set = BodyValidationSet.read(folder, ids, ids.size(), model.metadata().inputSize());
        BodyValidator validator = new BodyValidator(set, encoder, config.data().task(), batchSize);
        return new Predicted(config.data().task(), validator.predict(model.graph()));
    }

    /**
     * Predictions of samples by id.
     *
     * @param task        the task the model was trained for
     * @param predictions the joints of both sources, in the order asked for
     */
    public record Predicted(BodyTask task, BodyValidator.Predictions predictions) {
    }

    /** The training configuration stored in the archive. */
    static BodyTrainConfig trainingConfig(ModelArchive.Loaded model, Path archive) throws IOException {
        Path tmp = Files.createTempFile("densereg-body-config", ".yaml");
        try {
            Files.writeString(tmp, model.resolvedConfig(), StandardCharsets.UTF_8);
            return BodyTrainConfigs.resolve(tmp.toString(), List.of());
        } catch (BadInputException e) {
            throw new BadInputException(archive, "its training configuration cannot be read: " + e.getMessage());
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
