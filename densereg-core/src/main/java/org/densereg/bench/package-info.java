/**
 * Benchmarks that print throughput figures (run from {@code scripts/bench*}), never timed unit tests.
 * Depends on the packages it measures.
 */
package org.densereg.bench;
