/**
 * The generic training loop: optimiser and learning-rate schedule set-up, deterministic batch sources with
 * prefetching, validation hooks, atomic checkpoints and exact resume; the training-job interface, configuration
 * resolution ({@code --config}/{@code --set}) and the validation history of a run folder with its comparison table.
 * Depends on DL4J, config, io, runtime, network and model (archives of the trained network).
 */
package org.densereg.train;
