package org.densereg.infer;

import java.util.List;

/**
 * What a batch-inference run did, for faces and bodies alike (also written as {@code summary.json}).
 *
 * @param total          items (faces or persons) and unusable inputs considered
 * @param written        items predicted and written
 * @param existing       items skipped because their outputs were complete
 * @param failed         items and inputs that failed (see {@code failures})
 * @param missingPoints  written items whose points are incomplete: faces whose maps had no foreground (no
 *                       landmarks, no {@code .pts}; key {@code without_landmarks}), persons with at least one joint
 *                       missing in the primary source (key {@code with_missing_joints})
 * @param seconds        wall time of the run
 * @param networkSeconds time spent in the predictor: forward passes plus decoding and point extraction (the stage
 *                       the pipeline keeps busy); summed over the workers of a distributed run
 * @param failures       every failure, sorted by id
 */
public record InferenceSummary(int total, int written, int existing, int failed, int missingPoints, double seconds,
        double networkSeconds, List<InferenceFailure> failures) {

    /** Written items per second of wall time (0 for a run that took no time). */
    public double itemsPerSecond() {
        return seconds > 0 ? written / seconds : 0;
    }
}
