package org.densereg.trainingdata.face;

import java.awt.image.BufferedImage;
import org.densereg.data.Landmarks;

/**
 * A training sample after {@link FaceAugmenter}: every field is in the pixels of the same outSize × outSize grid.
 *
 * @param image     outSize × outSize {@link BufferedImage#TYPE_INT_RGB}; black where the transform reaches outside
 *                  the input
 * @param u         [outSize²] row-major template u in [0, 1], −1 on background and outside the input
 * @param v         [outSize²] row-major template v in [0, 1] (v up), −1 on background and outside the input
 * @param parts     [outSize²] row-major part labels ({@code supervision.FacePart}), 0 outside the input
 * @param landmarks the input's landmarks mapped by the same transform (left/right permuted when flipped), NaN kept
 * @param transform the transform that was applied
 */
public record AugmentedFace(BufferedImage image, float[] u, float[] v, byte[] parts, Landmarks landmarks,
        FaceTransform transform) {

    /** Side of the square output in pixels. */
    public int size() {
        return image.getWidth();
    }
}
