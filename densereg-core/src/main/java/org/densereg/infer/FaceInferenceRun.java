package org.densereg.infer;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.densereg.data.face.FaceCrop;

/**
 * Batch inference over many faces: the task-neutral {@link InferencePipeline} (decoding and writing on worker
 * threads beside the network, resumable, failures listed and skipped, {@code summary.json} and {@code failures.csv}
 * at the end) with a {@link FacePredictor} and a {@link FaceOutputWriter}. Each face is an {@link InferenceItem}
 * located by the whole image, its {@code .pts} or a box ({@link InferenceItem#crop}). Outputs are byte-identical
 * whatever the thread count and batch size (one forward pass per face).
 */
public final class FaceInferenceRun {

    private static final InferencePipeline.Names FACES =
            new InferencePipeline.Names("face", "faces", "without_landmarks");

    private FaceInferenceRun() {
    }

    /**
     * The pipeline for faces; {@link InferencePipeline#run} it over the items. Its summary's
     * {@link InferenceSummary#missingPoints()} counts faces whose maps had no foreground (no landmarks, no
     * {@code .pts}; key {@code without_landmarks}), and {@code summary.json} records the landmark mode and input size.
     *
     * @param predictor the model (and its landmark mode)
     * @param writer    where and what to write
     * @param options   batch size and threads
     * @return a pipeline: one {@link InferencePipeline#run} at a time ({@link InferencePipeline#runPart} may run
     *         concurrently)
     */
    public static InferencePipeline<FaceCrop, FacePrediction> pipeline(FacePredictor predictor,
            FaceOutputWriter writer, InferenceOptions options) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("landmark_mode", predictor.mode().name().toLowerCase(Locale.ROOT));
        settings.put("input_size", predictor.inputSize());
        if (writer.fitter() != null) {
            settings.put("fit3d", writer.fit3dSettings());
        }
        InferencePipeline.Task<FaceCrop, FacePrediction> faces = new InferencePipeline.Task<>(FACES, settings,
                writer.files(), (item, width, height) -> item.crop(width, height, predictor.inputSize()),
                FaceCrop::toImage, predictor::predictCrops,
                (item, image, face) -> writer.write(item.id(), item.image(), image, face, predictor.mode(),
                        item.detected()),
                face -> !face.hasLandmarks());
        return new InferencePipeline<>(faces, options);
    }
}
