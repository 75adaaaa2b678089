package org.densereg.quantize;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Training targets for the four face heads, as produced by {@link UvCodec#encode(INDArray)}.
 *
 * @param uClass    [N, K+1, H, W] one-hot u bin per pixel (channel 0 = background), float32
 * @param vClass    [N, K+1, H, W] one-hot v bin per pixel (channel 0 = background), float32
 * @param uResidual [N, K+1, H, W] residual r in [0, 1] of u at the ground-truth bin's channel of each foreground
 *                  pixel; -1 everywhere else (every channel of background pixels, channel 0, other bins) = ignore
 * @param vResidual [N, K+1, H, W] the same for v
 */
public record UvLabels(INDArray uClass, INDArray vClass, INDArray uResidual, INDArray vResidual) {

    /** The four targets in the order of the network's outputs (u_class, v_class, u_residual, v_residual). */
    public INDArray[] asArray() {
        return new INDArray[] {uClass, vClass, uResidual, vResidual};
    }
}
