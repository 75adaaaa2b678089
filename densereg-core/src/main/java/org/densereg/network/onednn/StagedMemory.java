package org.densereg.network.onednn;

import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.reorder;

/**
 * One argument of a oneDNN primitive seen from both sides: the plain-layout memory over an ND4J buffer
 * ({@code user}) and the memory in the layout the primitive chose ({@code internal}). When the layouts differ the
 * internal memory lives in a {@link Scratch} slot and is filled or emptied by a reorder; when they match the
 * two are the same memory and no copy is made. Both memories are created once; each call only repoints them.
 */
final class StagedMemory {

    private final OneDnnRuntime runtime;
    private final memory user;
    private final memory internal;
    private final int slot;
    private final long internalBytes;
    private reorder toInternal;
    private reorder toUser;

    /**
     * @param runtime    the oneDNN runtime
     * @param userDesc   the plain layout of the ND4J array
     * @param chosenDesc the layout the primitive wants
     * @param slot       the scratch slot for the internal copy (distinct among one primitive's arguments)
     */
    StagedMemory(OneDnnRuntime runtime, memory.desc userDesc, memory.desc chosenDesc, int slot) {
        this.runtime = runtime;
        this.slot = slot;
        this.user = new memory(userDesc, runtime.engine(), new RawPointer(0));
        if (chosenDesc.equals(userDesc)) {
            internal = user;
            internalBytes = 0;
        } else {
            internal = new memory(chosenDesc, runtime.engine(), new RawPointer(0));
            internalBytes = chosenDesc.get_size();
        }
    }

    /** True when the primitive reads and writes the ND4J buffer directly. */
    boolean isDirect() {
        return internal == user;
    }

    /** Points the plain side at {@code userAddress} and the internal side at {@code scratch}'s slot. */
    void bind(long userAddress, Scratch scratch) {
        user.set_data_handle(new RawPointer(userAddress));
        if (!isDirect()) {
            internal.set_data_handle(new RawPointer(scratch.address(slot, internalBytes)));
        }
    }

    /** Copies the ND4J data into the primitive's layout (no-op when direct). */
    void load() {
        if (!isDirect()) {
            if (toInternal == null) {
                toInternal = new reorder(user, internal);
            }
            toInternal.execute(runtime.stream(), user, internal);
        }
    }

    /** Copies the primitive's result back into the ND4J buffer (no-op when direct). */
    void store() {
        if (!isDirect()) {
            if (toUser == null) {
                toUser = new reorder(internal, user);
            }
            toUser.execute(runtime.stream(), internal, user);
        }
    }

    /** The memory to pass to the primitive. */
    memory forPrimitive() {
        return internal;
    }
}
