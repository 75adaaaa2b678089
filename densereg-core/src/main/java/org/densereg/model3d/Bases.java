package org.densereg.model3d;

/** Conversions of linear bases into the {@link MorphableModel} convention (row-major, unit columns). */
final class Bases {

    private Bases() {
    }

    /**
     * Transposes storage order.
     *
     * @param columnMajor [rows × cols] column-major: entry (r, c) at {@code c * rows + r}
     * @return [rows × cols] row-major: entry (r, c) at {@code r * cols + c}
     */
    static float[] toRowMajor(float[] columnMajor, int rows, int cols) {
        float[] out = new float[columnMajor.length];
        for (int c = 0; c < cols; c++) {
            int src = c * rows;
            for (int r = 0; r < rows; r++) {
                out[r * cols + c] = columnMajor[src + r];
            }
        }
        return out;
    }

    /**
     * Euclidean norm of each column.
     *
     * @param rowMajor [rows × cols] row-major
     * @return [cols] column norms
     */
    static double[] columnNorms(float[] rowMajor, int rows, int cols) {
        double[] sq = new double[cols];
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            for (int c = 0; c < cols; c++) {
                double v = rowMajor[base + c];
                sq[c] += v * v;
            }
        }
        for (int c = 0; c < cols; c++) {
            sq[c] = Math.sqrt(sq[c]);
        }
        return sq;
    }

    /**
     * Scales every column to unit length and moves its squared length into the variance, so that
     * {@code column · sqrt(variance)} is unchanged. Columns whose norm is already within 1e-4 of 1 are left
     * untouched. Every norm must be positive.
     *
     * @param rowMajor  [rows × cols] row-major basis, modified in place
     * @param variances [cols] prior variances, modified in place
     * @param norms     [cols] the column norms ({@link #columnNorms})
     * @return the largest |norm − 1| seen
     */
    static double normalise(float[] rowMajor, int rows, int cols, float[] variances, double[] norms) {
        double worst = 0;
        boolean any = false;
        for (int c = 0; c < cols; c++) {
            worst = Math.max(worst, Math.abs(norms[c] - 1));
            any |= Math.abs(norms[c] - 1) > 1e-4;
        }
        if (!any) {
            return worst;
        }
        for (int c = 0; c < cols; c++) {
            variances[c] = (float) (variances[c] * norms[c] * norms[c]);
        }
        for (int r = 0; r < rows; r++) {
            int base = r * cols;
            for (int c = 0; c < cols; c++) {
                rowMajor[base + c] = (float) (rowMajor[base + c] / norms[c]);
            }
        }
        return worst;
    }

    /** Index of the first zero entry, or -1. */
    static int firstZero(double[] norms) {
        for (int c = 0; c < norms.length; c++) {
            if (!(norms[c] > 0)) {
                return c;
            }
        }
        return -1;
    }
}
