/**
 * Training DenseReg body networks on {@code densereg supervise-body} folders (LSP): configuration, examples and
 * batches (part/u/v and joint-heatmap targets, flip augmentation), the LSP PCK validator and the training job.
 * Depends on {@code train}, {@code trainingdata.body}, {@code network}, {@code model}, {@code quantize},
 * {@code supervision.body}, {@code data}, {@code infer}, {@code eval}, {@code config}, {@code io}, {@code runtime}.
 */
package org.densereg.train.body;
