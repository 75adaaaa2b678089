package org.densereg.trainingdata.synthetic;

/** Separable Gaussian blur of one image plane, edges clamped. */
final class GaussianBlur {

    private GaussianBlur() {
    }

    /**
     * @param plane [H·W] row-major values
     * @param w     width
     * @param h     height
     * @param sigma standard deviation in pixels, &gt; 0
     * @return a new blurred [H·W] plane
     */
    static float[] blur(float[] plane, int w, int h, double sigma) {
        int radius = Math.max(1, (int) Math.ceil(3 * sigma));
        float[] kernel = new float[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            double value = Math.exp(-0.5 * i * i / (sigma * sigma));
            kernel[i + radius] = (float) value;
            sum += value;
        }
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] /= (float) sum;
        }
        float[] rows = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float acc = 0;
                for (int k = -radius; k <= radius; k++) {
                    int xx = Math.max(0, Math.min(w - 1, x + k));
                    acc += kernel[k + radius] * plane[y * w + xx];
                }
                rows[y * w + x] = acc;
            }
        }
        float[] out = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float acc = 0;
                for (int k = -radius; k <= radius; k++) {
                    int yy = Math.max(0, Math.min(h - 1, y + k));
                    acc += kernel[k + radius] * rows[yy * w + x];
                }
                out[y * w + x] = acc;
            }
        }
        return out;
    }
}
