package org.densereg.network.onednn;

import java.util.Arrays;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The shapes and hyper-parameters of one 2-D convolution in oneDNN's terms.
 *
 * @param srcDims    [N, C, H, W]
 * @param weightDims [O, C, kH, kW]
 * @param dstDims    [N, O, Ho, Wo], as DL4J computes them for the convolution mode
 * @param strides    [sH, sW]
 * @param oneDnnDilation [dH − 1, dW − 1]: oneDNN counts the gaps, DL4J the step (1 = dense)
 * @param padBegin   [top, left]
 * @param padEnd     [bottom, right], chosen so that oneDNN's output size equals DL4J's
 * @param hasBias    whether the layer adds a bias
 */
record ConvolutionGeometry(long[] srcDims, long[] weightDims, long[] dstDims, long[] strides, long[] oneDnnDilation,
        long[] padBegin, long[] padEnd, boolean hasBias) {

    /**
     * The geometry DL4J's ConvolutionLayer would use for this input (NCHW only).
     *
     * @param input    [N, C, H, W]
     * @param weights  [O, C, kH, kW]
     * @param pad      DL4J's (top-left) padding for the mode
     * @param dilation DL4J's dilation (1 = dense)
     */
    static ConvolutionGeometry of(INDArray input, INDArray weights, int[] kernel, int[] strides, int[] pad,
            int[] dilation, ConvolutionMode mode, boolean hasBias) {
        int[] out = ConvolutionUtils.getOutputSize(input, kernel, strides, mode == ConvolutionMode.Same ? null : pad,
                mode, dilation, CNN2DFormat.NCHW);
        long[] src = input.shape();
        long[] w = weights.shape();
        long[] end = new long[2];
        for (int i = 0; i < 2; i++) {
            long effectiveKernel = (long) (kernel[i] - 1) * dilation[i] + 1;
            // smallest end padding with (in + begin + end - k_eff) / stride + 1 == out (floor division)
            end[i] = (long) (out[i] - 1) * strides[i] + effectiveKernel - src[2 + i] - pad[i];
        }
        return new ConvolutionGeometry(src, w, new long[] {src[0], w[0], out[0], out[1]},
                new long[] {strides[0], strides[1]}, new long[] {dilation[0] - 1L, dilation[1] - 1L},
                new long[] {pad[0], pad[1]}, end, hasBias);
    }

    /**
     * A square k×k convolution without bias in DL4J's Truncate mode with padding dilation·(k − 1)/2, as the
     * backbone's convolutions are built: output side (s + 2p − dilation·(k − 1) − 1)/stride + 1.
     *
     * @param srcDims [N, C, H, W]
     * @param outChannels O
     */
    static ConvolutionGeometry truncate(long[] srcDims, int outChannels, int kernel, int stride, int dilation) {
        long pad = (long) dilation * (kernel - 1) / 2;
        long effectiveKernel = (long) (kernel - 1) * dilation + 1;
        long[] out = new long[2];
        long[] end = new long[2];
        for (int i = 0; i < 2; i++) {
            out[i] = (srcDims[2 + i] + 2 * pad - effectiveKernel) / stride + 1;
            end[i] = (out[i] - 1) * stride + effectiveKernel - srcDims[2 + i] - pad;
        }
        return new ConvolutionGeometry(srcDims.clone(), new long[] {outChannels, srcDims[1], kernel, kernel},
                new long[] {srcDims[0], outChannels, out[0], out[1]}, new long[] {stride, stride},
                new long[] {dilation - 1L, dilation - 1L}, new long[] {pad, pad}, end, false);
    }

    /** [O]. */
    long[] biasDims() {
        return new long[] {weightDims[0]};
    }

    /** A key that identifies the geometry (arrays compared by content). */
    String key() {
        return Arrays.toString(srcDims) + Arrays.toString(weightDims) + Arrays.toString(strides)
                + Arrays.toString(oneDnnDilation) + Arrays.toString(padBegin) + Arrays.toString(padEnd) + hasBias;
    }
}
