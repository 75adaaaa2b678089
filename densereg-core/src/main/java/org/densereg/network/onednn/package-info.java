/**
 * oneDNN (Intel's deep-learning primitives library, through the JavaCPP presets) behind DL4J's own layers on the
 * CPU backend: convolutions and batch normalisation run as oneDNN primitives in the blocked layouts oneDNN
 * prefers, converting at each layer's edges; the graph, its configuration and its saved form are unchanged.
 * {@link org.densereg.network.onednn.OneDnnAcceleration#install} is the one entry point.
 */
package org.densereg.network.onednn;
