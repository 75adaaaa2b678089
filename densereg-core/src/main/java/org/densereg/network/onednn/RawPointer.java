package org.densereg.network.onednn;

import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;

/** A non-owning pointer to a native address (an ND4J buffer or a scratch buffer). */
final class RawPointer extends Pointer {

    RawPointer(long address) {
        this.address = address;
    }

    /** True when {@code array} is float32, c-ordered with default strides, so oneDNN may read it as plain memory. */
    static boolean isPlainFloat(INDArray array) {
        return array.dataType() == DataType.FLOAT && array.ordering() == 'c'
                && Shape.hasDefaultStridesForShape(array);
    }

    /**
     * The address of element 0 of {@code array} (which must be {@link #isPlainFloat plain}). A view's buffer already
     * starts at the view's offset ({@code INDArray.offset()} is the buffer's offset), so it is not added again.
     */
    static long addressOf(INDArray array) {
        return array.data().addressPointer().address();
    }
}
