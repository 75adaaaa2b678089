/**
 * 3D morphable face models: the {@link org.densereg.model3d.MorphableModel} container and its readers and writers.
 * Depends on the JDK, {@code org.densereg.io} (NPY, atomic writes, BadInputException), Jackson, MFL (MAT files) and SLF4J.
 */
package org.densereg.model3d;
