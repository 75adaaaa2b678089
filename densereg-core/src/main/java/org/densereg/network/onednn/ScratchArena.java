package org.densereg.network.onednn;

import org.bytedeco.javacpp.Pointer;

/**
 * Per-thread native scratch buffers for the blocked-layout copies made around each oneDNN primitive. Layers run one
 * at a time, so every layer's copies share the same few buffers, which grow to the largest layer and stay: memory
 * is bounded by the largest activation, not by the number of layers. Lives outside ND4J's workspaces. The per-layer
 * helpers use it; the fused layers use a {@link ScratchLayout} instead.
 */
final class ScratchArena implements Scratch {

    /** Number of distinct buffers a single layer call may need at once (the fused layers use slots 0–9). */
    static final int SLOTS = 10;
    private static final int ALIGNMENT = 64;

    private final Pointer[] buffers = new Pointer[SLOTS];
    private final long[] capacities = new long[SLOTS];

    /**
     * A 64-byte-aligned address of at least {@code bytes} bytes in buffer {@code slot}; the address stays valid until
     * the next call for the same slot with a larger size.
     */
    @Override
    public long address(int slot, long bytes) {
        if (bytes > capacities[slot]) {
            if (buffers[slot] != null) {
                Pointer.free(buffers[slot]);
            }
            Pointer fresh = Pointer.malloc(bytes + ALIGNMENT);
            if (fresh == null || fresh.isNull()) {
                throw new OutOfMemoryError("oneDNN scratch: cannot allocate " + bytes + " bytes");
            }
            buffers[slot] = fresh;
            capacities[slot] = bytes;
        }
        long raw = buffers[slot].address();
        return (raw + ALIGNMENT - 1) & -ALIGNMENT;
    }

    /** Bytes held by all slots. */
    long bytesHeld() {
        long sum = 0;
        for (long c : capacities) {
            sum += c;
        }
        return sum;
    }
}
