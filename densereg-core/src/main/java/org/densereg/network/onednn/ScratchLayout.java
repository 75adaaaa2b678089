package org.densereg.network.onednn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongFunction;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The scratch slots of one pass (training forward, inference forward or backward) of one plan ({@link FusedPlan},
 * {@link ConvolutionPlan}) laid out one after another in a single buffer that the caller supplies for each call: the
 * layer takes it from DL4J's working-memory workspace, which every layer of the graph reuses in turn
 * ({@link PlanScratch}). The process then holds the largest single pass's scratch once, shared with the working
 * memory of DL4J's own layers (the losses), rather than, for every slot, that slot's largest size over all layers.
 *
 * <p>The sizes are learnt on the first call, which takes an array from the same workspace for each slot, and a new
 * one whenever a request outgrows the slot's (the workspace frees them when the layer's call ends, and learns its own
 * size from them). The plan's shapes are fixed, so every later call asks for the same sizes (a larger request is an
 * error).
 */
final class ScratchLayout implements Scratch {

    private static final long ALIGNMENT = 4L * PlanScratch.ALIGN_FLOATS;

    private final long[] slotBytes = new long[SLOTS];
    /** The learning call's arrays, held until the call ends, and each slot's current one and its size. */
    private final List<INDArray> learning = new ArrayList<>();
    private final INDArray[] learningSlots = new INDArray[SLOTS];
    private final long[] learningBytes = new long[SLOTS];
    private LongFunction<INDArray> allocator;
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

    /**
     * Starts the learning call (again, after one that failed): each slot gets an array from {@code allocator}
     * (bytes → an array of at least that many bytes plus 64), and a new one when a request outgrows it.
     */
    void learnWith(LongFunction<INDArray> allocator) {
        forgetLearning();
        Arrays.fill(slotBytes, 0);
        this.allocator = allocator;
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
            if (allocator == null) {
                throw new IllegalStateException("scratch layout: the learning call needs learnWith first");
            }
            slotBytes[slot] = Math.max(slotBytes[slot], bytes);
            if (bytes > learningBytes[slot]) {
                learningSlots[slot] = allocator.apply(bytes);
                learningBytes[slot] = bytes;
                learning.add(learningSlots[slot]);
            }
            return PlanScratch.aligned(learningSlots[slot]);
        }
        if (bytes > slotBytes[slot]) {
            throw new IllegalStateException("scratch slot " + slot + ": " + bytes + " bytes asked, " + slotBytes[slot]
                    + " learnt on the first call");
        }
        return base + offsets[slot];
    }

    /** Ends a call: after the first, fixes the layout and lets go of the learning call's arrays. */
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
        forgetLearning();
    }

    private void forgetLearning() {
        learning.clear();
        Arrays.fill(learningSlots, null);
        Arrays.fill(learningBytes, 0);
        allocator = null;
    }
}
