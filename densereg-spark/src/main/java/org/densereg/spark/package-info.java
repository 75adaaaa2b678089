/**
 * Apache Spark: {@code densereg infer} spread over executors with the same outputs, and {@code densereg train} as
 * synchronous data-parallel training (gradient aggregation or parameter averaging) through core's {@code Trainer}.
 * Depends on densereg-core ({@code infer}, {@code model}, {@code io}, {@code train}), DL4J and Spark's Java RDD
 * API; core knows nothing of it.
 */
package org.densereg.spark;
