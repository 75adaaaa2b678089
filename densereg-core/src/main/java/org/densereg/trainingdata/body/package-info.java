/**
 * Body training data built from supervision output: a {@code supervise-body} folder as an indexed dataset.
 * Depends on {@code supervision.body}, {@code supervision} (the file format) and {@code io}.
 */
package org.densereg.trainingdata.body;
