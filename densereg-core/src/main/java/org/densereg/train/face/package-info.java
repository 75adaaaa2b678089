/**
 * Training DenseReg face networks: configuration, batches from synthetic faces or supervision folders, the
 * dense-UV/landmark validator and the job that ties them to the generic trainer.
 * Depends on {@code train}, {@code trainingdata}, {@code network}, {@code model}, {@code quantize}, {@code supervision},
 * {@code model3d}, {@code data}, {@code infer}, {@code config}, {@code io}, {@code runtime}.
 */
package org.densereg.train.face;
