package org.densereg.fit;

/**
 * The outcome of fitting a morphable model to one set of 68 landmarks. The arrays are fresh per fit and not
 * shared with the fitter or the model.
 *
 * @param camera                 the fitted scaled-orthographic camera
 * @param shapeCoefficients      [M'] shape coefficients in prior standard deviations (M' = modes fitted)
 * @param expressionCoefficients [E'] expression coefficients in prior standard deviations; empty when the
 *                               expression was not fitted
 * @param vertices               [3N] fitted model-space shape, interleaved x, y, z
 * @param projected              [3N] {@code camera.project(vertices)}: image x, y (0-based pixels, y down) and
 *                               depth (larger = nearer the camera) per vertex
 * @param landmarkVertices       [68] vertex used for each iBUG landmark after the final contour re-selection;
 *                               landmarks that were skipped (NaN) keep the model's own mapping (-1 = unmapped)
 * @param reprojectionNme        mean over the used landmarks of ||projected − annotated|| divided by the
 *                               distance between the annotated outer eye corners (landmarks 36 and 45);
 *                               NaN when either corner is missing or they coincide
 */
public record FitResult(
        ScaledOrthographicCamera camera,
        double[] shapeCoefficients,
        double[] expressionCoefficients,
        float[] vertices,
        float[] projected,
        int[] landmarkVertices,
        double reprojectionNme) {
}
