package org.densereg.network.onednn;

import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.stream;
import org.bytedeco.javacpp.Loader;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The loaded oneDNN library: one CPU engine for the process and one stream per thread.
 * ND4J is loaded first (the oneDNN natives share its OpenMP runtime).
 */
final class OneDnnRuntime {

    private static final Object LOCK = new Object();
    private static OneDnnRuntime instance;
    private static String failure;

    private final engine cpu;
    private final ThreadLocal<stream> streams;

    private OneDnnRuntime() {
        cpu = new engine(engine.kind.cpu, 0);
        streams = ThreadLocal.withInitial(() -> new stream(cpu));
    }

    /**
     * The runtime, loading oneDNN on first use.
     *
     * @throws IllegalStateException when the native library cannot be loaded here (the message says why)
     */
    static OneDnnRuntime get() {
        synchronized (LOCK) {
            if (instance == null && failure == null) {
                try {
                    Nd4j.getBackend();
                    Loader.load(org.bytedeco.dnnl.global.dnnl.class);
                    instance = new OneDnnRuntime();
                } catch (LinkageError | RuntimeException e) {
                    failure = e.getClass().getSimpleName() + ": " + e.getMessage();
                }
            }
            if (instance == null) {
                throw new IllegalStateException("oneDNN is not available: " + failure);
            }
            return instance;
        }
    }

    /** The reason oneDNN cannot be used, or null when it loads. */
    static String unavailableReason() {
        try {
            get();
            return null;
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
    }

    engine engine() {
        return cpu;
    }

    /** This thread's stream; oneDNN CPU streams execute synchronously. */
    stream stream() {
        return streams.get();
    }
}
