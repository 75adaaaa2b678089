/**
 * Apache Spark: {@code densereg infer} spread over executors with the same outputs, and a synchronous data-parallel SGD
 * step. Depends on densereg-core ({@code infer}, {@code model}, {@code io}), DL4J and Spark's Java RDD API; core knows
 * nothing of it.
 */
package org.densereg.spark;
