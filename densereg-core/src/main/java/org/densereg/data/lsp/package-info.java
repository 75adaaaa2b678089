/**
 * Leeds Sports Pose: {@code joints.mat} in the original (3×14×N) and extended (14×3×N) layouts, and joint predictions.
 * Depends on {@code data}, {@code io} (MAT files through MFL) and Jackson for JSON predictions.
 */
package org.densereg.data.lsp;
