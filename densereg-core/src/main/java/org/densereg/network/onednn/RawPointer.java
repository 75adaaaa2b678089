package org.densereg.network.onednn;

import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A non-owning pointer to a native address (an ND4J buffer or a scratch buffer). */
final class RawPointer extends Pointer {

    RawPointer(long address) {
        this.address = address;
    }

    /**
     * True when {@code array} is float32 and its elements lie consecutively in row-major order (strides of size-1
     * dimensions do not matter, so a [1, C] row of either ordering qualifies), so oneDNN may read it as plain memory.
     */
    static boolean isPlainFloat(INDArray array) {
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

    /**
     * The address of element 0 of {@code array} (which must be {@link #isPlainFloat plain}). A view's buffer already
     * starts at the view's offset ({@code INDArray.offset()} is the buffer's offset), so it is not added again.
     */
    static long addressOf(INDArray array) {
        return array.data().addressPointer().address();
    }
}
