package org.densereg.cli.command;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.densereg.cli.option.FlipTestOption;
import org.densereg.cli.option.PrecisionMixin;
import org.densereg.cli.option.VerbosityMixin;
import org.densereg.cli.support.ExitCodes;
import org.densereg.cli.support.ModelResolver;
import org.densereg.detect.FaceDetectorOptions;
import org.densereg.infer.Fit3dOptions;
import org.densereg.infer.Inference;
import org.densereg.infer.InferenceOptions;
import org.densereg.infer.InferenceRequest;
import org.densereg.infer.InferenceRequestException;
import org.densereg.infer.InferenceSummary;
import org.densereg.infer.Localisation;
import org.densereg.infer.OutputFormat;
import org.densereg.infer.UvLandmarkExtractor;
import org.densereg.io.FolderLock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code densereg infer}: dense (u, v), parts and landmarks (faces) or joints (bodies) for folders of images. */
@Command(name = "infer",
        description = {"Predict dense (u, v), parts and 68 landmarks for face images, or parts, per-part (u, v) and 14 LSP"
                + " joints for person images, with a trained model (the archive's task decides).",
            "Faces are found by the bundled face detector (--crop auto, the default for face models: every face of each"
                    + " image, outputs <id>_face<k>.*; square images of at most 512 px are taken as face crops), or"
                    + " --crop detect (every image), --crop whole (each image is one face or person crop; the default"
                    + " for body models), --crop pts (the .pts beside each image, faces only) or a boxes file (--boxes"
                    + " FILE: JSON or CSV image,x,y,w,h; dlib XML for faces).",
            "Per face: <id>.uv.png (16-bit), <id>.iuv.png (DensePose convention), <id>.parts.png, <id>.vis.png,"
                    + " <id>.pts, <id>.landmarks.json; with --fit3d also <id>.fit.json (and --fit3d-mesh <id>.obj)."
                    + " Per person: <id>.iuv.png, <id>.parts.png, <id>.vis.png,"
                    + " <id>.joints.json. Per run summary.json and failures.csv. Resumable."},
        footer = {"", "Examples:",
            "  densereg infer --model demo --input src-test-data/faces --out infer-out",
            "  densereg infer --model demo group-photo.jpg --min-face 24 --max-faces 10 --out infer-out",
            "  densereg infer --model demo 'photos/**/*.jpg' @more-images.txt --out infer-out",
            "  densereg infer --model demo --fit3d-mesh --input src-test-data/faces --out infer-3d",
            "  densereg infer --model runs/q/model-best.densereg.zip --input 300W/ibug --crop pts --out out",
            "  densereg infer --model runs/b/model-best.densereg.zip --boxes people/boxes.json --out out-people",
            "", "Exit codes: 0 every face/person written (or already there), 3 some inputs could not be processed (listed in"
                    + " failures.csv, the others were written), 1 failure (e.g. output not writable), 2 usage (e.g. --crop pts with"
                    + " a body model or --fit3d with a body model, or --out in use by another densereg job).",
            "See docs/inference.md for every output encoding."})
public final class InferCommand implements Callable<Integer> {

    @Mixin
    VerbosityMixin verbosity;

    @Mixin
    PrecisionMixin precision;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "NAME|ARCHIVE",
            description = "Model archive (*.densereg.zip) or the name of a bundled model in models/ (e.g. demo).")
    String model;

    @Option(names = "--input", paramLabel = "INPUT",
            description = "Image file, folder, glob pattern ('faces/*.jpg', expanded here when the shell did not) or"
                    + " @LIST (a file with one path per line, # comments, paths relative to the list file); repeatable.")
    List<String> inputOptions = new ArrayList<>();

    @Parameters(paramLabel = "INPUT", arity = "0..*", description = "More inputs, as --input.")
    List<String> inputArguments = new ArrayList<>();

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Option(names = "--crop", paramLabel = "auto|detect|whole|pts|boxes",
            description = "How faces/persons are located: auto (default: faces by the detector, except square images of"
                    + " at most 512 px, taken whole as crops; persons whole), detect (the face detector on every"
                    + " image), whole image, the .pts beside each image (faces only), or --boxes.")
    String crop;

    @Option(names = "--min-face", paramLabel = "PX", defaultValue = "0",
            description = "Detector: smallest face wanted, in pixels (larger side of its box); smaller boxes are dropped,"
                    + " and large images are also searched in tiles so that faces this small are found (slower)"
                    + " (default: ${DEFAULT-VALUE}, no limit, one pass per image).")
    double minFace;

    @Option(names = "--max-faces", paramLabel = "N", defaultValue = "0",
            description = "Detector: at most N faces per image, the highest scores (default: ${DEFAULT-VALUE}, all).")
    int maxFaces;

    @Option(names = "--detect-threshold", paramLabel = "T", defaultValue = "0.5",
            description = "Detector: keep boxes scoring above T, in (0, 1) (default: ${DEFAULT-VALUE}).")
    double detectThreshold;

    @Option(names = "--detect-size", paramLabel = "S", defaultValue = "608",
            description = "Detector: network input side, a multiple of 32; larger finds smaller faces, slower"
                    + " (default: ${DEFAULT-VALUE}).")
    int detectSize;

    @Option(names = "--boxes", paramLabel = "FILE",
            description = "Face or person boxes: JSON [{\"image\": ..., \"boxes\": [[x,y,w,h], ...]}, ...], CSV"
                    + " image,x,y,w,h (paths relative to the file) or, for faces, dlib/imglab XML; implies --crop boxes.")
    Path boxes;

    @Option(names = "--recursive", description = "Also read images in sub-folders of --input folders.")
    boolean recursive;

    @Option(names = {"--batch", "--batch-size"}, paramLabel = "N", defaultValue = "1",
            description = "Faces decoded ahead and handed to the network together (default: ${DEFAULT-VALUE}); each face still"
                    + " gets its own forward pass, so outputs are byte-identical for any value.")
    int batch;

    @Option(names = "--threads", paramLabel = "N", description = "Decoding/writing threads (default: processors, at most 4).")
    Integer threads;

    @Option(names = "--landmarks", paramLabel = "subpixel|argmin", defaultValue = "subpixel",
            description = "Landmark extraction: subpixel (local affine refinement) or argmin (original) (default: ${DEFAULT-VALUE}).")
    String landmarks;

    @Option(names = "--formats", paramLabel = "LIST", split = ",",
            description = "Files per face, any of uv, iuv, parts, vis, pts, json; per person, any of iuv, parts, vis,"
                    + " json (default: all of the model's task).")
    List<String> formats;

    @Option(names = "--fit3d",
            description = "Faces: fit the 3D face model to each face's dense (u, v) (the DenseReg cascade: camera, shape,"
                    + " expression, robust to outlier pixels) and write <id>.fit.json (camera, pose angles,"
                    + " coefficients, residual); <id>.landmarks.json gains the fitted landmarks beside the (u, v) ones.")
    boolean fit3d;

    @Option(names = "--flip-test", arity = "0..1", fallbackValue = "on", defaultValue = "auto", paramLabel = "auto|on|off",
            description = "Body models: also run each crop mirrored and average the joint heatmaps (test-time flip,"
                    + " twice the forward passes). auto (default) = what the model asks for (on for the bundled"
                    + " lsp-body); --flip-test alone = on.")
    String flipTest;

    @Option(names = "--fit3d-mesh", description = "As --fit3d, and also write the fitted mesh as <id>.obj.")
    boolean fit3dMesh;

    @Option(names = "--fit3d-model", paramLabel = "MODEL",
            description = "The morphable model for --fit3d: default (the built-in model), a model folder or a BFM .mat;"
                    + " it must be the template the network was trained on (default: the archive's template, which"
                    + " must then be the built-in model).")
    String fit3dModel;

    @Override
    public Integer call() throws IOException {
        if (batch < 1) {
            throw new ParameterException(spec.commandLine(), "--batch must be >= 1, got " + batch);
        }
        int workers = threads != null ? threads : Math.min(4, Runtime.getRuntime().availableProcessors());
        if (workers < 1) {
            throw new ParameterException(spec.commandLine(), "--threads must be >= 1, got " + workers);
        }
        UvLandmarkExtractor.Mode mode = landmarkMode(landmarks, spec);
        precision.apply();
        EnumSet<OutputFormat> requested = null;
        if (formats != null) {
            requested = EnumSet.noneOf(OutputFormat.class);
            for (String f : formats) {
                try {
                    requested.add(OutputFormat.parse(f));
                } catch (IllegalArgumentException e) {
                    throw new ParameterException(spec.commandLine(), "--formats: " + e.getMessage());
                }
            }
        }
        List<String> inputs = new ArrayList<>(inputOptions);
        inputs.addAll(inputArguments);
        Path archive = ModelResolver.resolve(model);
        Localisation how = localisation();
        if (how.fromBoxesFile() && boxes == null) {
            throw new ParameterException(spec.commandLine(), "--crop boxes needs --boxes FILE");
        }
        if (!how.fromBoxesFile() && inputs.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "an INPUT (file, folder, glob or @LIST) is required (unless"
                    + " --boxes is given)");
        }
        FaceDetectorOptions detector;
        try {
            detector = new FaceDetectorOptions(detectSize, detectThreshold, minFace, maxFaces);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage()
                    + " (--detect-size, --detect-threshold, --min-face, --max-faces)");
        }
        Fit3dOptions cascade;
        try {
            cascade = Fit3dOptions.fromFlags(fit3d, fit3dMesh, fit3dModel);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        InferenceRequest request = new InferenceRequest(archive, inputs, Path.of(""), recursive, how, boxes, requested,
                mode, new InferenceOptions(batch, workers, flipTest()), out, detector, cascade);
        Inference.Result result;
        try (FolderLock lock = FolderLock.acquire(out)) {
            result = Inference.run(request, VerbosityMixin.progress());
        } catch (InferenceRequestException e) {
            if ("fit3d".equals(e.setting())) {
                throw new ParameterException(spec.commandLine(), cascade.flags() + ": " + e.what());
            }
            throw new ParameterException(spec.commandLine(), "--" + OPTIONS.get(e.setting()) + " " + e.value() + ": "
                    + e.what());
        }
        InferenceSummary summary = result.summary();
        String unit = result.items();
        PrintWriter stdout = spec.commandLine().getOut();
        RenamedNote.print(stdout, result.scan().renamed());
        stdout.printf(Locale.ROOT, "%d %s: %d written, %d existing, %d failed (%.1f %s/s)%n", summary.total(), unit,
                summary.written(), summary.existing(), summary.failed(), summary.itemsPerSecond(), unit);
        if (summary.missingPoints() > 0) {
            stdout.printf(Inference.BODY.equals(result.task())
                    ? "%d person(s) with joints missing in the primary source (null in .joints.json)%n"
                    : "%d face(s) had no foreground in the prediction (no landmarks, no .pts)%n", summary.missingPoints());
        }
        if (result.detection() != null) {
            var d = result.detection();
            long crops = d.images().stream().filter(i -> i.crop()).count();
            stdout.printf(Locale.ROOT, "face detector: %d face(s) in %d image(s), %d image(s) without a face%s%n",
                    d.images().stream().mapToInt(i -> i.faces().size()).sum(), d.images().size() - crops,
                    d.imagesWithoutFaces().size(), crops > 0 ? ", " + crops + " square image(s) taken whole as crops"
                            : "");
        }
        stdout.printf("outputs in %s (summary.json, failures.csv)%n", out);
        stdout.flush();
        return summary.failed() > 0 ? ExitCodes.BAD_INPUT : ExitCodes.OK;
    }

    /** The command-line option of each {@link InferenceRequestException#setting()}. */
    private static final Map<String, String> OPTIONS = Map.of("localisation", "crop", "boxes", "boxes",
            "formats", "formats", "flipTest", "flip-test");

    /** @return --flip-test: true (on), false (off), null (auto: the model's own default) */
    private Boolean flipTest() {
        return FlipTestOption.parse(flipTest, spec);
    }

    private Localisation localisation() {
        if (crop == null) {
            return boxes != null ? Localisation.BOXES : Localisation.AUTO;
        }
        try {
            return Localisation.parse(crop);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--crop: " + e.getMessage());
        }
    }

    /** Parses {@code subpixel|argmin}. */
    static UvLandmarkExtractor.Mode landmarkMode(String value, CommandSpec spec) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "subpixel" -> UvLandmarkExtractor.Mode.SUBPIXEL;
            case "argmin" -> UvLandmarkExtractor.Mode.ARGMIN;
            default -> throw new ParameterException(spec.commandLine(), "--landmarks: expected subpixel or argmin, found '" + value + "'");
        };
    }
}
