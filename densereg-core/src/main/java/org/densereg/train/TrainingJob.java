package org.densereg.train;

import java.io.IOException;
import java.nio.file.Path;
import org.densereg.runtime.ProgressListener;

/**
 * A configured training task (faces, bodies) that trains a network in a run folder: what {@code densereg train} and
 * {@code train-body} launch.
 *
 * @param <O> what the task reports when it is done (the trainer's summary and its own validation figures)
 */
public interface TrainingJob<O> {

    /**
     * Trains from scratch, or resumes the run in {@code runDir}.
     *
     * @param runDir      run folder (created; must hold no checkpoints unless {@code resume})
     * @param resume      continue from the last complete checkpoint
     * @param progress    progress callback
     * @param commandLine the command line, recorded in the run folder
     * @return the outcome
     * @throws IOException when the run folder cannot be written or read
     */
    O run(Path runDir, boolean resume, ProgressListener progress, String commandLine) throws IOException;
}
