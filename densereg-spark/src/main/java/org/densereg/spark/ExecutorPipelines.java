package org.densereg.spark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.densereg.infer.InferencePipeline;
import org.densereg.io.BadInputException;
import org.densereg.io.Sha256;
import org.densereg.model.ModelArchive;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipelines loaded in this JVM (an executor, or the driver in local mode), one per {@link PipelineSpec}: the model
 * is loaded once per executor, by the first task that needs it, and shared by the tasks that run there (the
 * predictors serialise their forward passes; decoding and writing run on each task's own threads). With the
 * dense-to-3D cascade ({@link PipelineSpec#fit3d()}) the pipeline's fitter, and so the morphable model, is likewise
 * read once per executor and spec.
 */
final class ExecutorPipelines {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutorPipelines.class);
    private static final Map<PipelineSpec, InferencePipeline<?, ?>> LOADED = new HashMap<>();

    private ExecutorPipelines() {
    }

    /**
     * The pipeline of a spec, loading the archive on first use after checking its SHA-256.
     *
     * @param spec         the run's spec
     * @param archiveBytes the archive's bytes (a broadcast's value), read only on first use
     * @return the shared pipeline
     * @throws BadInputException when the bytes' SHA-256 is not the spec's (a corrupted transfer) or they are not a
     *                           model archive
     * @throws IOException       when the bytes cannot be read as a zip, or the cascade's morphable model cannot be
     *                           read (on a cluster its path must be readable by every executor)
     */
    static synchronized InferencePipeline<?, ?> get(PipelineSpec spec, Supplier<byte[]> archiveBytes)
            throws IOException {
        InferencePipeline<?, ?> pipeline = LOADED.get(spec);
        if (pipeline == null) {
            byte[] bytes = archiveBytes.get();
            String sha = Sha256.hex(bytes);
            Path archive = Path.of(spec.archive());
            if (!sha.equals(spec.archiveSha256())) {
                throw new BadInputException(archive, "the model archive received by this executor has SHA-256 " + sha
                        + ", the driver's has " + spec.archiveSha256() + " (corrupted transfer)");
            }
            long t0 = System.nanoTime();
            pipeline = spec.pipeline(ModelArchive.read(bytes, archive));
            LOG.info("model {} ({} bytes, SHA-256 {}) loaded in {} ms", archive.getFileName(), bytes.length,
                    sha.substring(0, 12), (System.nanoTime() - t0) / 1_000_000);
            LOADED.put(spec, pipeline);
        }
        return pipeline;
    }

    /** Forgets the pipeline of a finished run (in local mode the driver's JVM is the executor). */
    static synchronized void release(PipelineSpec spec) {
        LOADED.remove(spec);
    }

    /** The number of pipelines held (for tests). */
    static synchronized int size() {
        return LOADED.size();
    }
}
