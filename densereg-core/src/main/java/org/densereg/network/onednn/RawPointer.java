package org.densereg.network.onednn;

import org.bytedeco.javacpp.Pointer;

/** A non-owning pointer to a native address (an ND4J buffer or a scratch buffer). */
final class RawPointer extends Pointer {

    RawPointer(long address) {
        this.address = address;
    }
}
