/**
 * Metrics (300W NME/CED/AUC/failure rate, MPII PCKh, LSP PCK), evaluations of prediction files, reports and plots.
 * Depends on {@code data} (readers), {@code io} (atomic writes, MAT files), {@code runtime} (build info), Jackson and Java2D.
 */
package org.densereg.eval;
