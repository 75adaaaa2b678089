package org.densereg.infer;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.densereg.runtime.ProgressListener;
import org.densereg.supervision.body.BodyCrop;

/**
 * Batch inference over many persons: the task-neutral {@link InferencePipeline} (as for faces,
 * {@link FaceInferenceRun}) with a {@link BodyPredictor} and a {@link BodyOutputWriter}. Each person is an
 * {@link InferenceItem} located by a box or the whole image ({@link InferenceItem#bodyCrop}). Outputs are
 * byte-identical whatever the thread count and batch size (one forward pass per person). Not thread-safe: one
 * {@link #run} at a time.
 */
public final class BodyInferenceRun implements InferencePipeline.Task<BodyCrop, BodyPrediction> {

    private static final InferencePipeline.Names NAMES =
            new InferencePipeline.Names("person", "persons", "with_missing_joints");

    private final BodyPredictor model;
    private final BodyOutputWriter out;
    private final InferenceOptions options;

    /**
     * @param model   the body model
     * @param out     where and what to write
     * @param options batch size and threads
     */
    public BodyInferenceRun(BodyPredictor model, BodyOutputWriter out, InferenceOptions options) {
        this.model = model;
        this.out = out;
        this.options = options;
    }

    /**
     * Runs over the persons (ids unique; located by a box or the whole image), listing {@code inputFailures}
     * (inputs already known to be unusable) in failures.csv and adding {@code info} (model, inputs, options) to
     * {@code summary.json}. {@link InferenceSummary#missingPoints()} counts persons with a joint missing in the
     * primary source (key {@code with_missing_joints}).
     *
     * @return the summary (also written as {@code summary.json})
     * @throws IOException when the summary files cannot be written
     */
    public InferenceSummary run(List<InferenceItem> items, List<InferenceFailure> inputFailures,
            ProgressListener progress, Map<String, Object> info) throws IOException {
        return new InferencePipeline<>(this, options).run(items, inputFailures, progress, info);
    }

    @Override
    public InferencePipeline.Names names() {
        return NAMES;
    }

    @Override
    public Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("primary_source", model.primarySource().jsonName());
        settings.put("input_size", model.inputSize());
        return settings;
    }

    @Override
    public ItemOutputFiles outputs() {
        return out.files();
    }

    @Override
    public BodyCrop crop(InferenceItem item, int width, int height) {
        return item.bodyCrop(width, height, model.inputSize());
    }

    @Override
    public BufferedImage input(BodyCrop crop, BufferedImage image) {
        return crop.toImage(image);
    }

    @Override
    public List<BodyPrediction> predict(List<BufferedImage> inputs, List<BodyCrop> crops) {
        return model.predictCrops(inputs, crops);
    }

    @Override
    public void write(InferenceItem item, BufferedImage image, BodyPrediction prediction) throws IOException {
        out.write(item.id(), item.image(), image, prediction, model);
    }

    @Override
    public boolean lacksPoints(BodyPrediction prediction) {
        return prediction.missingJoints() > 0;
    }
}
