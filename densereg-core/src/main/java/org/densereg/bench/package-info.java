/**
 * Benchmarks that print throughput figures (run from {@code scripts/bench*} or {@code densereg bench}), never timed
 * unit tests: network training/inference speed and peak memory, supervision generation. Depends on the packages
 * it measures.
 */
package org.densereg.bench;
