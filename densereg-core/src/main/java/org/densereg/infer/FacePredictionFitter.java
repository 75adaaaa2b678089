package org.densereg.infer;

import java.io.IOException;
import java.util.Locale;
import java.util.Objects;
import org.densereg.data.face.FaceCrop;
import org.densereg.fit.DenseCorrespondenceFitter;
import org.densereg.fit.DenseFitConfig;
import org.densereg.fit.DenseFitResult;
import org.densereg.model3d.DefaultFaceModel;
import org.densereg.model3d.MorphableModel;
import org.densereg.model3d.MorphableModels;
import org.densereg.model3d.UvMode;

/**
 * The dense-to-3D cascade on network predictions: fits a morphable model to a {@link FacePrediction}'s (u, v) map
 * ({@link DenseCorrespondenceFitter}, in the crop frame of the maps) and returns the fit in the source image's
 * frame. The model must be the one whose UV parameterisation the network was trained on: its landmark (u, v) are
 * checked against the archive's. Immutable and thread-safe.
 */
public final class FacePredictionFitter {

    /** Largest difference between the archive's and the model's landmark (u, v) accepted as the same template. */
    public static final double TEMPLATE_TOLERANCE = 1e-4;

    private final DenseCorrespondenceFitter fitter;

    /**
     * @param model  the morphable model the maps refer to
     * @param config fitting settings
     */
    public FacePredictionFitter(MorphableModel model, DenseFitConfig config) {
        this.fitter = new DenseCorrespondenceFitter(model, config);
    }

    /**
     * The fitter for a face archive: the morphable model named by {@code options.morphableModel()}, or, when that is
     * null, the one the archive's template id names (only the built-in {@value DefaultFaceModel#NAME} can be found
     * from its name; other templates need the model given). Cylindrical UV unless the template id ends in
     * {@code /model}.
     *
     * @param template           the archive's template id, e.g. {@code default-gpmm-mediapipe468/cylindrical}
     * @param archiveLandmarkUv  [136] the archive's template landmark (u, v) (NaN where undefined)
     * @param options            the cascade's options
     * @return the fitter
     * @throws InferenceRequestException when no model can be found for the template, or the model's landmark (u, v)
     *                                   differ from the archive's (setting {@code fit3d})
     * @throws IOException               when a model file cannot be read
     */
    public static FacePredictionFitter forArchive(String template, double[] archiveLandmarkUv, Fit3dOptions options)
            throws IOException {
        String name = template == null ? "" : template;
        int slash = name.lastIndexOf('/');
        String modelName = slash >= 0 ? name.substring(0, slash) : name;
        UvMode uvMode = slash >= 0 && name.substring(slash + 1).toLowerCase(Locale.ROOT).equals("model") ? UvMode.MODEL
                : UvMode.CYLINDRICAL;
        String spec = options.morphableModel();
        if (spec == null) {
            if (!DefaultFaceModel.NAME.equals(modelName)) {
                throw new InferenceRequestException("fit3d", template, "the model's (u, v) refer to the template '"
                        + template + "', not the built-in " + DefaultFaceModel.NAME + "; name its morphable model"
                        + " (a model folder or BFM .mat) with --fit3d-model");
            }
            spec = MorphableModels.DEFAULT;
        }
        MorphableModel model = MorphableModels.load(spec, uvMode);
        double[] own = model.landmarkUv();
        double worst = 0;
        for (int i = 0; i < own.length && i < archiveLandmarkUv.length; i++) {
            if (Double.isFinite(own[i]) && Double.isFinite(archiveLandmarkUv[i])) {
                worst = Math.max(worst, Math.abs(own[i] - archiveLandmarkUv[i]));
            }
        }
        if (archiveLandmarkUv.length != own.length || worst > TEMPLATE_TOLERANCE) {
            throw new InferenceRequestException("fit3d", spec, String.format(Locale.ROOT, "the morphable model '%s'"
                    + " is not the template the network was trained on ('%s'): their landmark (u, v) differ by up to"
                    + " %.4f", model.name(), template, worst));
        }
        return new FacePredictionFitter(model, options.config());
    }

    /** The morphable model fitted. */
    public MorphableModel model() {
        return fitter.model();
    }

    /** The fitter's settings. */
    public DenseFitConfig config() {
        return fitter.config();
    }

    /**
     * Fits the model to one prediction's (u, v) map.
     *
     * @param prediction a face prediction
     * @return the fit in the source image's frame (0-based pixels), or null when the map has too few foreground
     *         pixels on the template ({@value DenseCorrespondenceFitter#MIN_CORRESPONDENCES})
     */
    public DenseFitResult fit(FacePrediction prediction) {
        Objects.requireNonNull(prediction, "prediction");
        DenseFitResult inCrop;
        try {
            inCrop = fitter.fit(prediction.u(), prediction.v(), prediction.size(), prediction.size());
        } catch (IllegalArgumentException tooFew) {
            return null;
        }
        FaceCrop c = prediction.crop();
        return inCrop.toSourceFrame(c.scale(), c.offsetX(), c.offsetY());
    }
}
