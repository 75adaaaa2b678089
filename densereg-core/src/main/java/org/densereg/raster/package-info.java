/**
 * Z-buffer triangle rasterisation of projected meshes with screen-space barycentric attribute interpolation.
 * Depends on the JDK only.
 */
package org.densereg.raster;
