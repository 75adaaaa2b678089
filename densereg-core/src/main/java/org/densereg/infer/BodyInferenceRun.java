package org.densereg.infer;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.densereg.infer.FaceInferenceRun.Failure;
import org.densereg.infer.FaceInferenceRun.Options;
import org.densereg.infer.FaceInferenceRun.Summary;
import org.densereg.runtime.ProgressListener;
import org.densereg.supervision.body.BodyCrop;

/**
 * Batch inference over many persons with the same pipeline as faces ({@link FaceInferenceRun}: decoding and writing
 * on worker threads beside the network, resumable, failures listed and skipped, {@code summary.json} and
 * {@code failures.csv} at the end). Each person is an {@link InferenceItem} located by a box or the whole image
 * ({@link InferenceItem#bodyCrop}). Outputs are byte-identical whatever the thread count and batch size (one
 * forward pass per person). Not thread-safe: one {@link #run} at a time.
 */
public final class BodyInferenceRun {

    private static final InferencePipeline.Names NAMES = new InferencePipeline.Names("person", "persons",
            "with_missing_joints");

    private final BodyPredictor predictor;
    private final BodyOutputWriter writer;
    private final Options options;

    /**
     * @param predictor the model
     * @param writer    where and what to write
     * @param options   batch size and threads
     */
    public BodyInferenceRun(BodyPredictor predictor, BodyOutputWriter writer, Options options) {
        this.predictor = predictor;
        this.writer = writer;
        this.options = options;
    }

    /**
     * Runs over the persons.
     *
     * @param items         persons to predict (ids unique; located by a box or the whole image)
     * @param inputFailures inputs already known to be unusable; listed in failures.csv
     * @param progress      progress sink
     * @param info          extra entries for {@code summary.json} (model, inputs, options)
     * @return the summary (also written as {@code summary.json}; {@link Summary#withoutLandmarks()} counts persons
     *         with a joint missing in the primary source, key {@code with_missing_joints})
     * @throws IOException when the summary files cannot be written
     */
    public Summary run(List<InferenceItem> items, List<Failure> inputFailures, ProgressListener progress,
            Map<String, Object> info) throws IOException {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("primary_source", predictor.primarySource().jsonName());
        settings.put("input_size", predictor.inputSize());
        return new InferencePipeline<>(new BodyTask(), options, NAMES).run(items, inputFailures, progress, settings, info);
    }

    /** Bodies for the shared pipeline. */
    private final class BodyTask implements InferencePipeline.Task<BodyCrop, BodyPrediction> {

        @Override
        public Path outDir() {
            return writer.outDir();
        }

        @Override
        public boolean isComplete(String id) {
            return writer.isComplete(id);
        }

        @Override
        public BodyCrop crop(InferenceItem item, int width, int height) {
            return item.bodyCrop(width, height, predictor.inputSize());
        }

        @Override
        public BufferedImage input(BodyCrop crop, BufferedImage image) {
            return crop.toImage(image);
        }

        @Override
        public List<BodyPrediction> predict(List<BufferedImage> inputs, List<BodyCrop> crops) {
            return predictor.predictCrops(inputs, crops);
        }

        @Override
        public void write(InferenceItem item, BufferedImage image, BodyPrediction prediction) throws IOException {
            writer.write(item.id(), item.image(), image, prediction, predictor);
        }

        @Override
        public boolean lacksPoints(BodyPrediction prediction) {
            return prediction.missingJoints() > 0;
        }
    }
}
