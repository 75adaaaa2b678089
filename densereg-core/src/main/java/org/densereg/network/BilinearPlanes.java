package org.densereg.network;

import java.nio.FloatBuffer;
import java.util.stream.IntStream;
import org.densereg.arrays.ThreadScratchFloats;

/**
 * Aligned-corners bilinear resampling of stacks of float planes, and its adjoint (the backward pass), as direct
 * loops: separable, two taps per axis, planes in parallel. The same operator as
 * {@link BilinearUpsampleLayer#interpolation} matrices applied on both sides, without building them.
 */
final class BilinearPlanes {

    /** Below this many output values per call the planes run on the calling thread. */
    private static final long PARALLEL_THRESHOLD = 1 << 16;
    /** Per plane: the row-resampled plane [Hi, Wo], one output row [Wo], and (adjoint) the input plane [Hi, Wi]. */
    private static final ThreadScratchFloats SCRATCH = new ThreadScratchFloats(3);

    private final int inHeight;
    private final int inWidth;
    private final int outHeight;
    private final int outWidth;
    private final Taps rows;
    private final Taps columns;

    /** Resampling [Hi, Wi] planes to [Ho, Wo]. */
    BilinearPlanes(int inHeight, int inWidth, int outHeight, int outWidth) {
        this.inHeight = inHeight;
        this.inWidth = inWidth;
        this.outHeight = outHeight;
        this.outWidth = outWidth;
        this.rows = new Taps(inHeight, outHeight);
        this.columns = new Taps(inWidth, outWidth);
    }

    /**
     * y = A_h · x · A_wᵀ for every plane.
     *
     * @param x      planes × [Hi, Wi], row-major
     * @param planes number of planes (N·C)
     * @return planes × [Ho, Wo], row-major
     */
    float[] resample(float[] x, int planes) {
        float[] y = new float[planes * outHeight * outWidth];
        resample(x, planes, FloatBuffer.wrap(y));
        return y;
    }

    /**
     * y = A_h · x · A_wᵀ for every plane, written into {@code y} (e.g. a direct view of a native array, so that no
     * full-resolution Java array is made).
     *
     * @param x      planes × [Hi, Wi], row-major
     * @param planes number of planes (N·C)
     * @param y      receives planes × [Ho, Wo], row-major, from index 0 (absolute puts)
     */
    void resample(float[] x, int planes, FloatBuffer y) {
        forEachPlane(planes, p -> {
            float[] tmp = SCRATCH.get(0, inHeight * outWidth);
            float[] row = SCRATCH.get(1, outWidth);
            int in = p * inHeight * inWidth;
            for (int i = 0; i < inHeight; i++) {
                int from = in + i * inWidth;
                for (int o = 0; o < outWidth; o++) {
                    float t = columns.upperWeight[o];
                    tmp[i * outWidth + o] = (1 - t) * x[from + columns.lower[o]] + t * x[from + columns.upper[o]];
                }
            }
            int out = p * outHeight * outWidth;
            for (int o = 0; o < outHeight; o++) {
                float t = rows.upperWeight[o];
                int a = rows.lower[o] * outWidth;
                int b = rows.upper[o] * outWidth;
                for (int j = 0; j < outWidth; j++) {
                    row[j] = (1 - t) * tmp[a + j] + t * tmp[b + j];
                }
                y.put(out + o * outWidth, row, 0, outWidth);
            }
        });
    }

    /**
     * dx = A_hᵀ · dy · A_w for every plane: the gradient at the input given the gradient at the output.
     *
     * @param dy     planes × [Ho, Wo], row-major
     * @param planes number of planes
     * @return planes × [Hi, Wi], row-major
     */
    float[] adjoint(float[] dy, int planes) {
        float[] dx = new float[planes * inHeight * inWidth];
        adjoint(FloatBuffer.wrap(dy), planes, FloatBuffer.wrap(dx));
        return dx;
    }

    /**
     * As {@link #adjoint(float[], int)}, reading {@code dy} from a buffer and writing {@code dx} into one (absolute
     * gets and puts from index 0; e.g. direct views of native arrays).
     */
    void adjoint(FloatBuffer dy, int planes, FloatBuffer dx) {
        forEachPlane(planes, p -> {
            float[] tmp = SCRATCH.zeroed(0, inHeight * outWidth);
            float[] row = SCRATCH.get(1, outWidth);
            float[] plane = SCRATCH.zeroed(2, inHeight * inWidth);
            int out = p * outHeight * outWidth;
            for (int o = 0; o < outHeight; o++) {
                float t = rows.upperWeight[o];
                int a = rows.lower[o] * outWidth;
                int b = rows.upper[o] * outWidth;
                dy.get(out + o * outWidth, row, 0, outWidth);
                for (int j = 0; j < outWidth; j++) {
                    tmp[a + j] += (1 - t) * row[j];
                    tmp[b + j] += t * row[j];
                }
            }
            for (int i = 0; i < inHeight; i++) {
                int to = i * inWidth;
                for (int o = 0; o < outWidth; o++) {
                    float t = columns.upperWeight[o];
                    float g = tmp[i * outWidth + o];
                    plane[to + columns.lower[o]] += (1 - t) * g;
                    plane[to + columns.upper[o]] += t * g;
                }
            }
            dx.put(p * inHeight * inWidth, plane, 0, inHeight * inWidth);
        });
    }

    private void forEachPlane(int planes, java.util.function.IntConsumer body) {
        IntStream range = IntStream.range(0, planes);
        if ((long) planes * outHeight * outWidth >= PARALLEL_THRESHOLD) {
            range = range.parallel();
        }
        range.forEach(body);
    }

    /** For each output sample along one axis: the two input samples and the weight of the upper one. */
    private static final class Taps {
        final int[] lower;
        final int[] upper;
        final float[] upperWeight;

        Taps(int in, int out) {
            lower = new int[out];
            upper = new int[out];
            upperWeight = new float[out];
            for (int o = 0; o < out; o++) {
                double src = out == 1 ? 0 : (double) o * (in - 1) / (out - 1);
                int i0 = Math.min((int) Math.floor(src), in - 1);
                lower[o] = i0;
                upper[o] = Math.min(i0 + 1, in - 1);
                upperWeight[o] = i0 >= in - 1 ? 0f : (float) (src - i0);
            }
        }
    }
}
