package org.densereg.network.onednn;

import org.bytedeco.dnnl.memory;

/**
 * Where a fused layer's kept tensors lie in its training state buffer: one after another in the given order, each
 * starting 64 bytes after a 64-byte boundary of the (64-byte aligned) buffer.
 */
final class StateLayout {

    private final long[] offsets;
    private final long floats;

    /** @param kept the tensors, in buffer order (their layouts give the sizes) */
    StateLayout(memory[] kept) {
        offsets = new long[kept.length];
        long offset = 0;
        for (int i = 0; i < kept.length; i++) {
            offsets[i] = offset;
            long size = (Memories.size(kept[i]) + 3) / 4;
            offset += (size + PlanScratch.ALIGN_FLOATS - 1) / PlanScratch.ALIGN_FLOATS * PlanScratch.ALIGN_FLOATS;
        }
        floats = offset;
    }

    /** Floats of the whole buffer. */
    long floats() {
        return floats;
    }

    /** Points each tensor at its place in the buffer starting at {@code base}. */
    void bind(memory[] kept, long base) {
        for (int i = 0; i < kept.length; i++) {
            Memories.bind(kept[i], base + 4 * offsets[i]);
        }
    }
}
