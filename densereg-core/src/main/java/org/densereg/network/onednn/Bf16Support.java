package org.densereg.network.onednn;

import static org.bytedeco.dnnl.global.dnnl.dnnl_cpu_isa_avx;
import static org.bytedeco.dnnl.global.dnnl.dnnl_cpu_isa_avx2;
import static org.bytedeco.dnnl.global.dnnl.dnnl_cpu_isa_avx2_vnni;
import static org.bytedeco.dnnl.global.dnnl.dnnl_cpu_isa_avx512_core;
import static org.bytedeco.dnnl.global.dnnl.dnnl_cpu_isa_avx512_core_amx;
import static org.bytedeco.dnnl.global.dnnl.dnnl_cpu_isa_avx512_core_bf16;
import static org.bytedeco.dnnl.global.dnnl.dnnl_cpu_isa_avx512_core_vnni;
import static org.bytedeco.dnnl.global.dnnl.dnnl_cpu_isa_sse41;
import static org.bytedeco.dnnl.global.dnnl.dnnl_get_effective_cpu_isa;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What bf16 inference needs from this machine and records about what runs: the CPU check (oneDNN's effective
 * instruction set must include AVX512-BF16, as on avx512_core_bf16 or AMX machines; without it oneDNN would emulate
 * bf16 far slower than float32), the implementation names oneDNN chose for the bf16 primitives, and the parameter
 * generation that tells a bf16 plan when its cached weights are stale.
 */
final class Bf16Support {

    private static final Logger LOG = LoggerFactory.getLogger(Bf16Support.class);
    /** Bumped by every fused layer's backward pass: the parameters may change after it (the updater's step). */
    private static final AtomicLong PARAMETER_GENERATION = new AtomicLong();
    /** Primitive kind ("convolution", "batch norm", ...) → the set of implementation names seen, for logs and tests. */
    private static final Map<String, Map<String, Boolean>> IMPLEMENTATIONS = new ConcurrentHashMap<>();

    private Bf16Support() {
    }

    /** Null when oneDNN runs bf16 natively on this CPU, else why not (the effective instruction set). */
    static String cpuUnavailableReason() {
        int isa = dnnl_get_effective_cpu_isa();
        if ((isa & dnnl_cpu_isa_avx512_core_bf16) == dnnl_cpu_isa_avx512_core_bf16
                || (isa & dnnl_cpu_isa_avx512_core_amx) == dnnl_cpu_isa_avx512_core_amx) {
            return null;
        }
        return "this CPU has no bf16 instructions (oneDNN's instruction set is " + isaName(isa)
                + "; bf16 needs avx512_bf16 or AMX)";
    }

    /** oneDNN's effective instruction set in words, e.g. {@code avx512_core_bf16}. */
    static String isaName(int isa) {
        if ((isa & dnnl_cpu_isa_avx512_core_amx) == dnnl_cpu_isa_avx512_core_amx) {
            return "avx512_core_amx";
        }
        if ((isa & dnnl_cpu_isa_avx512_core_bf16) == dnnl_cpu_isa_avx512_core_bf16) {
            return "avx512_core_bf16";
        }
        String[] names = {"avx512_core_vnni", "avx512_core", "avx2_vnni", "avx2", "avx", "sse41"};
        int[] masks = {dnnl_cpu_isa_avx512_core_vnni, dnnl_cpu_isa_avx512_core, dnnl_cpu_isa_avx2_vnni,
            dnnl_cpu_isa_avx2, dnnl_cpu_isa_avx, dnnl_cpu_isa_sse41};
        for (int i = 0; i < names.length; i++) {
            if ((isa & masks[i]) == masks[i]) {
                return names[i];
            }
        }
        return "0x" + Integer.toHexString(isa);
    }

    /** oneDNN's effective instruction set of this process. */
    static String effectiveIsa() {
        return isaName(dnnl_get_effective_cpu_isa());
    }

    /** Marks the parameters as possibly changed (a training step follows a backward pass). */
    static void parametersMayChange() {
        PARAMETER_GENERATION.incrementAndGet();
    }

    /** The current parameter generation: a cached weight copy made at another generation may be stale. */
    static long parameterGeneration() {
        return PARAMETER_GENERATION.get();
    }

    /**
     * Records the implementation oneDNN chose for a bf16 primitive, logging each new one once; a reference
     * implementation ({@code ref:...}) is logged as a warning, since it is far slower than float32.
     *
     * @param kind           what the primitive does, e.g. "convolution 3x3"
     * @param implementation {@code impl_info_str()} of its primitive descriptor
     */
    static void record(String kind, String implementation) {
        String name = implementation.split(",", 2)[0].trim();
        Map<String, Boolean> seen = IMPLEMENTATIONS.computeIfAbsent(kind, k -> new ConcurrentHashMap<>());
        if (seen.putIfAbsent(name, Boolean.TRUE) == null) {
            if (name.startsWith("ref")) {
                LOG.warn("bf16 {}: oneDNN chose the reference kernel {} (slow)", kind, name);
            } else {
                LOG.debug("bf16 {}: {}", kind, name);
            }
        }
    }

    /** Primitive kind → the implementation names seen for bf16 primitives so far in this process. */
    static Map<String, java.util.Set<String>> implementations() {
        Map<String, java.util.Set<String>> out = new java.util.TreeMap<>();
        IMPLEMENTATIONS.forEach((k, v) -> out.put(k, new java.util.TreeSet<>(v.keySet())));
        return out;
    }
}
