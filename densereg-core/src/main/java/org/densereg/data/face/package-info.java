/**
 * Face datasets: 300W {@code .pts} files and image+pts folders, dlib/imglab XML, annotations, face crops, training
 * augmentation and the cached-supervision dataset. Depends on {@code data}, {@code io} and, for the training side
 * ({@code FaceAugmenter}, {@code SupervisionFolderDataset}), on {@code supervision}'s file format and part labels.
 */
package org.densereg.data.face;
