package org.densereg.scoring;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.densereg.data.JointPredictionJson;
import org.densereg.data.body.BodyAnnotationReader;
import org.densereg.data.body.BodyJoints;
import org.densereg.data.lsp.LspJoint;
import org.densereg.data.lsp.LspJoints;
import org.densereg.infer.BodyPrediction;
import org.densereg.infer.BodyPredictor;
import org.densereg.io.BadInputException;
import org.densereg.io.ImageIo;
import org.densereg.io.Sha256;
import org.densereg.model.ModelArchive;
import org.densereg.model.ModelProvenance;
import org.densereg.runtime.ProgressListener;
import org.densereg.train.body.BodyTask;

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
     * @param predictions the JSON file to write (0-based pixels; its folder is created)
     * @param progress    progress sink
     * @return the provenance, as {@link #predictLspWholeImages}
     * @throws BadInputException when the archive is not a body model, or an image is missing or unreadable
     * @throws IOException       on a read or write error
     */
    public static Map<String, Object> predictLspTestWholeImages(Path archive, Path lspRoot, JointSource source,
            Path predictions, ProgressListener progress) throws IOException {
        return predictLspWholeImages(archive, lspRoot, LspJoints.TEST_FIRST,
                LspJoints.TEST_FIRST + LspJoints.SPLIT_SIZE - 1, source, predictions, progress);
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
     * @param predictions the JSON file to write ({@link JointPredictionJson#write}, 0-based; its folder is created)
     * @param progress    progress sink
     * @return what the evaluation report records (protocol {@value #PROTOCOL_WHOLE_IMAGE}, archive with checksums and
     *         training, joint source used, LSP folder, images, localisation, missing-joint rule and count), in that
     *         order
     * @throws BadInputException when the archive is not a body model (or lacks the requested heatmap head), or an
     *                           image is missing or unreadable (names the file)
     * @throws IOException       on a read or write error
     */
    public static Map<String, Object> predictLspWholeImages(Path archive, Path lspRoot, int first, int last,
            JointSource source, Path predictions, ProgressListener progress) throws IOException {
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
            predictor = new BodyPredictor(model);
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
     *         {@value #PROTOCOL_GROUND_TRUTH_CROP}, archive, checksum, task, joint source used, supervision folder,
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
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("protocol", PROTOCOL_GROUND_TRUTH_CROP);
        m.put("archive", archive.toAbsolutePath().normalize().toString());
        m.put("archive_sha256", Sha256.hex(archive));
        m.put("task", r.task().name());
        m.put("joint_source", used.name().toLowerCase(Locale.ROOT));
        m.put("supervision", supervision.toAbsolutePath().normalize().toString());
        m.put("localisation", "supervise-body crop around the ground-truth joints (BodyCrop.aroundJoints); no person "
                + "detector, ground truth used for localisation");
        m.put("missing_joint_rule", "a joint the dense maps do not give is placed at the crop centre");
        return m;
    }
}
