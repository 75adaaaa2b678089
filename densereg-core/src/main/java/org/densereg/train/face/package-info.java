/**
 * Training DenseReg face networks: configuration, batches from synthetic faces or supervision folders, the
 * dense-UV/landmark validator and the job that ties them to the generic trainer.
 * Depends on {@code train}, {@code network}, {@code quantize}, {@code data}, {@code infer}, {@code io}.
 */
package org.densereg.train.face;
