/**
 * Face datasets: 300W {@code .pts} files and image+pts folders, dlib/imglab XML, annotations and face crops.
 * Depends on {@code data} and {@code io}.
 */
package org.densereg.data.face;
