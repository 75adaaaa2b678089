package org.densereg.eval;

import org.densereg.data.Distances;
import org.densereg.data.Landmarks;

/** The normaliser of the 300W NME, always taken from the ground truth (68 iBUG points, 0-based indices). */
public enum FaceNormalisation {
    /** Outer eye corners: {@code ‖g36 − g45‖₂} (the 300W "inter-ocular" definition; default). */
    EYE_CORNERS,
    /** Inter-pupil: distance of the centroids of points 36–41 and 42–47. */
    PUPILS,
    /** Box size: {@code sqrt(w · h)} of the ground-truth landmarks' bounding box. */
    BOX;

    /** The normalising distance for ground truth {@code gt} (68 points). */
    public double of(Landmarks gt) {
        if (gt.count() != Landmarks.IBUG_68) {
            throw new IllegalArgumentException("expected 68 points, got " + gt.count());
        }
        return switch (this) {
            case EYE_CORNERS -> Distances.euclidean(gt.x(36) - gt.x(45), gt.y(36) - gt.y(45));
            case PUPILS -> {
                double ax = 0;
                double ay = 0;
                double bx = 0;
                double by = 0;
                for (int k = 0; k < 6; k++) {
                    ax += gt.x(36 + k);
                    ay += gt.y(36 + k);
                    bx += gt.x(42 + k);
                    by += gt.y(42 + k);
                }
                yield Distances.euclidean((ax - bx) / 6, (ay - by) / 6);
            }
            case BOX -> {
                double[] b = gt.bounds();
                yield Math.sqrt((b[2] - b[0]) * (b[3] - b[1]));
            }
        };
    }
}
