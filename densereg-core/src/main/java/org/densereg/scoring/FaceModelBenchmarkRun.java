package org.densereg.scoring;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.densereg.data.Landmarks;
import org.densereg.data.face.FaceCrop;
import org.densereg.data.face.PtsWriter;
import org.densereg.eval.FaceGroundTruth;
import org.densereg.infer.FacePredictor;
import org.densereg.infer.GroundTruthCropPredictions;
import org.densereg.infer.UvLandmarkExtractor;
import org.densereg.io.BadInputException;
import org.densereg.io.ImageIo;
import org.densereg.model.ModelArchive;
import org.densereg.model.ModelProvenance;
import org.densereg.runtime.ProgressListener;

/**
 * A face model run on every ground-truth face of a 300W-style folder (each face cropped around its ground-truth
 * landmarks, no detector), writing a prediction folder of {@code .pts} files that {@code eval.Face300wEvaluation}
 * scores like the predictions of any other method. This is {@code densereg evaluate --dataset 300w --model}.
 */
public final class FaceModelBenchmarkRun {

    private FaceModelBenchmarkRun() {
    }

    /**
     * Predicts every face and writes {@code predictions/<path of the .pts relative to gtRoot>}.
     *
     * @param archive     the face model archive
     * @param mode        landmark extraction from the (u, v) maps
     * @param gtRoot      folder the ground-truth files are relative to
     * @param ptsFiles    ground-truth {@code .pts} files under {@code gtRoot} (not empty)
     * @param predictions the prediction folder to write
     * @param progress    progress sink
     * @return what the evaluation report records about the model and how it was run (archive, checksums, landmark
     *         mode, localisation, faces with missing landmarks), in that order
     * @throws BadInputException when the archive, a ground-truth file or an image is unreadable or malformed
     * @throws IOException       on a read or write error
     */
    public static Map<String, Object> predict(Path archive, UvLandmarkExtractor.Mode mode, Path gtRoot,
            List<Path> ptsFiles, Path predictions, ProgressListener progress) throws IOException {
        FacePredictor predictor = new FacePredictor(ModelArchive.read(archive), mode);
        int incomplete = GroundTruthCropPredictions.predict(predictor, gtRoot, ptsFiles, predictions, progress);
        Map<String, Object> m = ModelProvenance.of(archive, predictor.metadata());
        m.put("landmark_mode", mode.name().toLowerCase(Locale.ROOT));
        m.put("localisation", "crop around the ground-truth landmarks' bounding box (FaceCrop.aroundLandmarks: side "
                + FaceCrop.LANDMARK_MARGIN + " x max(w, h), centre raised by " + FaceCrop.LANDMARK_UPWARD_SHIFT
                + " x max(w, h)); no detector, ground truth used for localisation");
        m.put("faces_with_missing_landmarks", incomplete);
        m.put("missing_landmark_rule", "placed at the crop centre");
        return m;
    }

    /**
     * Predicts every face of a ground truth in the box that locates it ({@link FaceGroundTruth.Face#locatingBox}: a
     * dlib XML's {@code <box>}), cropped as {@code densereg infer --boxes FILE.xml} crops a box
     * ({@link FaceCrop#aroundBox}: a square of {@value FaceCrop#BOX_MARGIN} × the box's larger side around its centre),
     * and writes {@code predictions/<face id>.pts} (1-based). An image holding several faces is decoded once.
     *
     * @param archive     the face model archive
     * @param mode        landmark extraction from the (u, v) maps
     * @param gt          the ground truth (every face with its image)
     * @param predictions the prediction folder to write
     * @param progress    progress sink
     * @return what the evaluation report records about the model and how it was run, as {@link #predict}
     * @throws BadInputException when the archive or an image is unreadable or a face has no image
     * @throws IOException       on a read or write error
     */
    public static Map<String, Object> predictInBoxes(Path archive, UvLandmarkExtractor.Mode mode, FaceGroundTruth gt,
            Path predictions, ProgressListener progress) throws IOException {
        for (FaceGroundTruth.Face f : gt.faces()) {
            if (f.image() == null) {
                throw new BadInputException(f.pts() != null ? f.pts() : gt.source(), "face " + f.id()
                        + ": no image to run the model on");
            }
        }
        FacePredictor predictor = new FacePredictor(ModelArchive.read(archive), mode);
        progress.start("predict", gt.faces().size());
        int incomplete = 0;
        int done = 0;
        Path decoded = null;
        BufferedImage image = null;
        for (FaceGroundTruth.Face f : gt.faces()) {
            if (!f.image().equals(decoded)) {
                image = ImageIo.read(f.image());
                decoded = f.image();
            }
            FaceCrop crop = FaceCrop.aroundBox(f.locatingBox(), predictor.inputSize());
            Landmarks found = predictor.predictInImage(image, crop).landmarks();
            if (!found.allFinite()) {
                incomplete++;
                found = GroundTruthCropPredictions.completed(found, crop);
            }
            PtsWriter.write(predictions.resolve(f.id() + ".pts"), found);
            progress.advance(++done, f.id());
        }
        progress.finish(done + " faces predicted" + (incomplete > 0 ? ", " + incomplete + " with missing landmarks" : ""));
        Map<String, Object> m = ModelProvenance.of(archive, predictor.metadata());
        m.put("landmark_mode", mode.name().toLowerCase(Locale.ROOT));
        m.put("localisation", "crop around the ground truth's box (" + gt.format() + ": "
                + (FaceGroundTruth.FORMAT_DLIB_XML.equals(gt.format()) ? "the XML's <box>" : "the landmarks' bounding box")
                + "; FaceCrop.aroundBox: side " + FaceCrop.BOX_MARGIN + " x max(w, h) around the box centre, as infer"
                + " --boxes); no detector");
        m.put("faces_with_missing_landmarks", incomplete);
        m.put("missing_landmark_rule", "placed at the crop centre");
        return m;
    }
}
