/**
 * Inference: landmark extraction from dense (u, v) maps, body joints from (part, u, v) charts and from heatmaps,
 * the face and body predictors (model archive → u, v, parts, landmarks or joints), the masked (u, v) resampling into
 * the image, per-face and per-person output files, the task-neutral batch pipeline ({@link
 * org.densereg.infer.InferencePipeline}: options, failures, summary) with the face and body runs on top, and
 * {@link org.densereg.infer.Inference}, {@code densereg infer} in one call (task dispatch and request checks).
 * Depends on {@code data}, {@code io}, {@code model}, {@code network}, {@code quantize}, {@code supervision} and
 * {@code runtime}.
 */
package org.densereg.infer;
