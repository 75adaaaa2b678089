/**
 * Quantized regression codec: (u, v) in [0, 1] ⇄ (bin class, residual inside the bin), DESIGN §2.
 * Depends on ND4J (INDArray) only.
 */
package org.densereg.quantize;
