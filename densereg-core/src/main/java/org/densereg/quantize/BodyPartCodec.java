package org.densereg.quantize;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The body "quantization" (DESIGN §2 "Bodies"): the class of a pixel is its body part (0 = background, 1..P
 * parts) and each part has its own (u, v) chart; the network regresses u and v in one channel per part and
 * decoding reads the channel of the winning part (the scheme DensePose later adopted).
 *
 * <p>Maps are per image row-major [H·W]; batches are planar NCHW float32. Immutable and thread-safe.
 */
public final class BodyPartCodec {

    /**
     * Decoded dense maps of a batch.
     *
     * @param images N
     * @param height H
     * @param width  W
     * @param parts  [N·H·W] winning part per pixel (0 = background), image i at {@code i·H·W}
     * @param u      [N·H·W] u of the winning part's channel, −1 on background
     * @param v      [N·H·W] v of the winning part's channel, −1 on background
     */
    public record Decoded(int images, int height, int width, int[] parts, float[] u, float[] v) {
    }

    private final int parts;

    /** @param parts P, the number of body parts (≥ 1); every head has P + 1 channels */
    public BodyPartCodec(int parts) {
        if (parts < 1 || parts > 255) {
            throw new IllegalArgumentException("parts must be in 1..255, got " + parts);
        }
        this.parts = parts;
    }

    /** @return P */
    public int parts() {
        return parts;
    }

    /** @return P + 1, the channels of each dense head */
    public int channels() {
        return parts + 1;
    }

    /**
     * Builds the three dense targets of a batch.
     *
     * @param n      images N
     * @param height H
     * @param width  W
     * @param part   [N·H·W] part label per pixel (0 = background, else 1..P), read as unsigned bytes
     * @param u      [N·H·W] u of the pixel's part chart in [0, 1] (ignored on background)
     * @param v      [N·H·W] v of the pixel's part chart in [0, 1] (ignored on background)
     * @return {@code [partOneHot, uLabels, vLabels]}, each [N, P+1, H, W] float32: the one-hot part (channel 0 =
     *         background); u (v) at the true part's channel of every foreground pixel and −1 everywhere else (the
     *         "ignore" value of {@code BinResidualSmoothL1Loss}), clamped to [0, 1]
     * @throws IllegalArgumentException on a label above P or arrays of the wrong length
     */
    public INDArray[] encode(int n, int height, int width, byte[] part, float[] u, float[] v) {
        int plane = height * width;
        if (part.length != n * plane || u.length != n * plane || v.length != n * plane) {
            throw new IllegalArgumentException("expected " + n * plane + " values per map, got " + part.length + ", "
                    + u.length + ", " + v.length);
        }
        int c = channels();
        float[] cls = new float[n * c * plane];
        float[] ul = new float[n * c * plane];
        float[] vl = new float[n * c * plane];
        java.util.Arrays.fill(ul, -1f);
        java.util.Arrays.fill(vl, -1f);
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < plane; p++) {
                int k = part[i * plane + p] & 0xff;
                if (k > parts) {
                    throw new IllegalArgumentException("image " + i + " pixel " + p + ": part label " + k + " above "
                            + parts);
                }
                int at = (i * c + k) * plane + p;
                cls[at] = 1f;
                if (k != 0) {
                    ul[at] = clamp01(u[i * plane + p]);
                    vl[at] = clamp01(v[i * plane + p]);
                }
            }
        }
        long[] shape = {n, c, height, width};
        return new INDArray[] {Nd4j.create(cls, shape, 'c'), Nd4j.create(ul, shape, 'c'), Nd4j.create(vl, shape, 'c')};
    }

    /**
     * Decodes network outputs: part = argmax over the P + 1 logits (ties: the lower index), (u, v) from that
     * part's channel, clamped to [0, 1]; background pixels get −1.
     *
     * @param partLogits [N, P+1, H, W] part-index logits (or probabilities)
     * @param uOut       [N, P+1, H, W] per-part u
     * @param vOut       [N, P+1, H, W] per-part v
     * @return the decoded maps
     */
    public Decoded decode(INDArray partLogits, INDArray uOut, INDArray vOut) {
        long[] s = partLogits.shape();
        if (s.length != 4 || s[1] != channels()) {
            throw new IllegalArgumentException("part logits must be [N, " + channels() + ", H, W], got "
                    + java.util.Arrays.toString(s));
        }
        if (!java.util.Arrays.equals(s, uOut.shape()) || !java.util.Arrays.equals(s, vOut.shape())) {
            throw new IllegalArgumentException("part, u and v outputs differ in shape");
        }
        int n = (int) s[0];
        int c = (int) s[1];
        int h = (int) s[2];
        int w = (int) s[3];
        int plane = h * w;
        float[] logits = partLogits.dup('c').data().asFloat();
        float[] uu = uOut.dup('c').data().asFloat();
        float[] vv = vOut.dup('c').data().asFloat();
        int[] part = new int[n * plane];
        float[] u = new float[n * plane];
        float[] v = new float[n * plane];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < plane; p++) {
                int best = 0;
                float bestValue = logits[(i * c) * plane + p];
                for (int k = 1; k < c; k++) {
                    float value = logits[(i * c + k) * plane + p];
                    if (value > bestValue) {
                        best = k;
                        bestValue = value;
                    }
                }
                int o = i * plane + p;
                part[o] = best;
                if (best == 0) {
                    u[o] = -1f;
                    v[o] = -1f;
                } else {
                    u[o] = clamp01(uu[(i * c + best) * plane + p]);
                    v[o] = clamp01(vv[(i * c + best) * plane + p]);
                }
            }
        }
        return new Decoded(n, h, w, part, u, v);
    }

    private static float clamp01(float x) {
        return x < 0 ? 0f : (x > 1 ? 1f : x);
    }
}
