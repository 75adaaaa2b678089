package org.densereg.runtime;

import org.nd4j.linalg.factory.Nd4j;

/**
 * The ND4J backend that actually loaded, and its thread count.
 *
 * @param backend  backend class simple name, e.g. {@code CpuBackend} or {@code CudaBackend}
 * @param threads  OpenMP threads ND4J uses for its native ops
 * @param dataType the default floating-point type of new arrays
 */
public record Nd4jEnvironment(String backend, int threads, String dataType) {

    /** Loads ND4J (if not yet loaded) and describes it. */
    public static Nd4jEnvironment current() {
        String backend = Nd4j.getBackend().getClass().getSimpleName();
        int threads = Nd4j.getEnvironment().maxThreads();
        return new Nd4jEnvironment(backend, threads, Nd4j.defaultFloatingPointType().toString());
    }

    /**
     * libnd4j's build information (compiler, BLAS, "HAVE_CUDNN" for the cuDNN build of the CUDA backend, "HAVE_ONEDNN"
     * where libnd4j's own oneDNN helpers are compiled in); empty when the native library cannot say.
     */
    public static String nativeBuildInfo() {
        String info = org.nd4j.nativeblas.NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo();
        return info == null ? "" : info;
    }

    /** True when the CPU backend is active. */
    public boolean isCpu() {
        return backend.toLowerCase(java.util.Locale.ROOT).contains("cpu");
    }

    @Override
    public String toString() {
        return backend + " (" + threads + " threads, " + dataType + ")";
    }
}
