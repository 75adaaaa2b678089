package org.densereg.train;

import java.io.IOException;
import java.nio.file.Path;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.densereg.model.ModelArchive;
import org.densereg.model.ModelMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the run's final models as {@link ModelArchive}s: {@value #LAST_ARCHIVE} and {@value #BEST_ARCHIVE}
 * in the run folder, each with the same metadata and resolved configuration.
 */
public final class ModelArchiveWriter implements ArchiveWriter {

    private static final Logger LOG = LoggerFactory.getLogger(ModelArchiveWriter.class);

    /** File name of the archive of the final weights inside the run folder. */
    public static final String LAST_ARCHIVE = "model-last.densereg.zip";
    /** File name of the archive of the best validated weights inside the run folder. */
    public static final String BEST_ARCHIVE = "model-best.densereg.zip";

    private final ModelMetadata metadata;
    private final String resolvedConfig;

    /**
     * @param metadata       metadata of both archives (the weights hash is filled in per archive)
     * @param resolvedConfig the run's resolved configuration (YAML)
     */
    public ModelArchiveWriter(ModelMetadata metadata, String resolvedConfig) {
        this.metadata = metadata;
        this.resolvedConfig = resolvedConfig;
    }

    @Override
    public void write(String name, ComputationGraph model, Path runDir) throws IOException {
        Path target = runDir.resolve("best".equals(name) ? BEST_ARCHIVE : LAST_ARCHIVE);
        ModelArchive.write(target, model, metadata, resolvedConfig);
        LOG.info("wrote {}", target);
    }
}
