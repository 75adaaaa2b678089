/**
 * Face annotation formats: 300W {@code .pts} files (1-based on disk, 0-based in memory).
 * Depends on {@code data} and {@code io}.
 */
package org.densereg.data.face;
