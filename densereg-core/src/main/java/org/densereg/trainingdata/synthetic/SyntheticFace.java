package org.densereg.trainingdata.synthetic;

import java.awt.image.BufferedImage;
import org.densereg.data.Landmarks;

/**
 * One rendered synthetic face with its exact ground truth. Arrays are shared, not copied.
 *
 * @param image     rendered RGB image, size × size
 * @param u         [H·W] row-major template u of the visible face surface, −1 on background and occluders
 * @param v         [H·W] row-major template v (up), −1 on background and occluders
 * @param parts     [H·W] part label per pixel ({@code supervision.FacePart} labels, 0 = background)
 * @param landmarks the 68 iBUG landmarks projected into the image, 0-based pixels (NaN when unmapped)
 * @param yaw       head yaw in degrees
 * @param pitch     head pitch in degrees
 * @param roll      head roll in degrees
 */
public record SyntheticFace(
        BufferedImage image, float[] u, float[] v, byte[] parts, Landmarks landmarks,
        double yaw, double pitch, double roll) {
}
