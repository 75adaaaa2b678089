package org.densereg.infer;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.densereg.data.face.FaceCrop;
import org.densereg.runtime.ProgressListener;

/**
 * Batch inference over many faces with a small pipeline: image decoding and cropping of the next batch and file
 * writing of the previous ones run on worker threads while the network runs the current batch. Faces whose
 * outputs are complete are skipped (resumable). A face whose image cannot be read or whose crop is invalid, or
 * whose outputs cannot be written, is listed in {@code failures.csv} and the run goes on. Writes
 * {@code summary.json} and {@code failures.csv} into the output folder at the end (atomically). The pipeline is
 * shared with bodies ({@link BodyInferenceRun}); {@link Options}, {@link Failure} and {@link Summary} serve both.
 *
 * <p>Outputs are byte-identical whatever the thread count and batch size: the predictor runs one forward pass
 * per face, so the batch size only sets how many faces are decoded ahead and handed to the predictor at once.
 * Not thread-safe: one {@link #run} at a time.
 */
public final class FaceInferenceRun {

    /**
     * Run options.
     *
     * @param batchSize faces decoded ahead and handed to the predictor together, ≥ 1 (each still gets its own
     *                  forward pass, so outputs do not depend on it)
     * @param threads   worker threads for decoding and writing, ≥ 1
     */
    public record Options(int batchSize, int threads) {
        /** Validates the values. */
        public Options {
            if (batchSize < 1 || threads < 1) {
                throw new IllegalArgumentException("batchSize and threads must be >= 1, got " + batchSize + ", " + threads);
            }
        }
    }

    /**
     * A face or input that could not be processed.
     *
     * @param id     face id (or the input's name)
     * @param image  the file concerned
     * @param reason what went wrong
     */
    public record Failure(String id, Path image, String reason) {
    }

    /**
     * What a run did.
     *
     * @param total            faces (and unusable inputs) considered
     * @param written          faces predicted and written
     * @param existing         faces skipped because their outputs were complete
     * @param failed           faces and inputs that failed (see {@code failures})
     * @param withoutLandmarks written faces whose maps had no foreground (no landmarks, no {@code .pts}); for bodies,
     *                         written persons with at least one joint missing in the primary source
     * @param seconds          wall time of the run
     * @param networkSeconds   time spent in the predictor: forward passes plus decoding, parts and landmark
     *                         extraction (the stage the pipeline keeps busy)
     * @param failures         every failure, sorted by id
     */
    public record Summary(int total, int written, int existing, int failed, int withoutLandmarks, double seconds,
            double networkSeconds, List<Failure> failures) {

        /** Written faces (or persons) per second of wall time. */
        public double facesPerSecond() {
            return seconds > 0 ? written / seconds : 0;
        }
    }

    private final FacePredictor predictor;
    private final FaceOutputWriter writer;
    private final Options options;

    /**
     * @param predictor the model
     * @param writer    where and what to write
     * @param options   batch size and threads
     */
    public FaceInferenceRun(FacePredictor predictor, FaceOutputWriter writer, Options options) {
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
     * @return the summary (also written as {@code summary.json})
     * @throws IOException when the summary files cannot be written
     */
    public Summary run(List<InferenceItem> items, List<Failure> inputFailures, ProgressListener progress,
            Map<String, Object> info) throws IOException {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("landmark_mode", predictor.mode().name().toLowerCase(Locale.ROOT));
        settings.put("input_size", predictor.inputSize());
        return new InferencePipeline<>(new FaceTask(), options, NAMES).run(items, inputFailures, progress, settings, info);
    }

    private static final InferencePipeline.Names NAMES = new InferencePipeline.Names("face", "faces", "without_landmarks");

    /** Faces for the shared pipeline. */
    private final class FaceTask implements InferencePipeline.Task<FaceCrop, FacePrediction> {

        @Override
        public Path outDir() {
            return writer.outDir();
        }

        @Override
        public boolean isComplete(String id) {
            return writer.isComplete(id);
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
}
