package org.densereg.quantize;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Quantized regression codec for one UV coordinate pair per pixel (DESIGN §2).
 *
 * <p>With K bins: class 0 is background; class j in 1..K covers [(j−1)/K, j/K); the residual is
 * r = K·u − (j − 1) in [0, 1], and u = 1 belongs to bin K with r = 1. Decoding is
 * u = (j − 1 + clamp(r, 0, 1)) / K with j the arg-max class.
 *
 * <p>Background: in ground truth a pixel is background when u or v is negative (the convention is −1 in both)
 * or NaN; foreground values above 1 are clamped to 1 (tolerates rasteriser round-off). When decoding, a pixel is
 * foreground only when the arg-max of the u-class map <em>and</em> the arg-max of the v-class map are both ≠ 0;
 * otherwise both decoded values are −1. The sign of the decoded value is never used as the mask.
 *
 * <p>Immutable and thread-safe.
 */
public final class UvCodec {

    /** Value written into residual targets where no residual is supervised, and into decoded background. */
    public static final float IGNORE = -1f;

    private final int bins;

    /**
     * @param bins K, the number of bins per coordinate (≥ 1); the class maps have K + 1 channels
     * @throws IllegalArgumentException when {@code bins < 1}
     */
    public UvCodec(int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be >= 1, got " + bins);
        }
        this.bins = bins;
    }

    /** K, the number of bins per coordinate. */
    public int bins() {
        return bins;
    }

    /** K + 1, the channel count of every head (class 0 = background). */
    public int channels() {
        return bins + 1;
    }

    /**
     * The bin class of one foreground coordinate.
     *
     * @param u coordinate, clamped to [0, 1]
     * @return j in 1..K
     */
    public int binOf(double u) {
        double c = Math.min(1.0, Math.max(0.0, u));
        return Math.min((int) Math.floor(c * bins), bins - 1) + 1;
    }

    /**
     * The residual of one foreground coordinate inside its bin.
     *
     * @param u coordinate, clamped to [0, 1]
     * @return r = K·u − (j − 1) in [0, 1]
     */
    public double residualOf(double u) {
        double c = Math.min(1.0, Math.max(0.0, u));
        return c * bins - (binOf(c) - 1);
    }

    /**
     * The coordinate of a bin and residual.
     *
     * @param bin      j in 1..K
     * @param residual r, clamped to [0, 1]
     * @return (j − 1 + clamp(r, 0, 1)) / K
     */
    public double valueOf(int bin, double residual) {
        if (bin < 1 || bin > bins) {
            throw new IllegalArgumentException("bin must be in 1.." + bins + ", got " + bin);
        }
        return (bin - 1 + Math.min(1.0, Math.max(0.0, residual))) / bins;
    }

    /**
     * Encodes ground-truth UV maps into the four training targets.
     *
     * @param uv [N, 2, H, W] channel 0 = u, channel 1 = v, −1 on background
     * @return targets, each [N, K+1, H, W] float32
     */
    public UvLabels encode(INDArray uv) {
        if (uv.rank() != 4 || uv.size(1) != 2) {
            throw new IllegalArgumentException("uv must be [N, 2, H, W], got " + java.util.Arrays.toString(uv.shape()));
        }
        int n = (int) uv.size(0);
        int h = (int) uv.size(2);
        int w = (int) uv.size(3);
        int plane = h * w;
        float[] src = uv.castTo(DataType.FLOAT).dup('c').data().asFloat();
        int c = channels();
        float[] uCls = new float[n * c * plane];
        float[] vCls = new float[n * c * plane];
        float[] uRes = new float[n * c * plane];
        float[] vRes = new float[n * c * plane];
        java.util.Arrays.fill(uRes, IGNORE);
        java.util.Arrays.fill(vRes, IGNORE);
        for (int i = 0; i < n; i++) {
            int uBase = i * 2 * plane;
            int vBase = uBase + plane;
            int outBase = i * c * plane;
            for (int p = 0; p < plane; p++) {
                float u = src[uBase + p];
                float v = src[vBase + p];
                if (isBackground(u, v)) {
                    uCls[outBase + p] = 1f;
                    vCls[outBase + p] = 1f;
                    continue;
                }
                int ju = binOf(u);
                int jv = binOf(v);
                uCls[outBase + ju * plane + p] = 1f;
                vCls[outBase + jv * plane + p] = 1f;
                uRes[outBase + ju * plane + p] = (float) residualOf(u);
                vRes[outBase + jv * plane + p] = (float) residualOf(v);
            }
        }
        long[] shape = {n, c, h, w};
        return new UvLabels(Nd4j.create(uCls, shape, 'c'), Nd4j.create(vCls, shape, 'c'),
                Nd4j.create(uRes, shape, 'c'), Nd4j.create(vRes, shape, 'c'));
    }

    /**
     * Decodes the four network outputs into UV maps.
     *
     * @param uClassLogits [N, K+1, H, W] u-bin scores (logits or probabilities; only the arg-max is used)
     * @param vClassLogits [N, K+1, H, W] v-bin scores
     * @param uResidual    [N, K+1, H, W] predicted u residual per bin (channel 0 unused)
     * @param vResidual    [N, K+1, H, W] predicted v residual per bin (channel 0 unused)
     * @return [N, 2, H, W] float32: channel 0 = u, channel 1 = v, −1 where either class map's arg-max is 0
     */
    public INDArray decode(INDArray uClassLogits, INDArray vClassLogits, INDArray uResidual, INDArray vResidual) {
        long[] shape = uClassLogits.shape();
        for (INDArray a : new INDArray[] {uClassLogits, vClassLogits, uResidual, vResidual}) {
            if (a.rank() != 4 || a.size(1) != channels() || !java.util.Arrays.equals(a.shape(), shape)) {
                throw new IllegalArgumentException("network outputs must all be [N, " + channels() + ", H, W], got "
                        + java.util.Arrays.toString(a.shape()) + " and " + java.util.Arrays.toString(shape));
            }
        }
        int n = (int) shape[0];
        int h = (int) shape[2];
        int w = (int) shape[3];
        int per = channels() * h * w;
        float[] uc = flat(uClassLogits);
        float[] vc = flat(vClassLogits);
        float[] ur = flat(uResidual);
        float[] vr = flat(vResidual);
        float[] out = new float[n * 2 * h * w];
        for (int i = 0; i < n; i++) {
            decodeInto(uc, vc, ur, vr, i * per, h, w, out, i * 2 * h * w);
        }
        return Nd4j.create(out, new long[] {n, 2, h, w}, 'c');
    }

    /**
     * Decodes the network outputs of one image held in plain arrays (inference without INDArray handling).
     *
     * @param uClassLogits [(K+1)·H·W] planar u-bin scores: channel c of pixel (y, x) at c·H·W + y·W + x
     * @param vClassLogits [(K+1)·H·W] planar v-bin scores
     * @param uResidual    [(K+1)·H·W] planar u residuals
     * @param vResidual    [(K+1)·H·W] planar v residuals
     * @param height       H
     * @param width        W
     * @return [2·H·W] planar: u at y·W + x, v at H·W + y·W + x; −1 on background
     */
    public float[] decodeImage(float[] uClassLogits, float[] vClassLogits, float[] uResidual, float[] vResidual,
            int height, int width) {
        int per = channels() * height * width;
        for (float[] a : new float[][] {uClassLogits, vClassLogits, uResidual, vResidual}) {
            if (a.length != per) {
                throw new IllegalArgumentException("expected " + per + " values ((K+1)·H·W), got " + a.length);
            }
        }
        float[] out = new float[2 * height * width];
        decodeInto(uClassLogits, vClassLogits, uResidual, vResidual, 0, height, width, out, 0);
        return out;
    }

    private void decodeInto(float[] uc, float[] vc, float[] ur, float[] vr, int base, int h, int w,
            float[] out, int outBase) {
        int plane = h * w;
        int c = channels();
        for (int p = 0; p < plane; p++) {
            int ju = argmax(uc, base + p, plane, c);
            int jv = argmax(vc, base + p, plane, c);
            if (ju == 0 || jv == 0) {
                out[outBase + p] = IGNORE;
                out[outBase + plane + p] = IGNORE;
            } else {
                out[outBase + p] = (float) valueOf(ju, ur[base + ju * plane + p]);
                out[outBase + plane + p] = (float) valueOf(jv, vr[base + jv * plane + p]);
            }
        }
    }

    private static int argmax(float[] a, int offset, int stride, int count) {
        int best = 0;
        float bestValue = a[offset];
        for (int j = 1; j < count; j++) {
            float value = a[offset + j * stride];
            if (value > bestValue) {
                best = j;
                bestValue = value;
            }
        }
        return best;
    }

    private static boolean isBackground(float u, float v) {
        return !(u >= 0f) || !(v >= 0f);
    }

    private static float[] flat(INDArray a) {
        return a.castTo(DataType.FLOAT).dup('c').data().asFloat();
    }

    @Override
    public String toString() {
        return "UvCodec[bins=" + bins + "]";
    }
}
