package org.densereg.data.face;

import java.util.List;
import org.densereg.io.OutputIds;

/**
 * What a dataset scan found: the usable faces, in a deterministic order, and the annotations it skipped.
 *
 * @param faces    usable faces
 * @param problems skipped annotations, each with a message naming the file (and line where known)
 * @param renamed  faces whose id got a {@code ~n} suffix because an earlier face had taken it
 *                 ({@link OutputIds#claim}; source: the image file)
 */
public record AnnotationScan(List<FaceAnnotation> faces, List<AnnotationProblem> problems,
        List<OutputIds.Renamed> renamed) {

    /** Copies the lists. */
    public AnnotationScan {
        faces = List.copyOf(faces);
        problems = List.copyOf(problems);
        renamed = List.copyOf(renamed);
    }

    /** A scan in which no face was renamed. */
    public AnnotationScan(List<FaceAnnotation> faces, List<AnnotationProblem> problems) {
        this(faces, problems, List.of());
    }
}
