package org.densereg.infer;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.densereg.data.face.FaceCrop;
import org.densereg.runtime.ProgressListener;

/**
 * Batch inference over many faces: the task-neutral {@link InferencePipeline} (decoding and writing on worker
 * threads beside the network, resumable, failures listed and skipped, {@code summary.json} and {@code failures.csv}
 * at the end) with a {@link FacePredictor} and a {@link FaceOutputWriter}. Each face is an {@link InferenceItem}
 * located by the whole image, its {@code .pts} or a box ({@link InferenceItem#crop}). Outputs are byte-identical
 * whatever the thread count and batch size (one forward pass per face). Not thread-safe: one {@link #run} at a time.
 */
public final class FaceInferenceRun implements InferencePipeline.Task<FaceCrop, FacePrediction> {

    private static final InferencePipeline.Names NAMES =
            new InferencePipeline.Names("face", "faces", "without_landmarks");

    private final FacePredictor predictor;
    private final FaceOutputWriter writer;
    private final InferenceOptions options;

    /**
     * @param predictor the model (and its landmark mode)
     * @param writer    where and what to write
     * @param options   batch size and threads
     */
    public FaceInferenceRun(FacePredictor predictor, FaceOutputWriter writer, InferenceOptions options) {
        this.predictor = predictor;
        this.writer = writer;
        this.options = options;
    }

    /**
     * Runs over the faces.
     *
     * @param items         faces to predict (ids unique)
     * @param inputFailures inputs already known to be unusable (e.g. bad annotation files); listed in failures.csv
     * @param progress      progress sink
     * @param info          extra entries for {@code summary.json} (model, inputs, options)
     * @return the summary (also written as {@code summary.json}; {@link InferenceSummary#missingPoints()} counts
     *         faces without landmarks, key {@code without_landmarks})
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
        settings.put("landmark_mode", predictor.mode().name().toLowerCase(Locale.ROOT));
        settings.put("input_size", predictor.inputSize());
        return settings;
    }

    @Override
    public ItemOutputFiles outputs() {
        return writer.files();
    }

    @Override
    public FaceCrop crop(InferenceItem item, int width, int height) {
        return item.crop(width, height, predictor.inputSize());
    }

    @Override
    public BufferedImage input(FaceCrop crop, BufferedImage image) {
        return crop.toImage(image);
    }

    @Override
    public List<FacePrediction> predict(List<BufferedImage> inputs, List<FaceCrop> crops) {
        return predictor.predictCrops(inputs, crops);
    }

    @Override
    public void write(InferenceItem item, BufferedImage image, FacePrediction prediction) throws IOException {
        writer.write(item.id(), item.image(), image, prediction, predictor.mode());
    }

    @Override
    public boolean lacksPoints(FacePrediction prediction) {
        return !prediction.hasLandmarks();
    }
}
