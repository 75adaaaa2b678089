/**
 * Body ground truth from sparse joints (DESIGN §5.2): the part-based body template, its per-pixel part / (u, v)
 * rasterisation, on-disk sample groups, previews and the dataset run. Depends on {@code data} (LSP/MPII joints),
 * {@code supervision} (the file layout shared with faces), {@code io} and {@code runtime}.
 */
package org.densereg.supervision.body;
