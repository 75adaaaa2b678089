package org.densereg.arrays;

import java.util.Arrays;

/**
 * Float arrays for loops that run in parallel streams, one set per thread and reused across calls (the common
 * pool's threads persist), in numbered slots. Each user keeps its own instance, so two users never share a slot.
 * Allocating such arrays per task made tens of MiB of garbage per training iteration, and G1 grew the heap's
 * resident set by as much.
 */
public final class ThreadScratchFloats {

    private final ThreadLocal<float[][]> arrays;

    /** @param slots the number of slots (arrays live at the same time in one task) */
    public ThreadScratchFloats(int slots) {
        arrays = ThreadLocal.withInitial(() -> new float[slots][0]);
    }

    /**
     * This thread's array of a slot, at least {@code length} long; contents undefined.
     *
     * @param slot 0 … slots − 1
     */
    public float[] get(int slot, int length) {
        float[][] mine = arrays.get();
        if (mine[slot].length < length) {
            mine[slot] = new float[length];
        }
        return mine[slot];
    }

    /** {@link #get} with its first {@code length} elements set to zero. */
    public float[] zeroed(int slot, int length) {
        float[] array = get(slot, length);
        Arrays.fill(array, 0, length, 0f);
        return array;
    }
}
