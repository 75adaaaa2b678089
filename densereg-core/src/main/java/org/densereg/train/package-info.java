/**
 * The generic training loop: optimiser and learning-rate schedule set-up (with the fused one-pass update of DL4J's
 * updater state), deterministic batch sources with prefetching, validation hooks, atomic checkpoints and exact resume,
 * and where the training time goes (busy fraction); the training-job interface, configuration
 * resolution ({@code --config}/{@code --set}) and the validation history of a run folder with its comparison table.
 * Depends on DL4J, config, io, runtime, model (archives) and network (the graph factory and the acceleration hook
 * graphs are trained and saved through).
 */
package org.densereg.train;
