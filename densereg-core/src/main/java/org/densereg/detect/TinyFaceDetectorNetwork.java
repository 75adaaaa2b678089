package org.densereg.detect;

import java.util.stream.IntStream;

/**
 * The forward pass of face-api's tiny face detector in plain Java, channels last (NHWC, one image):
 *
 * <pre>
 *  input [S, S, 3]  (RGB − mean) / 255, S a multiple of 32
 *  conv0  3×3 conv, 3 → 16, no padding ("valid"), + bias, leaky ReLU     → [S − 2, S − 2, 16]
 *  maxpool 2×2 stride 2 ("same": the last odd row/column pools alone)
 *  conv1..conv5  depthwise-separable: zero pad 1, 3×3 depthwise (no bias), 1×1 pointwise, + bias, leaky ReLU;
 *                channels 16 → 32 → 64 → 128 → 256 → 512, each but the last followed by maxpool 2×2 stride 2
 *  maxpool 2×2 stride 1 ("same")
 *  conv8  1×1 conv, 512 → 25, + bias                                   → [G, G, 25], G = S / 32
 * </pre>
 *
 * Leaky ReLU is TF.js's {@code relu(x − 0.1x) + 0.1x}, computed in float as face-api does. The 25 output channels are
 * 5 anchors × (tx, ty, tw, th, score logit), anchor-major ({@link TinyFaceDetector} decodes them). Rows of each layer
 * run in parallel on the common fork-join pool; the result does not depend on the thread count. Thread-safe.
 */
public final class TinyFaceDetectorNetwork {

    /** Output channels per anchor: tx, ty, tw, th, score. */
    public static final int BOX_ENCODING = 5;
    /** Anchors per cell. */
    public static final int ANCHORS = 5;
    /** Channels of the separable blocks conv1..conv5 (conv0 has 16). */
    private static final int[] CHANNELS = {16, 32, 64, 128, 256, 512};
    /** TF.js's leaky ReLU slope, the float32 0.1. */
    private static final float SLOPE = 0.1f;

    private final float[] conv0Filters;
    private final float[] conv0Bias;
    private final float[][] depthwise = new float[5][];
    private final float[][] pointwise = new float[5][];
    private final float[][] bias = new float[5][];
    private final float[] conv8Filters;
    private final float[] conv8Bias;

    /**
     * @param weights the detector's tensors ({@code conv0/filters} [3, 3, 3, 16], {@code conv<k>/depthwise_filter}
     *                [3, 3, c, 1], {@code conv<k>/pointwise_filter} [1, 1, c, c'], {@code conv<k>/bias} [c'],
     *                {@code conv8/filters} [1, 1, 512, 25], {@code conv8/bias} [25])
     * @throws IllegalArgumentException when a tensor is missing or has another shape
     */
    public TinyFaceDetectorNetwork(TinyFaceDetectorWeights weights) {
        conv0Filters = weights.get("conv0/filters", 3, 3, 3, CHANNELS[0]);
        conv0Bias = weights.get("conv0/bias", CHANNELS[0]);
        for (int k = 1; k <= 5; k++) {
            int in = CHANNELS[k - 1];
            int out = CHANNELS[k];
            depthwise[k - 1] = weights.get("conv" + k + "/depthwise_filter", 3, 3, in, 1);
            pointwise[k - 1] = weights.get("conv" + k + "/pointwise_filter", 1, 1, in, out);
            bias[k - 1] = weights.get("conv" + k + "/bias", out);
        }
        int outChannels = ANCHORS * BOX_ENCODING;
        conv8Filters = weights.get("conv8/filters", 1, 1, CHANNELS[5], outChannels);
        conv8Bias = weights.get("conv8/bias", outChannels);
    }

    /** A feature map: {@code data} is [h, w, c] row-major. */
    record Map(float[] data, int h, int w, int c) {
    }

    /**
     * Runs the network.
     *
     * @param input [S, S, 3] row-major normalised RGB, S ≥ 32 a multiple of 32
     * @param size  S
     * @return [G, G, 25] row-major raw outputs, G = S / 32
     * @throws IllegalArgumentException when the input does not have S · S · 3 values or S is not a multiple of 32
     */
    public float[] forward(float[] input, int size) {
        if (size < 32 || size % 32 != 0) {
            throw new IllegalArgumentException("input size must be a positive multiple of 32, got " + size);
        }
        if (input.length != size * size * 3) {
            throw new IllegalArgumentException("expected " + size * size * 3 + " input values, got " + input.length);
        }
        Map x = conv3x3Valid(new Map(input, size, size, 3), conv0Filters, conv0Bias);
        x = maxPool(x, 2);
        for (int k = 0; k < 5; k++) {
            x = separable(x, depthwise[k], pointwise[k], bias[k]);
            x = maxPool(x, k < 4 ? 2 : 1);
        }
        return pointwise(x, conv8Filters, conv8Bias, false).data();
    }

    static float leaky(float x) {
        float min = x * SLOPE;
        return Math.max(x - min, 0f) + min;
    }

    /** 3×3 convolution without padding, HWIO filters, + bias, leaky ReLU. */
    static Map conv3x3Valid(Map in, float[] filters, float[] bias) {
        int oh = in.h() - 2;
        int ow = in.w() - 2;
        int ci = in.c();
        int co = bias.length;
        float[] out = new float[oh * ow * co];
        float[] src = in.data();
        IntStream.range(0, oh).parallel().forEach(y -> {
            float[] acc = new float[co];
            for (int x = 0; x < ow; x++) {
                System.arraycopy(bias, 0, acc, 0, co);
                for (int ky = 0; ky < 3; ky++) {
                    for (int kx = 0; kx < 3; kx++) {
                        int s = ((y + ky) * in.w() + x + kx) * ci;
                        int f = (ky * 3 + kx) * ci * co;
                        for (int i = 0; i < ci; i++) {
                            float a = src[s + i];
                            int fi = f + i * co;
                            for (int o = 0; o < co; o++) {
                                acc[o] += a * filters[fi + o];
                            }
                        }
                    }
                }
                int d = (y * ow + x) * co;
                for (int o = 0; o < co; o++) {
                    out[d + o] = leaky(acc[o]);
                }
            }
        });
        return new Map(out, oh, ow, co);
    }

    /**
     * 2×2 max pooling with TF's "same" padding: output ceil(n / stride) per side, windows starting at
     * {@code stride · i}; positions beyond the map take no part.
     */
    static Map maxPool(Map in, int stride) {
        int oh = (in.h() + stride - 1) / stride;
        int ow = (in.w() + stride - 1) / stride;
        int c = in.c();
        float[] out = new float[oh * ow * c];
        float[] src = in.data();
        IntStream.range(0, oh).parallel().forEach(y -> {
            for (int x = 0; x < ow; x++) {
                int d = (y * ow + x) * c;
                java.util.Arrays.fill(out, d, d + c, Float.NEGATIVE_INFINITY);
                for (int dy = 0; dy < 2; dy++) {
                    int sy = y * stride + dy;
                    if (sy >= in.h()) {
                        continue;
                    }
                    for (int dx = 0; dx < 2; dx++) {
                        int sx = x * stride + dx;
                        if (sx >= in.w()) {
                            continue;
                        }
                        int s = (sy * in.w() + sx) * c;
                        for (int i = 0; i < c; i++) {
                            out[d + i] = Math.max(out[d + i], src[s + i]);
                        }
                    }
                }
            }
        });
        return new Map(out, oh, ow, c);
    }

    /** Zero pad 1, 3×3 depthwise (no bias), 1×1 pointwise + bias, leaky ReLU; output size = input size. */
    static Map separable(Map in, float[] depthwise, float[] pointwise, float[] bias) {
        int h = in.h();
        int w = in.w();
        int c = in.c();
        float[] mid = new float[h * w * c];
        float[] src = in.data();
        IntStream.range(0, h).parallel().forEach(y -> {
            for (int x = 0; x < w; x++) {
                int d = (y * w + x) * c;
                for (int ky = 0; ky < 3; ky++) {
                    int sy = y + ky - 1;
                    if (sy < 0 || sy >= h) {
                        continue;
                    }
                    for (int kx = 0; kx < 3; kx++) {
                        int sx = x + kx - 1;
                        if (sx < 0 || sx >= w) {
                            continue;
                        }
                        int s = (sy * w + sx) * c;
                        int f = (ky * 3 + kx) * c;
                        for (int i = 0; i < c; i++) {
                            mid[d + i] += src[s + i] * depthwise[f + i];
                        }
                    }
                }
            }
        });
        return pointwise(new Map(mid, h, w, c), pointwise, bias, true);
    }

    /** 1×1 convolution, [in, out] filters, + bias, optionally leaky ReLU. */
    static Map pointwise(Map in, float[] filters, float[] bias, boolean leaky) {
        int ci = in.c();
        int co = bias.length;
        int h = in.h();
        int w = in.w();
        float[] out = new float[h * w * co];
        float[] src = in.data();
        IntStream.range(0, h).parallel().forEach(y -> {
            float[] acc = new float[co];
            for (int x = 0; x < w; x++) {
                int s = (y * w + x) * ci;
                System.arraycopy(bias, 0, acc, 0, co);
                for (int i = 0; i < ci; i++) {
                    float a = src[s + i];
                    int f = i * co;
                    for (int o = 0; o < co; o++) {
                        acc[o] += a * filters[f + o];
                    }
                }
                int d = (y * w + x) * co;
                for (int o = 0; o < co; o++) {
                    out[d + o] = leaky ? leaky(acc[o]) : acc[o];
                }
            }
        });
        return new Map(out, h, w, co);
    }
}
