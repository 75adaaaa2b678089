/**
 * Training DenseReg body networks on {@code densereg supervise-body} folders (LSP): configuration, examples and
 * batches (part/u/v and joint-heatmap targets, flip augmentation), the LSP PCK validator and the training job.
 * Depends on {@code train}, {@code network}, {@code quantize}, {@code supervision.body}, {@code infer}, {@code eval}, {@code io}.
 */
package org.densereg.train.body;
