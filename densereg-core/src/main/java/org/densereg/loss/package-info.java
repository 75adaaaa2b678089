/**
 * DenseReg training losses (DESIGN §4) as DL4J {@code ILossFunction}s for per-pixel (CNN) outputs.
 * Depends on ND4J and {@code arrays}.
 */
package org.densereg.loss;
