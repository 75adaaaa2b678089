package org.densereg.model3d;

/**
 * Two hand-built expression modes for a face mesh, derived from its mouth-corner landmarks (48, 54): no
 * training data, just smooth displacement fields in model units (millimetres for the default model).
 * <ol>
 *   <li><b>mouth open</b>: every vertex below the mouth-corner line moves along (0, −1, −0.25) with weight
 *       {@code clamp((y_m − y) / 5 mm, 0, 1) · exp(−max(0, |x − x_m| − w)² / 2(15 mm)²)}, where y_m is the corners'
 *       mean height, x_m their mid-point and w half their distance: the chin and lower lip drop, the cheeks
 *       beside the mouth follow less. One standard deviation drops the chin by {@value #OPEN_MM} mm.</li>
 *   <li><b>smile</b>: vertices near each mouth corner move up, outwards and slightly back, along
 *       (±0.5, 1, −0.3) with weight {@code exp(−|p − corner|² / 2(12 mm)²)}. One standard deviation lifts each
 *       corner by {@value #SMILE_MM} mm.</li>
 * </ol>
 * Each column is scaled to unit length and its variance set so that one standard deviation gives the stated
 * displacement.
 */
final class ExpressionModes {

    /** Chin drop of one standard deviation of the mouth-open mode, model units (mm). */
    static final double OPEN_MM = 8;
    /** Mouth-corner lift of one standard deviation of the smile mode, model units (mm). */
    static final double SMILE_MM = 4;

    /**
     * The modes.
     *
     * @param basis     [3N × 2] row-major, column 0 mouth open, column 1 smile; unit-length columns
     * @param variances [2] prior variances (squared model units)
     */
    record Result(float[] basis, float[] variances) {
    }

    private ExpressionModes() {
    }

    /**
     * Builds the two modes.
     *
     * @param mean        [3N] mean shape in millimetres, y up, face along +z
     * @param leftCorner  vertex of landmark 48 (mouth corner, image left)
     * @param rightCorner vertex of landmark 54 (mouth corner, image right)
     * @return basis and variances
     */
    static Result compute(float[] mean, int leftCorner, int rightCorner) {
        int n = mean.length / 3;
        double[] a = point(mean, leftCorner);
        double[] b = point(mean, rightCorner);
        double ym = (a[1] + b[1]) / 2;
        double xm = (a[0] + b[0]) / 2;
        double halfWidth = Math.abs(b[0] - a[0]) / 2;
        double[] open = new double[3 * n];
        double[] smile = new double[3 * n];
        for (int i = 0; i < n; i++) {
            double[] p = point(mean, i);
            double ramp = Math.min(1, Math.max(0, (ym - p[1]) / 5.0));
            double lateral = Math.max(0, Math.abs(p[0] - xm) - halfWidth);
            double w = ramp * StrictMath.exp(-lateral * lateral / (2 * 15.0 * 15.0));
            open[3 * i + 1] = -w;
            open[3 * i + 2] = -0.25 * w;
            for (double[] corner : new double[][] {a, b}) {
                double d2 = sq(p[0] - corner[0]) + sq(p[1] - corner[1]) + sq(p[2] - corner[2]);
                double g = StrictMath.exp(-d2 / (2 * 12.0 * 12.0));
                smile[3 * i] += g * 0.5 * Math.signum(corner[0] - xm);
                smile[3 * i + 1] += g;
                smile[3 * i + 2] += -0.3 * g;
            }
        }
        // unit displacement of the reference point before normalisation: 1 (full-weight chin y, corner y)
        double smileCorner = Math.max(smile[3 * leftCorner + 1], smile[3 * rightCorner + 1]);
        float[] basis = new float[3 * n * 2];
        float[] variances = new float[2];
        double[][] columns = {open, smile};
        double[] reference = {OPEN_MM, SMILE_MM / smileCorner};
        for (int m = 0; m < 2; m++) {
            double norm = 0;
            for (double x : columns[m]) {
                norm += x * x;
            }
            norm = Math.sqrt(norm);
            for (int r = 0; r < 3 * n; r++) {
                basis[r * 2 + m] = (float) (columns[m][r] / norm);
            }
            variances[m] = (float) sq(reference[m] * norm);
        }
        return new Result(basis, variances);
    }

    private static double[] point(float[] mean, int i) {
        return new double[] {mean[3 * i], mean[3 * i + 1], mean[3 * i + 2]};
    }

    private static double sq(double x) {
        return x * x;
    }
}
