/**
 * Face training data built from supervision output: the cached-supervision folder ({@code supervise} output) as a
 * dataset, and the augmentation of its samples. Depends on {@code supervision} (file format, part labels), {@code data}, {@code io}.
 */
package org.densereg.trainingdata.face;
