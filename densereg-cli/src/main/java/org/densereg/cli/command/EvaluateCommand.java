package org.densereg.cli.command;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.densereg.cli.option.FlipTestOption;
import org.densereg.cli.option.PrecisionMixin;
import org.densereg.cli.option.VerbosityMixin;
import org.densereg.cli.support.CommandFailedException;
import org.densereg.cli.support.ExitCodes;
import org.densereg.cli.support.ModelResolver;
import org.densereg.data.face.Face300wLayout;
import org.densereg.data.face.Face300wSubset;
import org.densereg.eval.CedCurve;
import org.densereg.eval.Comparison;
import org.densereg.eval.EvaluationReport;
import org.densereg.eval.Face300wEvaluation;
import org.densereg.eval.FaceGroundTruth;
import org.densereg.eval.FaceNormalisation;
import org.densereg.eval.IntegrationRule;
import org.densereg.eval.LspEvaluation;
import org.densereg.eval.MpiiEvaluation;
import org.densereg.eval.ReportWriter;
import org.densereg.infer.GroundTruthCropPredictions;
import org.densereg.infer.UvLandmarkExtractor;
import org.densereg.io.FolderLock;
import org.densereg.scoring.BodyModelBenchmarkRun;
import org.densereg.scoring.FaceModelBenchmarkRun;
import org.densereg.scoring.JointSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code densereg evaluate}: scores a prediction file of any method on 300W, MPII or LSP, or a face model on 300W
 * (predictions written to OUT/predictions/, then scored the same way).
 */
@Command(name = "evaluate",
        description = {"Score predictions on 300W (NME, CED, AUC, failure rate), MPII (PCKh) or LSP (PCK).",
            "Writes report.md, metrics.json, per_image.csv and a curve PNG to --out and prints the summary table."},
        footer = {"", "Examples:",
            "  densereg evaluate --dataset mpii --gt gt_valid.mat --predictions preds.mat --out eval-mpii",
            "  densereg evaluate --dataset lsp --gt lsp/joints.mat --predictions pred_keypoints_lsp_pc.mat --out eval-lsp",
            "  densereg evaluate --dataset lsp --model lsp-body --root lsp --out eval-lsp-body",
            "  densereg evaluate --dataset mpii --model run/model-best.densereg.zip --root mpii --supervision mpii-valid"
                + " --gt gt_valid.mat --out eval-mpii-body",
            "  densereg evaluate --dataset 300w --root 300W --subset full --predictions preds/ --out eval-300w",
            "  densereg evaluate --dataset 300w --root 300W --subset common --model demo --out eval-demo",
            "  densereg evaluate --dataset 300w --gt dlib/testing_with_face_landmarks.xml --model demo --out eval-dlib",
            "", "See docs/evaluation.md for every metric and option."})
public final class EvaluateCommand implements Callable<Integer> {

    /** The benchmark. */
    enum Dataset { W300, MPII, LSP }

    @Mixin
    VerbosityMixin verbosity;

    @Mixin
    PrecisionMixin precision;

    @Spec
    CommandSpec spec;

    @Option(names = "--dataset", required = true, paramLabel = "300w|mpii|lsp", description = "Benchmark: 300w, mpii or lsp.")
    String dataset;

    @Option(names = "--gt", paramLabel = "PATH",
            description = "Ground truth: MPII gt_valid.mat; LSP joints.mat; 300W a folder of .pts or a dlib/imglab XML"
                    + " file (*.xml, images beside it; with --model each face is cropped around its XML box, as infer"
                    + " --boxes does) instead of --root/--subset.")
    Path gt;

    @Option(names = "--predictions", paramLabel = "PATH",
            description = "Predictions: MPII .mat (preds Nx16x2 / pos_pred_src 16x2xN) or .json; LSP .mat (2x14xN, 3x14xN, "
                    + "14x2xN, Nx14x2) or .json; 300W folder of .pts or .json.")
    Path predictions;

    @Option(names = "--model", paramLabel = "NAME|ARCHIVE",
            description = "300W: evaluate a face model archive (or bundled model name) instead of --predictions;"
                    + " faces are cropped around their ground-truth landmarks (with --gt FILE.xml: around the XML's"
                    + " box, as infer --boxes; no detector), predictions kept in"
                    + " OUT/predictions/. LSP: a body model on the test images 1001-2000, predictions kept in"
                    + " OUT/predictions.json: with --root the whole images (the standard protocol, no ground truth at"
                    + " test time); with --supervision the crops around their ground-truth joints (secondary protocol)."
                    + " MPII: a body model on the validation persons of --root's annot/valid.json (gt_valid.mat's"
                    + " order), cropped around their ground-truth joints from --supervision; needs --gt gt_valid.mat.")
    String model;

    @Option(names = "--supervision", paramLabel = "DIR",
            description = "LSP with --model: a supervise-body folder holding images 1001-2000 (--split all or test); scores"
                    + " the ground-truth-crop protocol instead of the whole images. MPII with --model: the"
                    + " supervise-body --dataset mpii --split test folder of the validation persons.")
    Path supervision;

    @Option(names = "--joints", paramLabel = "auto|heatmap|dense", defaultValue = "auto",
            description = "LSP with --model: joint source; auto = the model's own (dense maps for a dense-only model, "
                    + "else the heatmap head) (default: ${DEFAULT-VALUE}).")
    String joints;

    @Option(names = "--flip-test", arity = "0..1", fallbackValue = "on", defaultValue = "auto", paramLabel = "auto|on|off",
            description = "LSP with --model --root: also run each image mirrored and average the heatmaps, mirrored"
                    + " back with left and right swapped, before reading the joints (test-time flip; heatmap joints;"
                    + " twice the forward passes). auto (default) = what the model asks for (training.testTimeFlip:"
                    + " on for the bundled lsp-body, off for models trained without model.testTimeFlip);"
                    + " --flip-test alone = on.")
    String flipTest;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "8",
            description = "LSP with --model --supervision: images per forward pass; it changes only float round-off"
                    + " (default: ${DEFAULT-VALUE}). Whole images go one at a time.")
    int batch;

    @Option(names = "--landmarks", paramLabel = "subpixel|argmin", defaultValue = "subpixel",
            description = "With --model: landmark extraction (default: ${DEFAULT-VALUE}).")
    String landmarks;

    @Option(names = "--root", paramLabel = "DIR", description = "300W root of the released layout (lfpw/, helen/, ibug/, afw/, 300W/);"
            + " LSP: the dataset folder (joints.mat, images/imNNNN.jpg), ground truth = DIR/joints.mat unless --gt;"
            + " MPII with --model: the dataset folder holding annot/valid.json.")
    Path root;

    @Option(names = "--subset", paramLabel = "NAME", defaultValue = "full",
            description = "300W subset: common, challenging, full, train, competition, competition-indoor, "
                    + "competition-outdoor (default: ${DEFAULT-VALUE}).")
    String subset;

    @Option(names = "--norm", paramLabel = "eye-corners|pupils|box", defaultValue = "eye-corners",
            description = "300W NME normaliser (default: ${DEFAULT-VALUE}).")
    String norm;

    @Option(names = "--auc", paramLabel = "simpson|trapezoid", defaultValue = "simpson",
            description = "300W AUC integration rule (default: ${DEFAULT-VALUE}).")
    String auc;

    @Option(names = "--threshold", paramLabel = "T",
            description = "Threshold: 300W failure/CED limit (0.08), MPII PCKh (0.5), LSP PCK (0.2).")
    Double threshold;

    @Option(names = "--less-than", negatable = true,
            description = "Count a joint correct when error < threshold (--no-less-than: <=). Defaults: MPII <, LSP <=.")
    Boolean lessThan;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    /** The faces and boxes of a 300W evaluation with --gt, for running other methods on the same boxes. */
    static final String FACES_CSV = "faces.csv";

    /** --gt read as 300W ground truth, once. */
    private FaceGroundTruth groundTruth;

    @Override
    public Integer call() throws IOException {
        Dataset which = parseDataset();
        if ((predictions == null) == (model == null)) {
            throw new ParameterException(spec.commandLine(), "give either --predictions PATH or --model ARCHIVE");
        }
        Boolean flip = flipTest();
        if (Boolean.TRUE.equals(flip) && (which != Dataset.LSP || model == null)) {
            throw new ParameterException(spec.commandLine(), "--flip-test is for --dataset lsp --model (whole images)");
        }
        // with --predictions nothing is inferred; --precision is still checked, so a bad value fails alike
        precision.apply();
        try (FolderLock lock = FolderLock.acquire(out, "predictions")) {
            return evaluate(which);
        }
    }

    /** Predicts (with --model) and evaluates, while holding the lock of --out. */
    private int evaluate(Dataset which) throws IOException {
        Map<String, Object> modelProvenance = null;
        if (model != null) {
            modelProvenance = switch (which) {
                case LSP -> predictBodyWithModel();
                case MPII -> predictMpiiWithModel();
                case W300 -> predictWithModel();
            };
        }
        EvaluationReport report = switch (which) {
            case MPII -> {
                MpiiEvaluation.Options d = MpiiEvaluation.Options.defaults();
                double t = threshold != null ? positive(threshold) : d.threshold();
                yield MpiiEvaluation.run(requireGt(), predictions, new MpiiEvaluation.Options(t,
                        comparison(d.comparison()), Math.max(d.curveMax(), t), d.curveSteps()));
            }
            case LSP -> {
                LspEvaluation.Options d = LspEvaluation.Options.defaults();
                double t = threshold != null ? positive(threshold) : d.threshold();
                yield LspEvaluation.run(requireGt(), predictions, new LspEvaluation.Options(t, comparison(d.comparison()),
                        d.curveSteps()));
            }
            case W300 -> {
                Face300wEvaluation.Options o = new Face300wEvaluation.Options(normalisation(), rule(),
                        threshold != null ? positive(threshold) : CedCurve.DEFAULT_MAX, CedCurve.DEFAULT_STEPS);
                if (lessThan != null) {
                    throw new ParameterException(spec.commandLine(), "--less-than applies to mpii and lsp only");
                }
                if (root != null && gt != null) {
                    throw new ParameterException(spec.commandLine(), "300w: give either --root (with --subset) or --gt, not both");
                }
                if (root != null) {
                    yield Face300wEvaluation.run(Face300wLayout.scan(root), parseSubset(), predictions, o);
                }
                if (gt != null) {
                    FaceGroundTruth faces = faceGroundTruth();
                    EvaluationReport r = Face300wEvaluation.run(faces, predictions, o);
                    faces.writeFacesCsv(out.resolve(FACES_CSV));
                    yield r;
                }
                throw new ParameterException(spec.commandLine(), "300w needs --root DIR (released layout) or --gt"
                        + " FOLDER of .pts or --gt FILE.xml (dlib)");
            }
        };
        if (modelProvenance != null) {
            report = report.withProvenance("model", modelProvenance);
        }
        ReportWriter.write(out, report);
        PrintWriter pw = spec.commandLine().getOut();
        pw.print(ReportWriter.textTable(report));
        if (modelProvenance != null && modelProvenance.get("protocol") != null) {
            Object protocol = modelProvenance.get("protocol");
            pw.printf("protocol: %s%n", BodyModelBenchmarkRun.PROTOCOL_WHOLE_IMAGE.equals(protocol)
                    ? "whole image (standard LSP protocol: whole test images, no ground truth at test time)"
                    : BodyModelBenchmarkRun.PROTOCOL_MPII_CROP.equals(protocol)
                    ? "MPII validation persons cropped around their ground-truth joints (no person detector)"
                    : "ground-truth crop (secondary: persons cropped around their ground-truth joints)");
            if (modelProvenance.get("test_time_flip") instanceof Boolean flip) {
                pw.printf("test-time flip: %s (%s)%n", flip ? "on" : "off", modelProvenance.get("test_time_flip_from"));
            }
        }
        boolean facesCsv = which == Dataset.W300 && groundTruth != null;
        if (facesCsv && FaceGroundTruth.FORMAT_DLIB_XML.equals(groundTruth.format())) {
            pw.printf("note: %s%n", FaceGroundTruth.DLIB_XML_NOTE);
        }
        pw.printf("written: %s (report.md, metrics.json, per_image.csv, %s%s)%n", out, report.plotFile(),
                facesCsv ? ", " + FACES_CSV : "");
        pw.flush();
        return ExitCodes.OK;
    }

    /**
     * Runs a body model on LSP test images 1001-2000 (whole images from --root, or the ground-truth crops of
     * --supervision), writes OUT/predictions.json, points --predictions there.
     */
    private Map<String, Object> predictBodyWithModel() throws IOException {
        if (supervision == null && root == null) {
            throw new ParameterException(spec.commandLine(), "lsp --model needs --root DIR (the LSP folder: whole test"
                    + " images, the standard protocol) or --supervision DIR (a supervise-body folder: ground-truth crops)");
        }
        requireGt();
        if (batch < 1) {
            throw new ParameterException(spec.commandLine(), "--batch must be >= 1, got " + batch);
        }
        JointSource source = jointSource();
        Path archive = ModelResolver.resolve(model);
        predictions = out.resolve("predictions.json");
        if (supervision == null) {
            return BodyModelBenchmarkRun.predictLspTestWholeImages(archive, root, source, flipTest(), predictions,
                    VerbosityMixin.progress());
        }
        if (Boolean.TRUE.equals(flipTest())) {
            throw new ParameterException(spec.commandLine(), "--flip-test works on whole images (--root), not with"
                    + " --supervision");
        }
        return BodyModelBenchmarkRun.predictLspTest(archive, supervision, source, batch, predictions);
    }

    /**
     * Runs a body model on MPII's validation persons (annot/valid.json under --root, crops from --supervision), writes
     * OUT/predictions.json in gt_valid.mat's person order, points --predictions there.
     */
    private Map<String, Object> predictMpiiWithModel() throws IOException {
        if (root == null || supervision == null) {
            throw new ParameterException(spec.commandLine(), "mpii --model needs --root DIR (the MPII folder with"
                    + " annot/valid.json) and --supervision DIR (supervise-body --dataset mpii --split test output)");
        }
        requireGt();
        if (batch < 1) {
            throw new ParameterException(spec.commandLine(), "--batch must be >= 1, got " + batch);
        }
        Path archive = ModelResolver.resolve(model);
        predictions = out.resolve("predictions.json");
        return BodyModelBenchmarkRun.predictMpiiValidation(archive, root, supervision, jointSource(), batch,
                predictions);
    }

    private JointSource jointSource() {
        return switch (joints.toLowerCase(Locale.ROOT)) {
            case "auto" -> JointSource.AUTO;
            case "heatmap" -> JointSource.HEATMAP;
            case "dense" -> JointSource.DENSE;
            default -> throw new ParameterException(spec.commandLine(), "--joints: expected auto, heatmap or dense, found '"
                    + joints + "'");
        };
    }

    /** @return --flip-test: true (on), false (off), null (auto: the model's own default) */
    private Boolean flipTest() {
        return FlipTestOption.parse(flipTest, spec);
    }

    /** Runs the model on every ground-truth face, writes OUT/predictions/, points --predictions there. */
    private Map<String, Object> predictWithModel() throws IOException {
        if (root != null && gt != null) {
            throw new ParameterException(spec.commandLine(), "300w: give either --root (with --subset) or --gt, not both");
        }
        if (root == null && gt != null && FaceGroundTruth.FORMAT_DLIB_XML.equals(faceGroundTruth().format())) {
            Path archive = ModelResolver.resolve(model);
            UvLandmarkExtractor.Mode mode = InferCommand.landmarkMode(landmarks, spec);
            predictions = out.resolve("predictions");
            return FaceModelBenchmarkRun.predictInBoxes(archive, mode, faceGroundTruth(), predictions,
                    VerbosityMixin.progress());
        }
        Path gtRoot;
        List<Path> files;
        if (root != null) {
            Face300wLayout layout = Face300wLayout.scan(root);
            gtRoot = layout.root();
            files = layout.annotations(parseSubset());
        } else if (gt != null) {
            gtRoot = gt;
            files = GroundTruthCropPredictions.ptsFiles(gt);
        } else {
            throw new ParameterException(spec.commandLine(), "300w needs --root DIR (released layout) or --gt FOLDER of .pts");
        }
        if (files.isEmpty()) {
            throw new CommandFailedException(ExitCodes.BAD_INPUT, gtRoot + ": no .pts ground truth found");
        }
        Path archive = ModelResolver.resolve(model);
        UvLandmarkExtractor.Mode mode = InferCommand.landmarkMode(landmarks, spec);
        predictions = out.resolve("predictions");
        return FaceModelBenchmarkRun.predict(archive, mode, gtRoot, files, predictions, VerbosityMixin.progress());
    }

    /** The 300W ground truth of --gt: a dlib XML file (name ending in .xml) or a folder of .pts; read once. */
    private FaceGroundTruth faceGroundTruth() throws IOException {
        if (groundTruth == null) {
            groundTruth = gt.getFileName() != null
                    && gt.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".xml")
                    ? FaceGroundTruth.dlibXml(gt) : FaceGroundTruth.ptsFolder(gt);
        }
        return groundTruth;
    }

    private Dataset parseDataset() {
        return switch (dataset.toLowerCase(Locale.ROOT)) {
            case "300w" -> Dataset.W300;
            case "mpii" -> Dataset.MPII;
            case "lsp" -> Dataset.LSP;
            default -> throw new ParameterException(spec.commandLine(), "--dataset: expected 300w, mpii or lsp, found '" + dataset + "'");
        };
    }

    private Path requireGt() {
        if (gt == null && root != null && "lsp".equalsIgnoreCase(dataset)) {
            gt = root.resolve("joints.mat");
        }
        if (gt == null) {
            throw new ParameterException(spec.commandLine(), "--dataset " + dataset + " needs --gt FILE"
                    + ("lsp".equalsIgnoreCase(dataset) ? " (or --root DIR holding joints.mat)" : ""));
        }
        return gt;
    }

    private double positive(double t) {
        if (!(t > 0) || Double.isInfinite(t)) {
            throw new ParameterException(spec.commandLine(), "--threshold: expected a positive number, found " + t);
        }
        return t;
    }

    private Comparison comparison(Comparison dflt) {
        return lessThan == null ? dflt : lessThan ? Comparison.LESS_THAN : Comparison.LESS_OR_EQUAL;
    }

    private FaceNormalisation normalisation() {
        return switch (norm.toLowerCase(Locale.ROOT)) {
            case "eye-corners", "eyes", "inter-ocular" -> FaceNormalisation.EYE_CORNERS;
            case "pupils", "inter-pupil" -> FaceNormalisation.PUPILS;
            case "box" -> FaceNormalisation.BOX;
            default -> throw new ParameterException(spec.commandLine(), "--norm: expected eye-corners, pupils or box, found '" + norm + "'");
        };
    }

    private IntegrationRule rule() {
        return switch (auc.toLowerCase(Locale.ROOT)) {
            case "simpson" -> IntegrationRule.SIMPSON;
            case "trapezoid" -> IntegrationRule.TRAPEZOID;
            default -> throw new ParameterException(spec.commandLine(), "--auc: expected simpson or trapezoid, found '" + auc + "'");
        };
    }

    private Face300wSubset parseSubset() {
        try {
            return Face300wSubset.parse(subset);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--subset: " + e.getMessage());
        }
    }
}
