/**
 * Ground truth from sparse annotations: the face part chart in UV space, face supervision samples (crop, U/V maps,
 * part labels), their on-disk form (the file-group layout shared with bodies) and previews. Depends on {@code data},
 * {@code io}, {@code model3d} (and, for generation, {@code fit}, {@code raster}).
 */
package org.densereg.supervision;
