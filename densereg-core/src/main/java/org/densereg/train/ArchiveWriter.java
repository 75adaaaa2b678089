package org.densereg.train;

import java.io.IOException;
import java.nio.file.Path;
import org.deeplearning4j.nn.graph.ComputationGraph;

/** Writes a final model archive (weights + everything inference needs) at the end of training. */
@FunctionalInterface
public interface ArchiveWriter {

    /**
     * @param name   {@code last} (the final weights) or {@code best} (the best validated weights)
     * @param model  the model to archive
     * @param runDir the run folder; the writer chooses the file name inside it
     */
    void write(String name, ComputationGraph model, Path runDir) throws IOException;
}
