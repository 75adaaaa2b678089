/**
 * The DenseReg network: configuration record, ResNet/DeepLab-style ComputationGraph factory, the bilinear
 * upsampling layer and input normalisation. Depends on DL4J/ND4J and the {@code loss} package.
 */
package org.densereg.network;
