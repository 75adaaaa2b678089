package org.densereg.data.face;

import java.util.List;

/**
 * What a dataset scan found: the usable faces, in a deterministic order, and the annotations it skipped.
 *
 * @param faces    usable faces
 * @param problems skipped annotations, each with a message naming the file (and line where known)
 */
public record AnnotationScan(List<FaceAnnotation> faces, List<AnnotationProblem> problems) {

    public AnnotationScan {
        faces = List.copyOf(faces);
        problems = List.copyOf(problems);
    }
}
