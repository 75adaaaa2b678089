package org.densereg.scoring;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.densereg.data.JointPredictionJson;
import org.densereg.data.body.BodyAnnotationReader;
import org.densereg.data.body.BodyJoints;
import org.densereg.data.lsp.LspJoint;
import org.densereg.data.lsp.LspJoints;
import org.densereg.data.mpii.MpiiJoint;
import org.densereg.data.mpii.MpiiJsonAnnotation;
import org.densereg.data.mpii.MpiiJsonReader;
import org.densereg.infer.BodyPrediction;
import org.densereg.infer.BodyPredictor;
import org.densereg.io.BadInputException;
import org.densereg.io.ImageIo;
import org.densereg.io.Sha256;
import org.densereg.model.ModelArchive;
import org.densereg.model.ModelProvenance;
import org.densereg.runtime.ProgressListener;
import org.densereg.supervision.body.BodyFraming;
import org.densereg.supervision.body.BodySupervisionSummary;
import org.densereg.train.body.BodyTask;
import org.densereg.trainingdata.body.BodySupervisionFolder;

/**
 * A body model run on the LSP test images 1001-2000, writing a joints JSON file that {@code eval.LspEvaluation} scores
 * like the predictions of any other method. This is {@code densereg evaluate --dataset lsp --model}, by two protocols:
 * <ul>
 *   <li><b>whole image</b> (the standard LSP protocol, {@link #predictLspTestWholeImages}): each whole test image goes
 *       in, letterboxed to the model's square input exactly as {@code infer} does without boxes
 *       ({@link BodyPredictor#predict}, {@link org.densereg.supervision.body.BodyCrop#wholeImage}); no ground truth is
 *       read; joints are mapped back to image pixels;</li>
 *   <li><b>ground-truth crop</b> (secondary, {@link #predictLspTest}): the crops of a {@code supervise-body} folder,
 *       placed around each image's ground-truth joints as in training.</li>
 * </ul>
 * and {@code densereg evaluate --dataset mpii --model}: MPII's validation persons from the crops of a
 * {@code supervise-body --dataset mpii} folder, written in {@code gt_valid.mat}'s order ({@link
 * #predictMpiiValidation}).
 */
public final class BodyModelBenchmarkRun {

    /** The {@code protocol} recorded for the standard run on whole images. */
    public static final String PROTOCOL_WHOLE_IMAGE = "whole image";
    /** The {@code protocol} recorded for the run on crops around the ground-truth joints. */
    public static final String PROTOCOL_GROUND_TRUTH_CROP = "ground-truth crop";

    private BodyModelBenchmarkRun() {
    }

    /**
     * The standard LSP protocol: predicts the whole test images 1001-2000 of an LSP folder
     * ({@link #predictLspWholeImages} over that range).
     *
     * @param archive     the body model archive
     * @param lspRoot     the LSP folder ({@code images/im1001.jpg} …, or the images directly in it)
     * @param source      which joints to write
     * @param flipTest    average the heatmaps with those of the mirrored image ({@link BodyPredictor}'s test-time flip);
     *                    null = what the archive asks for ({@link org.densereg.model.ModelMetadata#testTimeFlip()})
     * @param predictions the JSON file to write (0-based pixels; its folder is created)
     * @param progress    progress sink
     * @return the provenance, as {@link #predictLspWholeImages}
     * @throws BadInputException when the archive is not a body model, or an image is missing or unreadable
     * @throws IOException       on a read or write error
     */
    public static Map<String, Object> predictLspTestWholeImages(Path archive, Path lspRoot, JointSource source,
            Boolean flipTest, Path predictions, ProgressListener progress) throws IOException {
        return predictLspWholeImages(archive, lspRoot, LspJoints.TEST_FIRST,
                LspJoints.TEST_FIRST + LspJoints.SPLIT_SIZE - 1, source, flipTest, predictions, progress);
    }

    /**
     * Predicts whole LSP images {@code first..last}: each image is read ({@link ImageIo#read}, EXIF orientation
     * applied), letterboxed to the model's square input and predicted by {@link BodyPredictor#predict} (the same path
     * as {@code densereg infer} on an image without a box), and the joints of {@code source} are written in the
     * image's 0-based pixels. No annotation is read. A joint the model does not give (dense maps without that part) is
     * placed at the image centre, ((w − 1)/2, (h − 1)/2), and counted. Every image is checked to exist before the
     * first forward pass.
     *
     * @param archive     the body model archive (written by {@code train-body})
     * @param lspRoot     the LSP folder ({@link BodyAnnotationReader#lspImage})
     * @param first       first LSP image number (1-based)
     * @param last        last LSP image number, &ge; first
     * @param source      which joints to write ({@link JointSource#AUTO}: the model's primary source,
     *                    {@link BodyPredictor#primarySource})
     * @param flipTest    average the heatmaps with those of the mirrored image ({@link BodyPredictor}'s test-time
     *                    flip; heatmap joints only); null = what the archive asks for
     *                    ({@link org.densereg.model.ModelMetadata#testTimeFlip()}) when the joints come from the
     *                    heatmaps, else off
     * @param predictions the JSON file to write ({@link JointPredictionJson#write}, 0-based; its folder is created)
     * @param progress    progress sink
     * @return what the evaluation report records (protocol {@value #PROTOCOL_WHOLE_IMAGE}, archive with checksums and
     *         training, joint source used, test-time flip, LSP folder, images, localisation, missing-joint rule and
     *         count), in that order
     * @throws BadInputException when the archive is not a body model (or lacks the requested heatmap head), or an
     *                           image is missing or unreadable (names the file)
     * @throws IOException       on a read or write error
     */
    public static Map<String, Object> predictLspWholeImages(Path archive, Path lspRoot, int first, int last,
            JointSource source, Boolean flipTest, Path predictions, ProgressListener progress) throws IOException {
        if (first < 1 || last < first) {
            throw new IllegalArgumentException("image range " + first + ".." + last);
        }
        List<Path> images = new ArrayList<>();
        List<Path> missing = new ArrayList<>();
        for (int n = first; n <= last; n++) {
            Path image = BodyAnnotationReader.lspImage(lspRoot, n);
            images.add(image);
            if (!Files.isRegularFile(image)) {
                missing.add(image);
            }
        }
        if (!missing.isEmpty()) {
            throw new BadInputException(missing.get(0), "missing: " + missing.size() + " of the LSP images " + first + "-"
                    + last + " are not in " + lspRoot + " (expected images/imNNNN.jpg)");
        }
        ModelArchive.Loaded model = ModelArchive.read(archive);
        if (!"body".equals(model.metadata().task())) {
            throw new BadInputException(archive, "expected a body model (task \"body\", from train-body), found task \""
                    + model.metadata().task() + "\"");
        }
        BodyPredictor predictor;
        try {
            predictor = new BodyPredictor(model, false);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(archive, e.getMessage());
        }
        BodyPrediction.Source used = switch (source) {
            case AUTO -> predictor.primarySource();
            case HEATMAP -> BodyPrediction.Source.HEATMAP;
            case DENSE -> BodyPrediction.Source.DENSE;
        };
        if (used == BodyPrediction.Source.HEATMAP && !predictor.hasHeatmapHead()) {
            throw new BadInputException(archive, "has no heatmap head: score its dense joints (--joints dense)");
        }
        if (Boolean.TRUE.equals(flipTest) && used != BodyPrediction.Source.HEATMAP) {
            throw new BadInputException(archive, "the test-time flip averages heatmaps: it needs heatmap joints"
                    + " (--joints heatmap or auto on a model trained with its heatmap head)");
        }
        boolean flip = flipTest != null ? flipTest
                : model.metadata().testTimeFlip() && used == BodyPrediction.Source.HEATMAP;
        if (flip) {
            predictor = new BodyPredictor(model, true);
        }
        double[] xy = new double[images.size() * 2 * LspJoint.COUNT];
        int withMissing = 0;
        progress.start("evaluate", images.size());
        for (int i = 0; i < images.size(); i++) {
            BufferedImage image = ImageIo.read(images.get(i));
            BodyPrediction p = predictor.predict(image);
            BodyJoints joints = used == BodyPrediction.Source.HEATMAP ? p.heatmapJoints() : p.denseJoints();
            boolean anyMissing = false;
            for (LspJoint j : LspJoint.values()) {
                double x = joints.x(j);
                double y = joints.y(j);
                if (!Double.isFinite(x) || !Double.isFinite(y)) {
                    anyMissing = true;
                    x = (image.getWidth() - 1) / 2.0;
                    y = (image.getHeight() - 1) / 2.0;
                }
                xy[(i * LspJoint.COUNT + j.ordinal()) * 2] = x;
                xy[(i * LspJoint.COUNT + j.ordinal()) * 2 + 1] = y;
            }
            withMissing += anyMissing ? 1 : 0;
            progress.advance(i + 1, images.get(i).getFileName().toString());
        }
        progress.finish(images.size() + " images");
        JointPredictionJson.write(predictions, xy, LspJoint.COUNT); // creates the folder
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("protocol", PROTOCOL_WHOLE_IMAGE);
        m.putAll(ModelProvenance.of(archive.toAbsolutePath().normalize(), predictor.metadata()));
        m.put("joint_source", used.jsonName());
        m.put("test_time_flip", flip);
        m.put("test_time_flip_from", flipTest != null ? "--flip-test" : "the model's default (training.testTimeFlip)");
        m.put("lsp_root", lspRoot.toAbsolutePath().normalize().toString());
        m.put("images", first + "-" + last);
        m.put("localisation", "none: the whole image, letterboxed to the " + predictor.inputSize() + "x"
                + predictor.inputSize() + " input (BodyCrop.wholeImage, as infer without boxes); no ground truth at "
                + "test time");
        m.put("missing_joint_rule", "a joint the model does not give is placed at the image centre");
        m.put("images_with_missing_joints", withMissing);
        return m;
    }

    /**
     * Predicts the LSP test images and writes their joints ({@link JointPredictionJson#write}, 0-based).
     *
     * @param archive     the body model archive (written by {@code train-body})
     * @param supervision a {@code supervise-body} folder holding images 1001-2000
     * @param source      which joints to write
     * @param batchSize   images per forward pass (changes only float round-off), at least 1
     * @param predictions the JSON file to write (its folder is created)
     * @return what the evaluation report records about the model and how it was run (protocol
     *         {@value #PROTOCOL_GROUND_TRUTH_CROP}, or {@value #PROTOCOL_WHOLE_IMAGE} for a folder written with
     *         {@code --framing image}, archive, checksum, task, joint source used, supervision folder,
     *         localisation, missing-joint rule), in that order
     * @throws BadInputException when the archive is not a body model or images of the range are missing
     * @throws IOException       on a read or write error
     */
    public static Map<String, Object> predictLspTest(Path archive, Path supervision, JointSource source, int batchSize,
            Path predictions) throws IOException {
        BodyModelPredictions.Result r = BodyModelPredictions.predict(ModelArchive.read(archive), archive,
                supervision, LspJoints.TEST_FIRST, LspJoints.TEST_FIRST + LspJoints.SPLIT_SIZE - 1, batchSize);
        JointSource used = source != JointSource.AUTO ? source
                : r.task() == BodyTask.DENSE ? JointSource.DENSE : JointSource.HEATMAP;
        double[] xy = used == JointSource.DENSE ? r.predictions().dense() : r.predictions().heatmap();
        JointPredictionJson.write(predictions, xy, LspJoint.COUNT); // creates the folder
        boolean wholeImages = BodySupervisionSummary.framingOf(supervision) == BodyFraming.IMAGE;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("protocol", wholeImages ? PROTOCOL_WHOLE_IMAGE : PROTOCOL_GROUND_TRUTH_CROP);
        m.put("archive", archive.toAbsolutePath().normalize().toString());
        m.put("archive_sha256", Sha256.hex(archive));
        m.put("task", r.task().name());
        m.put("joint_source", used.name().toLowerCase(Locale.ROOT));
        m.put("supervision", supervision.toAbsolutePath().normalize().toString());
        m.put("localisation", wholeImages ? "supervise-body --framing image crops: each whole image letterboxed "
                + "(BodyCrop.wholeImage), no ground truth used for localisation"
                : "supervise-body crop around the ground-truth joints (BodyCrop.aroundJoints); no person "
                + "detector, ground truth used for localisation");
        m.put("missing_joint_rule", "a joint the dense maps do not give is placed at the crop centre");
        return m;
    }

    /** The {@code protocol} recorded for the MPII run on the validation persons' crops. */
    public static final String PROTOCOL_MPII_CROP = "MPII validation persons, ground-truth crop";

    /**
     * Predicts MPII's validation persons ({@code annot/valid.json} of the HRNet/mmpose JSON form: the 2958 persons of
     * {@code gt_valid.mat}, in its order) with a body model, from the crops of a {@code supervise-body --dataset mpii
     * --split test} folder made from the same JSON files, and writes their 16 MPII joints in that order for {@link
     * org.densereg.eval.MpiiEvaluation} ({@code densereg evaluate --dataset mpii --model}). Person p of image I has
     * the id {@code <I's stem>_<p>}, p counting I's entries in {@code valid.json} from 1 (as {@link
     * BodyAnnotationReader#mpii} numbers them). Our 14 LSP-order joints map to MPII's ids directly; MPII's upper neck
     * and thorax both take our neck (which, for MPII-trained models, is the midpoint of the two), the pelvis the
     * midpoint of our hips (neither thorax nor pelvis counts in PCKh's mean). A person without a supervision sample
     * (e.g. too few joints for {@code supervise-body}) and a joint the model does not give are placed at the person's
     * {@code center} from {@code valid.json}, and counted.
     *
     * @param archive     the body model archive
     * @param mpiiRoot    the MPII folder holding {@code annot/valid.json}
     * @param supervision the {@code supervise-body} folder of the validation persons
     * @param source      which joints to write
     * @param batchSize   persons per forward pass, &ge; 1
     * @param predictions the JSON file to write ({@link JointPredictionJson#write}, 16 joints, 0-based)
     * @return what the evaluation report records (protocol, archive with checksums and training, joint source,
     *         folders, persons, persons without a sample, missing-joint rule)
     * @throws BadInputException when {@code valid.json} or the folder is missing or malformed, the archive is not a
     *                           body model, or the folder holds none of the validation persons
     * @throws IOException       on a read or write error
     */
    public static Map<String, Object> predictMpiiValidation(Path archive, Path mpiiRoot, Path supervision,
            JointSource source, int batchSize, Path predictions) throws IOException {
        Path valid = mpiiRoot.resolve("annot").resolve("valid.json");
        List<MpiiJsonAnnotation> persons = MpiiJsonReader.read(valid);
        List<String> ids = new ArrayList<>(persons.size());
        Map<String, Integer> perImage = new HashMap<>();
        for (MpiiJsonAnnotation a : persons) {
            String name = Path.of(a.image()).getFileName().toString();
            int dot = name.lastIndexOf('.');
            ids.add((dot > 0 ? name.substring(0, dot) : name) + "_" + perImage.merge(a.image(), 1, Integer::sum));
        }
        BodySupervisionFolder folder = BodySupervisionFolder.openAny(supervision);
        java.util.Set<String> present = new java.util.HashSet<>(folder.ids());
        List<String> found = ids.stream().filter(present::contains).toList();
        if (found.isEmpty()) {
            throw new BadInputException(supervision, "holds none of the " + ids.size() + " validation persons of "
                    + valid + " (e.g. " + ids.get(0) + "); run supervise-body --dataset mpii --split test on " + mpiiRoot);
        }
        ModelArchive.Loaded model = ModelArchive.read(archive);
        BodyModelPredictions.Predicted p = BodyModelPredictions.predict(model, archive, folder, found, batchSize);
        JointSource used = source != JointSource.AUTO ? source
                : p.task() == BodyTask.DENSE ? JointSource.DENSE : JointSource.HEATMAP;
        double[] lsp = used == JointSource.DENSE ? p.predictions().dense() : p.predictions().heatmap();
        double[] xy = new double[persons.size() * MpiiJoint.COUNT * 2];
        int k = 0;
        int withoutSample = 0;
        int missingJoints = 0;
        for (int i = 0; i < persons.size(); i++) {
            double[] centre = persons.get(i).center();
            double[] own = new double[2 * LspJoint.COUNT];
            if (present.contains(ids.get(i))) {
                System.arraycopy(lsp, k * 2 * LspJoint.COUNT, own, 0, own.length);
                k++;
            } else {
                java.util.Arrays.fill(own, Double.NaN);
                withoutSample++;
            }
            double[] mpii = toMpii(own);
            for (int j = 0; j < MpiiJoint.COUNT; j++) {
                if (!Double.isFinite(mpii[2 * j]) || !Double.isFinite(mpii[2 * j + 1])) {
                    mpii[2 * j] = centre[0];
                    mpii[2 * j + 1] = centre[1];
                    missingJoints++;
                }
            }
            System.arraycopy(mpii, 0, xy, i * 2 * MpiiJoint.COUNT, mpii.length);
        }
        JointPredictionJson.write(predictions, xy, MpiiJoint.COUNT); // creates the folder
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("protocol", PROTOCOL_MPII_CROP);
        m.putAll(ModelProvenance.of(archive.toAbsolutePath().normalize(), model.metadata()));
        m.put("joint_source", used.name().toLowerCase(Locale.ROOT));
        m.put("mpii_root", mpiiRoot.toAbsolutePath().normalize().toString());
        m.put("supervision", supervision.toAbsolutePath().normalize().toString());
        m.put("persons", persons.size());
        m.put("persons_without_sample", withoutSample);
        m.put("localisation", "supervise-body crop around the ground-truth joints (BodyCrop.aroundJoints); no person "
                + "detector, ground truth used for localisation");
        m.put("joint_mapping", "LSP order to MPII ids; upper neck and thorax = our neck; pelvis = midpoint of the hips");
        m.put("missing_joint_rule", "a person without a sample and a joint the model does not give are placed at the "
                + "person's center from valid.json");
        m.put("joints_placed_at_center", missingJoints);
        return m;
    }

    /**
     * Our 14 joints in LSP order to MPII's 16 ids.
     *
     * @param lsp [28] (x, y) in LSP order, NaN when not given
     * @return [32] (x, y) by MPII id; upper neck and thorax = neck, pelvis = midpoint of the hips (NaN when either
     *         hip is)
     */
    static double[] toMpii(double[] lsp) {
        double[] out = new double[2 * MpiiJoint.COUNT];
        int[] fromLsp = {0, 1, 2, 3, 4, 5, -1, 12, 12, 13, 6, 7, 8, 9, 10, 11}; // by MPII id; -1 = pelvis
        for (int j = 0; j < MpiiJoint.COUNT; j++) {
            int l = fromLsp[j];
            if (l >= 0) {
                out[2 * j] = lsp[2 * l];
                out[2 * j + 1] = lsp[2 * l + 1];
            } else {
                int r = LspJoint.RIGHT_HIP.ordinal();
                int left = LspJoint.LEFT_HIP.ordinal();
                out[2 * j] = 0.5 * (lsp[2 * r] + lsp[2 * left]);
                out[2 * j + 1] = 0.5 * (lsp[2 * r + 1] + lsp[2 * left + 1]);
            }
        }
        return out;
    }
}
