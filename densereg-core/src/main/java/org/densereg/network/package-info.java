/**
 * The DenseReg network: configuration record, ResNet/DeepLab-style ComputationGraph factory, the bilinear
 * upsampling layer and input normalisation, and the one acceleration hook ({@link org.densereg.network.Accelerator},
 * chosen by {@link org.densereg.network.Accelerators#active()}) that every graph is built, loaded and saved through.
 * Its implementations live in subpackages found as service providers: {@code onednn} (CPU) today, and a future GPU
 * implementation next to it. Backbones start fresh or from pretrained ResNet weights ({@link
 * org.densereg.network.PretrainedBackbone}). Depends on DL4J/ND4J, {@code loss} and {@code io} (weight files), never on
 * a subpackage.
 */
package org.densereg.network;
