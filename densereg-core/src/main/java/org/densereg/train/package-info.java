/**
 * The generic training loop: optimiser and learning-rate schedule set-up, deterministic batch sources with
 * prefetching, validation hooks, atomic checkpoints and exact resume. Depends on DL4J, config, io and runtime.
 */
package org.densereg.train;
