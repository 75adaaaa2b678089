/**
 * Inference: landmark extraction from dense (u, v) maps, body joints from (part, u, v) charts and from heatmaps,
 * the face and body predictors (model archive → u, v, parts, landmarks or joints), per-face and per-person output files
 * and the batch runs (one pipeline for both). Depends on
 * {@code data}, {@code io}, {@code network}, {@code quantize}, {@code supervision} and {@code runtime}.
 */
package org.densereg.infer;
