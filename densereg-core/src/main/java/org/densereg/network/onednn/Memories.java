package org.densereg.network.onednn;

import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.memory.data_type;
import org.bytedeco.dnnl.memory.format_tag;

/** Small helpers for oneDNN memories whose buffers are bound per call (ND4J arrays or scratch slots). */
final class Memories {

    private Memories() {
    }

    /** A memory of {@code desc} with no buffer yet. */
    static memory unbound(OneDnnRuntime runtime, memory.desc desc) {
        return new memory(desc, runtime.engine(), new RawPointer(0));
    }

    /** Points {@code m} at {@code address}. */
    static void bind(memory m, long address) {
        m.set_data_handle(new RawPointer(address));
    }

    /** The buffer {@code m} is bound to. */
    static long address(memory m) {
        return m.get_data_handle().address();
    }

    /** Bytes of {@code m}'s layout. */
    static long size(memory m) {
        return m.get_desc().get_size();
    }

    /** float32 of the given dimensions, layout left to the primitive. */
    static memory.desc any(long[] dims) {
        return new memory.desc(dims, data_type.f32, format_tag.any);
    }

    /** The given data type and dimensions, layout left to the primitive. */
    static memory.desc any(long[] dims, data_type type) {
        return new memory.desc(dims, type, format_tag.any);
    }

    /** float32 NCHW (row-major). */
    static memory.desc nchw(long[] dims) {
        return new memory.desc(dims, data_type.f32, format_tag.nchw);
    }
}
