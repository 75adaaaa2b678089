/**
 * 3D morphable face models: the {@link org.densereg.model3d.MorphableModel} container and its readers and writers.
 * Depends on the JDK, Jackson and the MAT-file library only.
 */
package org.densereg.model3d;
