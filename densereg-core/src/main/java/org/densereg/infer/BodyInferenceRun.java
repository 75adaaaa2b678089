package org.densereg.infer;

import java.util.LinkedHashMap;
import java.util.Map;
import org.densereg.supervision.body.BodyCrop;

/**
 * Batch inference over many persons: the task-neutral {@link InferencePipeline} (as for faces,
 * {@link FaceInferenceRun}) with a {@link BodyPredictor} and a {@link BodyOutputWriter}. Each person is an
 * {@link InferenceItem} located by a box or the whole image ({@link InferenceItem#bodyCrop}). Outputs are
 * byte-identical whatever the thread count and batch size (one forward pass per person).
 */
public final class BodyInferenceRun {

    private static final InferencePipeline.Names PERSONS =
            new InferencePipeline.Names("person", "persons", "with_missing_joints");

    private BodyInferenceRun() {
    }

    /**
     * The pipeline for persons; {@link InferencePipeline#run} it over the items. Its summary's
     * {@link InferenceSummary#missingPoints()} counts persons with a joint missing in the primary source (key
     * {@code with_missing_joints}), and {@code summary.json} records the primary joint source and input size.
     *
     * @param model   the body model
     * @param out     where and what to write
     * @param options batch size and threads
     * @return a pipeline: one {@link InferencePipeline#run} at a time ({@link InferencePipeline#runPart} may run
     *         concurrently)
     */
    public static InferencePipeline<BodyCrop, BodyPrediction> pipeline(BodyPredictor model, BodyOutputWriter out,
            InferenceOptions options) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("primary_source", model.primarySource().jsonName());
        settings.put("input_size", model.inputSize());
        InferencePipeline.Task<BodyCrop, BodyPrediction> persons = new InferencePipeline.Task<>(PERSONS, settings,
                out.files(), (item, width, height) -> item.bodyCrop(width, height, model.inputSize()),
                BodyCrop::toImage, model::predictCrops,
                (item, image, person) -> out.write(item.id(), item.image(), image, person, model),
                person -> person.missingJoints() > 0);
        return new InferencePipeline<>(persons, options);
    }
}
