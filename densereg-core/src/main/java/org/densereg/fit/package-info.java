/**
 * Model fitting: a scaled-orthographic camera plus the shape and expression coefficients of a morphable model
 * fitted to 68 annotated 2D landmarks ({@link org.densereg.fit.LandmarkFitter}) or, robustly, to every pixel of a
 * dense (u, v) map ({@link org.densereg.fit.DenseCorrespondenceFitter}, the DenseReg cascade). Depends on {@code model3d} and
 * {@code data} only (plain double arrays, no ND4J).
 */
package org.densereg.fit;
