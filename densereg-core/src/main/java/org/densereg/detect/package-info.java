/**
 * Face detection: a port of face-api's tiny face detector (Tiny-YOLOv2 with depthwise-separable convolutions) with its
 * bundled weights, box decoding, non-maximum suppression and tiling for small faces. Depends on the JDK, Jackson and
 * {@code io} only.
 */
package org.densereg.detect;
