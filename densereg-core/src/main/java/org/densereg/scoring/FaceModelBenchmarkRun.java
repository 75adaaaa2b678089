package org.densereg.scoring;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.densereg.data.face.FaceCrop;
import org.densereg.infer.FacePredictor;
import org.densereg.infer.GroundTruthCropPredictions;
import org.densereg.infer.UvLandmarkExtractor;
import org.densereg.io.BadInputException;
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
}
