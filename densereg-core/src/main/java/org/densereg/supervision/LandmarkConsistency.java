package org.densereg.supervision;

import org.densereg.data.Landmarks;

/**
 * The quality figure of a fit (DESIGN §5.1): at each annotated landmark pixel, how far the rendered (u, v) is
 * from the template (u, v) of that landmark.
 *
 * <p>{@code meanUvError} = mean over landmarks 17–67 (brows, eyes, nose, mouth; the jaw points lie on the
 * silhouette, where half their neighbourhood is background) that fall on a rendered pixel of
 * √((u − u_k)² + (v − v_k)²), sampling the nearest pixel of the landmark. Landmarks outside the image or on
 * background are counted in {@code offSurface} instead.
 *
 * @param meanUvError mean (u, v) distance, NaN when no landmark fell on the surface
 * @param maxUvError  largest (u, v) distance
 * @param measured    number of landmarks that contributed
 * @param offSurface  number of landmarks 17–67 outside the image or on background
 */
public record LandmarkConsistency(double meanUvError, double maxUvError, int measured, int offSurface) {

    /** First landmark index that is measured (the jaw, 0–16, is left out). */
    public static final int FIRST_MEASURED = 17;

    /**
     * @param maps        rendered maps
     * @param landmarks   the annotated 68 landmarks in the maps' pixel coordinates (0-based)
     * @param templateUv  [136] template (u, v) per landmark, NaN when undefined
     * @return the consistency figures
     */
    public static LandmarkConsistency measure(UvMaps maps, Landmarks landmarks, double[] templateUv) {
        double sum = 0;
        double max = 0;
        int measured = 0;
        int off = 0;
        for (int k = FIRST_MEASURED; k < landmarks.count(); k++) {
            double tu = templateUv[2 * k];
            double tv = templateUv[2 * k + 1];
            double x = landmarks.x(k);
            double y = landmarks.y(k);
            if (!Double.isFinite(tu) || !Double.isFinite(tv) || !Double.isFinite(x) || !Double.isFinite(y)) {
                continue;
            }
            int px = (int) Math.round(x);
            int py = (int) Math.round(y);
            if (px < 0 || py < 0 || px >= maps.width() || py >= maps.height()) {
                off++;
                continue;
            }
            int p = py * maps.width() + px;
            if (maps.u()[p] < 0) {
                off++;
                continue;
            }
            double error = Math.hypot(maps.u()[p] - tu, maps.v()[p] - tv);
            sum += error;
            max = Math.max(max, error);
            measured++;
        }
        return new LandmarkConsistency(measured == 0 ? Double.NaN : sum / measured, max, measured, off);
    }
}
