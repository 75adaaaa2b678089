/**
 * Ground truth from sparse annotations: face supervision samples (crop, U/V maps, part labels), their on-disk
 * form and previews. Depends on {@code data}, {@code io} (and, for generation, {@code model3d}, {@code fit}, {@code raster}).
 */
package org.densereg.supervision;
