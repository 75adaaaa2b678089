package org.densereg.train.face;

import java.awt.image.BufferedImage;
import java.util.List;
import org.densereg.network.InputNormalisation;
import org.densereg.network.NetworkConfig;
import org.densereg.quantize.UvCodec;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Turns images with dense (u, v) ground truth into a training batch for the face network: normalised
 * features and the codec's class/residual targets at the network's output resolution (the input size, or
 * stride 8 with aligned corners: output pixel i ↔ input pixel 8i).
 */
public final class FaceBatchEncoder {

    private final InputNormalisation normalisation;
    private final UvCodec codec;
    private final int inputSize;
    private final int outputSize;

    /**
     * @param network       the network the batches are for
     * @param normalisation input normalisation (recorded in the model archive)
     */
    public FaceBatchEncoder(NetworkConfig network, InputNormalisation normalisation) {
        this.normalisation = normalisation;
        this.codec = new UvCodec(network.bins());
        this.inputSize = network.inputHeight();
        this.outputSize = network.outputHeight();
    }

    /** @return the side of the network's output maps */
    public int outputSize() {
        return outputSize;
    }

    /** @return the codec of the targets */
    public UvCodec codec() {
        return codec;
    }

    /**
     * @param images N images, inputSize × inputSize
     * @param u      N maps [inputSize²] of u, −1 on background
     * @param v      N maps [inputSize²] of v, −1 on background
     * @return features {@code [N, 3, S, S]}; labels u-class, v-class, u-residual, v-residual, each
     *         {@code [N, K+1, S', S']} (S' the output side)
     */
    public MultiDataSet encode(List<BufferedImage> images, List<float[]> u, List<float[]> v) {
        INDArray features = normalisation.toBatch(images);
        INDArray uv = groundTruth(u, v);
        return new org.nd4j.linalg.dataset.MultiDataSet(new INDArray[] {features}, codec.encode(uv).asArray());
    }

    /**
     * The (u, v) ground truth at the output resolution.
     *
     * @param u N maps [inputSize²]
     * @param v N maps [inputSize²]
     * @return {@code [N, 2, S', S']} float32, −1 on background
     */
    public INDArray groundTruth(List<float[]> u, List<float[]> v) {
        int n = u.size();
        int step = (inputSize - 1) / Math.max(1, outputSize - 1);
        float[] data = new float[n * 2 * outputSize * outputSize];
        int plane = outputSize * outputSize;
        for (int i = 0; i < n; i++) {
            float[] ui = u.get(i);
            float[] vi = v.get(i);
            if (ui.length != inputSize * inputSize) {
                throw new IllegalArgumentException("map " + i + " has " + ui.length + " values, expected " + inputSize
                        + "²");
            }
            for (int y = 0; y < outputSize; y++) {
                for (int x = 0; x < outputSize; x++) {
                    int src = (y * step) * inputSize + x * step;
                    data[(2 * i) * plane + y * outputSize + x] = ui[src];
                    data[(2 * i + 1) * plane + y * outputSize + x] = vi[src];
                }
            }
        }
        return Nd4j.create(data, new long[] {n, 2, outputSize, outputSize});
    }
}
