package org.densereg.fit;

import org.densereg.data.Landmarks;

/**
 * The outcome of fitting a morphable model to a dense (u, v) map ({@link DenseCorrespondenceFitter}). Image
 * quantities are in the frame of the fitted maps unless the result was mapped with {@link #toSourceFrame}.
 *
 * @param camera                 the fitted scaled-orthographic camera
 * @param shapeCoefficients      [M'] shape coefficients in prior standard deviations
 * @param expressionCoefficients [E'] expression coefficients in prior standard deviations (empty when not fitted)
 * @param vertices               [3N] fitted model-space shape, interleaved x, y, z
 * @param projected              [3N] {@code camera.project(vertices)}: image x, y (0-based pixels, y down), depth
 * @param landmarks              the 68 iBUG landmarks: projections of the model's landmark vertices (also where
 *                               the fitted face hides them, e.g. the far jaw of a profile); NaN where the model
 *                               maps none
 * @param residualRms            weighted RMS reprojection error of the used pixels in pixels,
 *                               {@code sqrt(Σ w_i r_i² / Σ w_i)} with the final robust weights (the inliers' error)
 * @param medianResidual         median reprojection error over all used pixels, in pixels
 * @param inlierFraction         share of the used pixels with a final weight ≥ 0.5
 * @param correspondences        pixels used (after subsampling and UV lookup)
 * @param foregroundPixels       foreground pixels in the maps
 * @param stride                 subsampling stride used on the pixel grid
 * @param nanos                  wall time of the fit, nanoseconds (UV lookup included)
 */
public record DenseFitResult(
        ScaledOrthographicCamera camera,
        double[] shapeCoefficients,
        double[] expressionCoefficients,
        float[] vertices,
        float[] projected,
        Landmarks landmarks,
        double residualRms,
        double medianResidual,
        double inlierFraction,
        int correspondences,
        int foregroundPixels,
        int stride,
        long nanos) {

    /**
     * This fit expressed in another image frame: the maps' frame is {@code x_maps = scale · x + offsetX},
     * {@code y_maps = scale · y + offsetY} of the target frame (a face crop of a source image). The camera is
     * composed with the inverse map (still scaled-orthographic: scale / s, translation mapped), projected vertices
     * and landmarks are mapped, residuals are divided by the scale.
     *
     * @param scale   pixels of the maps per target pixel, &gt; 0
     * @param offsetX x offset of the map
     * @param offsetY y offset of the map
     * @return the fit in the target frame
     */
    public DenseFitResult toSourceFrame(double scale, double offsetX, double offsetY) {
        if (!(scale > 0) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("scale must be finite and > 0, got " + scale);
        }
        ScaledOrthographicCamera c = new ScaledOrthographicCamera(camera.rotation(), camera.scale() / scale,
                (camera.tx() - offsetX) / scale, (camera.ty() - offsetY) / scale);
        float[] p = new float[projected.length];
        for (int i = 0; i < p.length; i += 3) {
            p[i] = (float) ((projected[i] - offsetX) / scale);
            p[i + 1] = (float) ((projected[i + 1] - offsetY) / scale);
            p[i + 2] = (float) (projected[i + 2] / scale);
        }
        Landmarks l = landmarks.scaleTranslate(1 / scale, 1 / scale, -offsetX / scale, -offsetY / scale);
        return new DenseFitResult(c, shapeCoefficients, expressionCoefficients, vertices, p, l, residualRms / scale,
                medianResidual / scale, inlierFraction, correspondences, foregroundPixels, stride, nanos);
    }
}
