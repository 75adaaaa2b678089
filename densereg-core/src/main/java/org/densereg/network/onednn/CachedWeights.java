package org.densereg.network.onednn;

import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.reorder;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A convolution's weights kept in the primitive's layout and data type (bf16 blocked) between calls: reordered from
 * the plain float32 OIHW parameters on the first call, and again only when the parameters may have changed (another
 * parameter array, or a training step anywhere in the process since: {@link Bf16Support#parameterGeneration()}).
 * The copy lives in a detached ND4J buffer that the plan holds for its lifetime.
 */
final class CachedWeights {

    private final OneDnnRuntime runtime;
    private final memory plain;
    private final memory converted;
    private final reorder convert;
    private INDArray buffer;
    private long generation = -1;
    private long source;

    /**
     * @param plain     [O, I, kH, kW] float32 OIHW, unbound
     * @param converted the same weights in the primitive's layout and data type, unbound; bound to the cache here
     */
    CachedWeights(OneDnnRuntime runtime, memory plain, memory converted) {
        this.runtime = runtime;
        this.plain = plain;
        this.converted = converted;
        this.convert = new reorder(plain, converted);
    }

    /**
     * Makes {@code converted} hold the weights at {@code sourceAddress}, converting them only when stale.
     *
     * @param sourceAddress [O, I, kH, kW] plain float32 weights
     */
    void refresh(long sourceAddress) {
        if (buffer == null) {
            buffer = Nd4j.createUninitializedDetached(DataType.FLOAT,
                    (Memories.size(converted) + 3) / 4 + PlanScratch.ALIGN_FLOATS);
            Memories.bind(converted, PlanScratch.aligned(buffer));
        }
        long now = Bf16Support.parameterGeneration();
        if (now != generation || sourceAddress != source) {
            Memories.bind(plain, sourceAddress);
            convert.execute(runtime.stream(), plain, converted);
            generation = now;
            source = sourceAddress;
        }
    }
}
