package org.densereg.eval;

import org.densereg.data.Distances;
import org.densereg.data.Landmarks;

/**
 * 300W normalised mean error: {@code NME = (1/68) Σ_k ‖p_k − g_k‖₂ / d(g)} with d from {@link FaceNormalisation}.
 * CED, AUC and failure rate over a set of images: {@link CedCurve}.
 */
public final class FaceNme {

    private FaceNme() {
    }

    /**
     * NME of one face.
     *
     * @throws IllegalArgumentException when the point counts differ or the normaliser is not positive
     */
    public static double of(Landmarks prediction, Landmarks gt, FaceNormalisation normalisation) {
        if (prediction.count() != gt.count()) {
            throw new IllegalArgumentException("prediction has " + prediction.count() + " points, ground truth " + gt.count());
        }
        double d = normalisation.of(gt);
        if (!(d > 0)) {
            throw new IllegalArgumentException("normaliser " + normalisation + " is " + d);
        }
        double s = 0;
        for (int k = 0; k < gt.count(); k++) {
            s += Distances.euclidean(prediction.x(k) - gt.x(k), prediction.y(k) - gt.y(k));
        }
        return s / gt.count() / d;
    }
}
