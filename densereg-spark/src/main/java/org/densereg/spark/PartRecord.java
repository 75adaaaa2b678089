package org.densereg.spark;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.densereg.infer.InferenceFailure;
import org.densereg.infer.InferencePipeline;

/**
 * An {@link InferencePipeline.Part} as it travels back from an executor.
 *
 * @param written       items predicted and written
 * @param missingPoints written items whose points are incomplete
 * @param networkNanos  time spent in the predictor
 * @param failures      {@code [id, image, reason]} per failure, image null when the failure names no file
 */
record PartRecord(int written, int missingPoints, long networkNanos, List<String[]> failures) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The record of a part. */
    static PartRecord of(InferencePipeline.Part part) {
        List<String[]> failures = new ArrayList<>();
        for (InferenceFailure f : part.failures()) {
            failures.add(new String[] {f.id(), f.image() == null ? null : f.image().toString(), f.reason()});
        }
        return new PartRecord(part.written(), part.missingPoints(), part.networkNanos(), failures);
    }

    /** The part again. */
    InferencePipeline.Part toPart() {
        List<InferenceFailure> list = new ArrayList<>();
        for (String[] f : failures) {
            list.add(new InferenceFailure(f[0], f[1] == null ? null : Path.of(f[1]), f[2]));
        }
        return new InferencePipeline.Part(written, missingPoints, networkNanos, list);
    }
}
