/**
 * Face datasets: 300W {@code .pts} files and image+pts folders, dlib/imglab XML, annotations, face ids and crops.
 * Depends on {@code data} and {@code io} only.
 */
package org.densereg.data.face;
