/**
 * oneDNN (Intel's deep-learning primitives library, through the JavaCPP presets) behind DL4J's own layers on the
 * CPU backend: convolutions and batch normalisation run as oneDNN primitives in the blocked layouts oneDNN
 * prefers, converting at each layer's edges; the graph, its configuration and its saved form are unchanged.
 * {@link org.densereg.network.onednn.OneDnnAccelerator} is the oneDNN implementation of the acceleration hook
 * {@link org.densereg.network.Accelerator} and the only way in from outside {@code network}; it adapts
 * {@link org.densereg.network.onednn.OneDnnAcceleration} (helpers) and {@link org.densereg.network.onednn.BlockFusion}
 * (fused blocks, standard form for saving). Depends on DL4J/ND4J, the oneDNN presets, {@code network} (the hook),
 * {@code loss}, {@code arrays} and {@code runtime}.
 */
package org.densereg.network.onednn;
