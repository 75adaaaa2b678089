/**
 * Inference by-products of dense (u, v) maps: landmark extraction by nearest template (u, v), decoding helpers.
 * Depends on {@code data} only; the network-facing predictor builds on it.
 */
package org.densereg.infer;
