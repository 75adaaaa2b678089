/**
 * Distributed inference on Apache Spark: {@code densereg infer} spread over executors, with the same outputs.
 * Depends on densereg-core ({@code infer}, {@code model}, {@code io}) and Spark's Java RDD API; core knows nothing of it.
 */
package org.densereg.spark;
