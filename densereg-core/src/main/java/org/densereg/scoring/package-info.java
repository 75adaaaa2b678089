/**
 * Scoring a trained model on a benchmark: runs a model archive over a dataset's ground-truth crops, or over whole
 * test images (the standard LSP protocol), and writes the prediction files that {@code eval} scores. Depends on
 * {@code infer}, {@code model}, {@code data}, {@code network}, {@code train.body} and {@code trainingdata.body} (the
 * body model's forward pass and folder), {@code io}, {@code runtime}.
 */
package org.densereg.scoring;
