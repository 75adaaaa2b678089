package org.densereg.io;

import java.util.Arrays;

/**
 * An array as stored in a NumPy {@code .npy} file (C order).
 *
 * @param shape  dimensions, outermost first
 * @param data   values in C (row-major) order, as doubles whatever the stored dtype
 * @param dtype  NumPy type string of the file, e.g. {@code <f4}, {@code <f8}, {@code <i4}
 */
public record NpyArray(int[] shape, double[] data, String dtype) {

    public NpyArray {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n *= d;
        }
        if (n != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n + " values, got " + data.length);
        }
    }

    /** Number of values. */
    public int size() {
        return data.length;
    }

    /** The values converted to float. */
    public float[] toFloats() {
        float[] out = new float[data.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) data[i];
        }
        return out;
    }

    /** The values converted to int (truncating). */
    public int[] toInts() {
        int[] out = new int[data.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (int) data[i];
        }
        return out;
    }
}
