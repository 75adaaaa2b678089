package org.densereg.bench;

import java.util.Locale;
import org.densereg.network.Precision;

/**
 * Figures of one {@link NetworkBenchmark} run.
 *
 * @param backend               ND4J backend class name (e.g. CpuBackend)
 * @param threads               ND4J OpenMP threads
 * @param oneDnn                whether convolutions and batch norm ran in oneDNN (the active
 *                              {@link org.densereg.network.Accelerator} was oneDNN's)
 * @param depth                 ResNet depth
 * @param widthMultiplier       channel multiplier
 * @param inputSize             input side in pixels (8k+1)
 * @param batch                 images per iteration
 * @param fullResolutionOutput  whether the heads were upsampled inside the graph
 * @param trainImagesPerSecond  training throughput (forward + backward + update), images/s, mean over timed iterations
 * @param trainMsPerIteration   wall time of one training iteration, ms
 * @param warmupMsPerIteration  mean wall time of the untimed warm-up training iterations, ms (the first ones create
 *                              the oneDNN primitives and let DL4J's workspaces learn their sizes)
 * @param inferenceMsPerImage   inference (forward only, batch {@code batch}) wall time per image, ms
 * @param peakHeapBytes         peak JVM heap use (sum of the heap pools' peaks)
 * @param peakOffHeapBytes      peak off-heap use, sampled after each iteration: the larger of JavaCPP's tracked
 *                              bytes ({@code Pointer.totalBytes()}, which misses ND4J's CPU buffers) and resident set
 *                              size minus committed heap (an estimate that includes native libraries and JIT code)
 * @param peakPhysicalBytes     peak resident set size of the process: the kernel's high-water mark (Linux
 *                              {@code VmHWM}, as PyTorch's {@code ru_maxrss}), or where there is none the largest
 *                              {@code Pointer.physicalBytes()} sampled after each iteration
 * @param maxOffHeapBytes       the off-heap limit ({@code Pointer.maxBytes()})
 * @param inferencePrecision    the precision inference ran at ({@link Precision#FP32} or {@link Precision#BF16});
 *                              training is always fp32
 */
public record NetworkBenchmarkResult(String backend, int threads, boolean oneDnn, int depth, double widthMultiplier, int inputSize,
        int batch, boolean fullResolutionOutput, double trainImagesPerSecond, double trainMsPerIteration,
        double warmupMsPerIteration, double inferenceMsPerImage, long peakHeapBytes, long peakOffHeapBytes, long peakPhysicalBytes,
        long maxOffHeapBytes, Precision inferencePrecision) {

    /** Training time per image, ms. */
    public double trainMsPerImage() {
        return trainMsPerIteration / batch;
    }

    /** One machine-readable line: {@code result key=value ...} (parsed by scripts/bench/compare.sh). */
    public String toLine() {
        return String.format(Locale.ROOT,
                "result impl=dl4j backend=%s threads=%d onednn=%s depth=%d width=%s size=%d batch=%d full=%s "
                        + "train_images_per_s=%.3f train_ms_per_image=%.2f infer_ms_per_image=%.2f "
                        + "warmup_train_ms_per_image=%.2f peak_heap_mib=%d peak_offheap_mib=%d peak_rss_mib=%d "
                        + "infer_precision=%s",
                backend, threads, oneDnn, depth, widthMultiplier, inputSize, batch, fullResolutionOutput,
                trainImagesPerSecond, trainMsPerImage(), inferenceMsPerImage, warmupMsPerIteration / batch,
                peakHeapBytes >> 20,
                peakOffHeapBytes >> 20, peakPhysicalBytes >> 20, inferencePrecision.cliName());
    }
}
