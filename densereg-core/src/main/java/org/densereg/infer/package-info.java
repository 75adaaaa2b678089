/**
 * Inference: landmark extraction from dense (u, v) maps, body joints from (part, u, v) charts and from heatmaps,
 * the face predictor (model archive → u, v, parts, landmarks), per-face output files and the batch run. Depends on
 * {@code data}, {@code io}, {@code network}, {@code quantize}, {@code supervision} and {@code runtime}.
 */
package org.densereg.infer;
