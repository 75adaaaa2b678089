package org.densereg.infer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.densereg.detect.TinyFaceDetector;
import org.densereg.io.BadInputException;
import org.densereg.model.ModelArchive;
import org.densereg.model.ModelProvenance;
import org.densereg.network.InferencePrecision;
import org.densereg.runtime.ProgressListener;

/**
 * Runs inference as {@code densereg infer} does, in one call: reads the model archive, dispatches on its task
 * (faces: {@link FaceInferenceRun}, bodies: {@link BodyInferenceRun}), checks that the request fits the task, scans
 * the inputs ({@link InferenceInputs}) and runs the pipeline into the output folder ({@code summary.json},
 * {@code failures.csv} and the per-item files of docs/inference.md).
 *
 * <pre>{@code
 * Inference.Result r = Inference.run(new InferenceRequest(Path.of("model.densereg.zip"), List.of("faces/"),
 *         Path.of(""), false, Localisation.WHOLE, null, null, UvLandmarkExtractor.Mode.SUBPIXEL,
 *         new InferenceOptions(1, 2), Path.of("out")), ProgressListener.NONE);
 * }</pre>
 */
public final class Inference {

    /** The model task of face archives. */
    public static final String FACE = "face";
    /** The model task of body archives. */
    public static final String BODY = "body";

    private Inference() {
    }

    /**
     * What a run did.
     *
     * @param task    the model's task, {@link #FACE} or {@link #BODY}
     * @param scan    the items found in the inputs and the inputs that could not be used
     * @param summary   the run's summary (also in {@code summary.json})
     * @param detection what the face detector found ({@link Localisation#DETECT}, {@link Localisation#AUTO} with a
     *                  face model), else null
     */
    public record Result(String task, InferenceInputs.Scan scan, InferenceSummary summary,
            FaceDetectionScan.Result detection) {

        /** A result without face detection. */
        public Result(String task, InferenceInputs.Scan scan, InferenceSummary summary) {
            this(task, scan, summary, null);
        }

        /** What the items are called: "faces" or "persons". */
        public String items() {
            return BODY.equals(task) ? "persons" : "faces";
        }
    }

    /**
     * A request checked against its model and its inputs scanned: everything a run needs but the network. A
     * distributed run (e.g. on Apache Spark) plans once and runs {@link #pipeline} wherever the items go.
     *
     * @param task    the model's task, {@link #FACE} or {@link #BODY}
     * @param formats the files to write per item (the request's, or every format of the task)
     * @param scan    the items found in the inputs and the inputs that could not be used
     * @param model   the model's provenance ({@link ModelProvenance#of}), copied into every item's JSON file
     * @param info    the run's entries for {@code summary.json} (model, localisation, inputs, renamed, formats, task,
     *                  detection)
     * @param detection what the face detector found (its faces are the scan's items), or null when it did not run
     * @param fitter    the dense-to-3D cascade of the request ({@link InferenceRequest#fit3d()}), its morphable model
     *                  read and checked against the archive's template, or null without the cascade;
     *                  {@link #pipeline(ModelArchive.Loaded, InferenceRequest, Plan)} uses this very fitter, so a run
     *                  reads the morphable model once
     */
    public record Plan(String task, Set<OutputFormat> formats, InferenceInputs.Scan scan, Map<String, Object> model,
            Map<String, Object> info, FaceDetectionScan.Result detection, FacePredictionFitter fitter) {

        /** A plan without the dense-to-3D cascade. */
        public Plan(String task, Set<OutputFormat> formats, InferenceInputs.Scan scan, Map<String, Object> model,
                Map<String, Object> info, FaceDetectionScan.Result detection) {
            this(task, formats, scan, model, info, detection, null);
        }
    }

    /** Reads the cascade's morphable model for an archive ({@link FacePredictionFitter#forArchive}; a test seam). */
    @FunctionalInterface
    interface FitterLoader {
        /** As {@link FacePredictionFitter#forArchive}. */
        FacePredictionFitter forArchive(String template, double[] archiveLandmarkUv, Fit3dOptions options)
                throws IOException;
    }

    /**
     * Runs a request.
     *
     * @param request  what to run
     * @param progress progress sink
     * @return the task, the inputs found and the summary
     * @throws InferenceRequestException when the request does not fit the model's task (a usage error)
     * @throws BadInputException         when the archive is not a face or body model, its network does not fit its
     *                                   task, or the inputs hold no image (and no unusable input)
     * @throws IOException               when inputs cannot be read or outputs not written
     */
    public static Result run(InferenceRequest request, ProgressListener progress) throws IOException {
        return run(request, progress, FacePredictionFitter::forArchive);
    }

    /** {@link #run(InferenceRequest, ProgressListener)} with the cascade's morphable model read by {@code fitters}. */
    static Result run(InferenceRequest request, ProgressListener progress, FitterLoader fitters) throws IOException {
        ModelArchive.Loaded loaded = ModelArchive.read(request.archive());
        Plan plan = plan(request, loaded, progress, fitters);
        InferencePipeline<?, ?> pipeline = pipeline(loaded, request, plan);
        return new Result(plan.task(), plan.scan(),
                pipeline.run(plan.scan().items(), plan.scan().problems(), progress, plan.info()), plan.detection());
    }

    /** {@link #plan(InferenceRequest, ModelArchive.Loaded, ProgressListener)} without progress reports. */
    public static Plan plan(InferenceRequest request, ModelArchive.Loaded loaded) throws IOException {
        return plan(request, loaded, ProgressListener.NONE);
    }

    /**
     * Checks a request against its model and scans its inputs (and, for face models with detection, finds the
     * faces), as {@link #run} does before it predicts anything. With the dense-to-3D cascade
     * ({@link InferenceRequest#fit3d()}) it reads the morphable model and checks it against the archive's template
     * here, before any work, and the plan carries the fitter ({@link Plan#fitter()}).
     *
     * @param request  what to run
     * @param loaded   the request's archive, read
     * @param progress progress sink of the face detection
     * @return the plan
     * @throws InferenceRequestException when the request does not fit the model's task (a usage error), e.g. the
     *                                   cascade with a body model or with a morphable model of another template
     * @throws BadInputException         when the archive is not a face or body model, or the inputs hold no image
     *                                   (and no unusable input)
     * @throws IOException               when inputs, the archive or the cascade's morphable model cannot be read
     */
    public static Plan plan(InferenceRequest request, ModelArchive.Loaded loaded, ProgressListener progress)
            throws IOException {
        return plan(request, loaded, progress, FacePredictionFitter::forArchive);
    }

    private static Plan plan(InferenceRequest request, ModelArchive.Loaded loaded, ProgressListener progress,
            FitterLoader fitters) throws IOException {
        String task = loaded.metadata().task();
        if (!FACE.equals(task) && !BODY.equals(task)) {
            throw new BadInputException(request.archive(), "unknown model task '" + task + "' (expected face or body)");
        }
        boolean body = BODY.equals(task);
        if (!body && request.options().flipTest() != null) {
            throw new InferenceRequestException("flipTest", request.options().flipTest() ? "on" : "off",
                    "averages the mirrored heatmaps of a body model; this is a face model");
        }
        Set<OutputFormat> formats = request.formats() != null ? request.formats()
                : body ? BodyOutputWriter.FORMATS : EnumSet.allOf(OutputFormat.class);
        if (body) {
            checkFitsBodies(request, formats);
        }
        FacePredictionFitter fitter = null;
        if (!body && request.fit3d() != null) {
            // a template without a model, or a model of another template: a usage error before any work
            fitter = fitters.forArchive(loaded.metadata().template(), loaded.metadata().landmarkUv(), request.fit3d());
        }
        // auto: the detector for faces, the whole image for persons
        Localisation how = body && request.localisation() == Localisation.AUTO ? Localisation.WHOLE
                : request.localisation();
        InferenceInputs.Scan scan = scan(request);
        FaceDetectionScan.Result detection = null;
        if (how == Localisation.DETECT || how == Localisation.AUTO) {
            detection = FaceDetectionScan.detect(scan, TinyFaceDetector.bundled(), request.detector(),
                    request.localisation() == Localisation.AUTO, request.options().threads(), progress);
            scan = detection.scan();
        }
        Map<String, Object> model = ModelProvenance.of(request.archive(), loaded.metadata());
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("model", model);
        info.put("localisation", how.jsonName());
        // the precision asked for (auto is decided on the first forward pass and logged)
        info.put("precision", InferencePrecision.requested().cliName());
        info.put("inputs", request.inputs());
        info.put("renamed", scan.renamedForSummary());
        info.put("formats", formats.stream().map(OutputFormat::cliName).toList());
        info.put("task", task);
        if (body) {
            info.put("test_time_flip", request.options().flipTest() != null ? request.options().flipTest()
                    : loaded.metadata().testTimeFlip());
        }
        if (detection != null) {
            info.put("detection", detection.forSummary());
        }
        return new Plan(task, formats, scan, model, info, detection, fitter);
    }

    /**
     * The batch pipeline of a planned request: the plan's formats, provenance and cascade ({@link Plan#fitter()}, the
     * fitter that {@link #plan} built: the morphable model is not read again), the request's landmark mode, options,
     * output folder and mesh flag. {@link #run} runs this pipeline.
     *
     * @param loaded  the request's archive, read
     * @param request the request
     * @param plan    its plan ({@link #plan})
     * @return the pipeline
     * @throws IllegalArgumentException when the plan is not of this request (a cascade in one and not the other)
     * @throws BadInputException        when the archive's network does not fit its task
     */
    public static InferencePipeline<?, ?> pipeline(ModelArchive.Loaded loaded, InferenceRequest request, Plan plan) {
        if ((plan.fitter() != null) != (request.fit3d() != null)) {
            throw new IllegalArgumentException("the plan " + (plan.fitter() != null ? "has" : "has no")
                    + " dense-to-3D cascade, the request " + (request.fit3d() != null ? "asks for one" : "none"));
        }
        return build(loaded, request.archive(), plan.formats(), request.landmarkMode(), plan.model(),
                request.options(), request.outDir(), plan.fitter(), request.fit3d() != null && request.fit3d().mesh());
    }

    /**
     * The batch pipeline of a model's task (faces: {@link FaceInferenceRun}, bodies: {@link BodyInferenceRun}).
     *
     * @param loaded       the archive, read; its task decides
     * @param archive      the archive's path (named in error messages)
     * @param formats      the files to write per item ({@link Plan#formats()})
     * @param landmarkMode landmark extraction of face models
     * @param model        the model's provenance, copied into every item's JSON file ({@link Plan#model()})
     * @param options      batch size and threads
     * @param outDir       the output folder
     * @return the pipeline
     * @throws BadInputException when the archive's network does not fit its task
     */
    public static InferencePipeline<?, ?> pipeline(ModelArchive.Loaded loaded, Path archive, Set<OutputFormat> formats,
            UvLandmarkExtractor.Mode landmarkMode, Map<String, Object> model, InferenceOptions options, Path outDir) {
        return build(loaded, archive, formats, landmarkMode, model, options, outDir, null, false);
    }

    /**
     * The batch pipeline of a model's task, with the dense-to-3D cascade for face models.
     *
     * @param loaded       the archive, read; its task decides
     * @param archive      the archive's path (named in error messages)
     * @param formats      the files to write per item ({@link Plan#formats()})
     * @param landmarkMode landmark extraction of face models
     * @param model        the model's provenance, copied into every item's JSON file ({@link Plan#model()})
     * @param options      batch size and threads
     * @param outDir       the output folder
     * @param fit3d        the cascade (face models), or null for none
     * @return the pipeline
     * @throws BadInputException         when the archive's network does not fit its task
     * @throws InferenceRequestException when the cascade is asked of a body model, or its morphable model does not
     *                                   fit the archive's template
     * @throws IOException               when the cascade's morphable model cannot be read
     */
    public static InferencePipeline<?, ?> pipeline(ModelArchive.Loaded loaded, Path archive, Set<OutputFormat> formats,
            UvLandmarkExtractor.Mode landmarkMode, Map<String, Object> model, InferenceOptions options, Path outDir,
            Fit3dOptions fit3d) throws IOException {
        if (fit3d == null) {
            return build(loaded, archive, formats, landmarkMode, model, options, outDir, null, false);
        }
        if (BODY.equals(loaded.metadata().task())) {
            throw fit3dForBodies();
        }
        FacePredictionFitter fitter = FacePredictionFitter.forArchive(loaded.metadata().template(),
                loaded.metadata().landmarkUv(), fit3d);
        return build(loaded, archive, formats, landmarkMode, model, options, outDir, fitter, fit3d.mesh());
    }

    private static InferencePipeline<?, ?> build(ModelArchive.Loaded loaded, Path archive, Set<OutputFormat> formats,
            UvLandmarkExtractor.Mode landmarkMode, Map<String, Object> model, InferenceOptions options, Path outDir,
            FacePredictionFitter fitter, boolean mesh) {
        return BODY.equals(loaded.metadata().task())
                ? BodyInferenceRun.pipeline(bodyPredictor(archive, loaded, options.flipTest()),
                        new BodyOutputWriter(outDir, formats, model), options)
                : FaceInferenceRun.pipeline(facePredictor(archive, loaded, landmarkMode),
                        new FaceOutputWriter(outDir, formats, model, fitter, mesh), options);
    }

    private static InferenceRequestException fit3dForBodies() {
        return new InferenceRequestException("fit3d", "on", "fits a 3D face model to the dense (u, v) of a face"
                + " model; this is a body model (its (u, v) are per-part charts, not a face template)");
    }

    private static BodyPredictor bodyPredictor(Path archive, ModelArchive.Loaded loaded, Boolean flipTest) {
        try {
            return flipTest == null ? new BodyPredictor(loaded) : new BodyPredictor(loaded, flipTest);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(archive, e.getMessage(), e);
        }
    }

    private static FacePredictor facePredictor(Path archive, ModelArchive.Loaded loaded,
            UvLandmarkExtractor.Mode mode) {
        try {
            return new FacePredictor(loaded, mode);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(archive, e.getMessage(), e);
        }
    }

    /** The items of the request's inputs (for detection: the whole images, before detection). */
    private static InferenceInputs.Scan scan(InferenceRequest request) throws IOException {
        Localisation how = request.localisation();
        InferenceInputs.Scan scan = switch (how) {
            case AUTO, DETECT, WHOLE -> InferenceInputs.wholeImages(InferenceInputs.expand(request.inputs(), request.workingDir()),
                    request.recursive());
            case PTS -> InferenceInputs.withPts(InferenceInputs.expand(request.inputs(), request.workingDir()),
                    request.recursive());
            case BOXES, DLIB_XML -> InferenceInputs.withBoxes(request.boxes());
        };
        if (scan.items().isEmpty() && scan.problems().isEmpty()) {
            throw new BadInputException(null, "no input images found in " + request.inputs()
                    + (how == Localisation.PTS ? " (with a .pts beside them)" : ""));
        }
        return scan;
    }

    /** Face-only localisation and formats are usage errors with a body model. */
    private static void checkFitsBodies(InferenceRequest request, Set<OutputFormat> formats) {
        if (request.fit3d() != null) {
            throw fit3dForBodies();
        }
        if (request.localisation() == Localisation.DETECT) {
            throw new InferenceRequestException("localisation", "detect", "finds faces with the face detector; this"
                    + " is a body model: locate persons by the whole image or by a boxes file (JSON or CSV person"
                    + " boxes)");
        }
        if (request.localisation() == Localisation.PTS) {
            throw new InferenceRequestException("localisation", "pts", "locates faces by their 68 .pts landmarks;"
                    + " this is a body model: locate persons by the whole image or by a boxes file (JSON or CSV"
                    + " person boxes)");
        }
        if (request.boxes() != null && request.boxes().getFileName().toString().toLowerCase(Locale.ROOT)
                .endsWith(".xml")) {
            throw new InferenceRequestException("boxes", request.boxes().toString(), "dlib XML boxes carry face"
                    + " landmarks; give person boxes to a body model as JSON or CSV image,x,y,w,h");
        }
        for (OutputFormat f : formats) {
            if (!BodyOutputWriter.FORMATS.contains(f)) {
                throw new InferenceRequestException("formats", f.cliName(), "'" + f.cliName() + "' is a face format;"
                        + " a body model writes iuv, parts, vis, json");
            }
        }
    }
}
