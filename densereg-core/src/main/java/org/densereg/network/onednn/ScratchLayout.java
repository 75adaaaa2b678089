package org.densereg.network.onednn;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.Pointer;

/**
 * The scratch slots of one pass (training forward, inference forward or backward) of one plan ({@link FusedPlan},
 * {@link ConvolutionPlan}) laid out one after another in a single buffer that the caller supplies for each call: the
 * layer takes it from DL4J's working-memory workspace, which every layer of the graph reuses in turn
 * ({@link PlanScratch}). The process then holds the largest single pass's scratch once, shared with the working
 * memory of DL4J's own layers (the losses), rather than, for every slot, that slot's largest size over all layers.
 *
 * <p>The sizes are learnt on the first call, which gets a separate native buffer for every request (freed when the
 * call ends; no request can overlap another while the sizes are unknown). The plan's shapes are fixed, so every later
 * call asks for the same sizes (a larger request is an error).
 */
final class ScratchLayout implements Scratch {

    private static final long ALIGNMENT = 64;

    private final List<Pointer> learning = new ArrayList<>();
    private final long[] slotBytes = new long[SLOTS];
    private long[] offsets;
    private long totalBytes;
    private long base;

    /** True once the first call has fixed the slot sizes: then each call needs {@link #place} first. */
    boolean learnt() {
        return offsets != null;
    }

    /** Bytes of the buffer {@link #place} needs (valid once {@link #learnt()}). */
    long bytes() {
        return totalBytes;
    }

    /** Points the slots into a buffer of {@link #bytes()} bytes at a 64-byte-aligned {@code address}. */
    void place(long address) {
        if (!learnt() || address % ALIGNMENT != 0) {
            throw new IllegalStateException("scratch layout: place needs learnt sizes and an aligned address");
        }
        base = address;
    }

    @Override
    public long address(int slot, long bytes) {
        if (!learnt()) {
            slotBytes[slot] = Math.max(slotBytes[slot], bytes);
            Pointer buffer = Pointer.malloc(bytes + ALIGNMENT);
            if (buffer == null || buffer.isNull()) {
                throw new OutOfMemoryError("oneDNN scratch: cannot allocate " + bytes + " bytes");
            }
            learning.add(buffer);
            return (buffer.address() + ALIGNMENT - 1) & -ALIGNMENT;
        }
        if (bytes > slotBytes[slot]) {
            throw new IllegalStateException("scratch slot " + slot + ": " + bytes + " bytes asked, " + slotBytes[slot]
                    + " learnt on the first call");
        }
        return base + offsets[slot];
    }

    /** Ends a call: after the first, fixes the layout and frees the learning call's buffers. */
    void finishCall() {
        if (learnt()) {
            return;
        }
        long[] fixed = new long[slotBytes.length];
        long offset = 0;
        for (int slot = 0; slot < slotBytes.length; slot++) {
            fixed[slot] = offset;
            offset += (slotBytes[slot] + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
        }
        totalBytes = offset;
        offsets = fixed;
        learning.forEach(Pointer::free);
        learning.clear();
    }
}
