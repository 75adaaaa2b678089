package org.densereg.io.tensors;

import java.util.Arrays;

/**
 * One named tensor of a weight file, as float32 values in row-major (C) order whatever its layout or type on disk.
 *
 * @param name   the tensor's name in the file, e.g. {@code layer1.0.conv1.weight}
 * @param shape  its dimensions (empty for a scalar)
 * @param values the {@code product(shape)} values, row-major
 * @param dtype  the type it had in the file as safetensors names it ({@code F32}, {@code F16}, {@code I64}, …)
 */
public record Tensor(String name, long[] shape, float[] values, String dtype) {

    /** Checks that the value count is the product of the shape. */
    public Tensor {
        long n = elementCount(shape);
        if (n != values.length) {
            throw new IllegalArgumentException(name + ": shape " + Arrays.toString(shape) + " holds " + n
                    + " values, got " + values.length);
        }
    }

    /** The number of values a shape holds (1 for a scalar). */
    public static long elementCount(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    /** The shape as {@code [64, 3, 7, 7]}. */
    public String shapeText() {
        return Arrays.toString(shape);
    }

    /** True when the values are of a floating-point type on disk. */
    public boolean floating() {
        return dtype.startsWith("F") || dtype.equals("BF16");
    }
}
