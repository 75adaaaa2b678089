package org.densereg.arrays;

import java.nio.FloatBuffer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Direct views of the native memory of ND4J float arrays, for loops that read or write them without copies (and
 * for native libraries that take an address).
 */
public final class DirectFloats {

    private DirectFloats() {
    }

    /**
     * True when {@code array} is float32 and its elements lie consecutively in row-major order (strides of size-1
     * dimensions do not matter, so a [1, C] row of either ordering qualifies).
     */
    public static boolean isPlain(INDArray array) {
        if (array.dataType() != DataType.FLOAT) {
            return false;
        }
        long[] shape = array.shape();
        long[] strides = array.stride();
        long expected = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] != 1 && strides[i] != expected) {
                return false;
            }
            expected *= shape[i];
        }
        return true;
    }

    /** {@code array} itself when it is {@link #isPlain plain}, else a row-major copy (float32 when it already was). */
    public static INDArray plain(INDArray array) {
        return isPlain(array) ? array : array.dup('c');
    }

    /**
     * The address of element 0 of a {@link #isPlain plain} array. A view's buffer already starts at the view's
     * offset ({@code INDArray.offset()} is the buffer's offset), so it is not added again.
     */
    public static long address(INDArray array) {
        requirePlain(array);
        return array.data().addressPointer().address();
    }

    /**
     * A direct buffer over the elements of a {@link #isPlain plain} array, in row-major order from index 0; reads and
     * writes go to the array itself. Valid while the array is (workspace arrays: until their workspace is reused).
     */
    public static FloatBuffer view(INDArray array) {
        requirePlain(array);
        long n = array.length();
        return new FloatPointer(array.data().addressPointer()).position(0).limit(n).capacity(n).asBuffer();
    }

    private static void requirePlain(INDArray array) {
        if (!isPlain(array)) {
            throw new IllegalArgumentException("expected a float32 array with consecutive row-major elements, got "
                    + array.dataType() + " " + array.shapeInfoToString());
        }
    }
}
