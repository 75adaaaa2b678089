/**
 * The built-in synthetic face dataset: faces rendered on the fly from a morphable model with exact (u, v), part and
 * landmark ground truth. Depends on {@code model3d}, {@code fit} (camera), {@code raster}, {@code supervision}, {@code data}.
 */
package org.densereg.trainingdata.synthetic;
