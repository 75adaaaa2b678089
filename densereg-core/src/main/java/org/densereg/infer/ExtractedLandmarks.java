package org.densereg.infer;

import org.densereg.data.Landmarks;

/**
 * Landmarks found in a dense (u, v) map.
 *
 * @param points     landmark positions, 0-based pixels (NaN where none could be found)
 * @param uvDistance [L] (u, v) distance between each landmark's template (u, v) and the nearest pixel's
 *                   (u, v); large values mean the landmark is probably not visible
 */
public record ExtractedLandmarks(Landmarks points, double[] uvDistance) {
}
