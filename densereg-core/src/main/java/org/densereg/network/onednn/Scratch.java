package org.densereg.network.onednn;

/**
 * Where a oneDNN call keeps its temporary tensors: numbered slots (0 to {@link #SLOTS} − 1), each a
 * 64-byte-aligned address of at least the requested size. Two requests for the same slot in one call share memory,
 * so a caller reuses a slot only for a tensor whose predecessor in that slot is dead.
 */
interface Scratch {

    /** Number of slots: the most distinct temporaries a call of a fused layer needs at once (0–9). */
    int SLOTS = 10;

    /** The address of slot {@code slot}, of at least {@code bytes} bytes, valid for the rest of the call. */
    long address(int slot, long bytes);
}
