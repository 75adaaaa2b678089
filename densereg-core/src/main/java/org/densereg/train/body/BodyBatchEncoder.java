package org.densereg.train.body;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.densereg.data.body.BodyJoints;
import org.densereg.data.lsp.LspJoint;
import org.densereg.network.InputNormalisation;
import org.densereg.network.NetworkConfig;
import org.densereg.quantize.BodyPartCodec;
import org.densereg.supervision.body.BodyMaps;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Turns {@link BodyExample}s into a batch for the body network: features [N, 3, S, S]; labels part one-hot, u, v
 * ([N, P+1, S', S'], {@link BodyPartCodec}) and joint heatmaps [N, 14, S', S'] (Gaussian exp(−d²/2σ²) around each
 * joint, σ in output pixels; −1 for a joint that is missing or outside the output), S' the output side (the input
 * side, or stride 8 with aligned corners: output pixel i ↔ input pixel 8i).
 */
public final class BodyBatchEncoder {

    private final InputNormalisation normalisation;
    private final BodyPartCodec codec;
    private final int inputSize;
    private final int outputSize;
    private final double sigma;

    /**
     * @param network       the body network (bins = P)
     * @param normalisation input normalisation
     * @param sigma         heatmap σ in output pixels
     */
    public BodyBatchEncoder(NetworkConfig network, InputNormalisation normalisation, double sigma) {
        this.normalisation = normalisation;
        this.codec = new BodyPartCodec(network.bins());
        this.inputSize = network.inputHeight();
        this.outputSize = network.outputHeight();
        this.sigma = sigma;
    }

    /** @return the output side S' */
    public int outputSize() {
        return outputSize;
    }

    /** @return output pixels per input pixel: (S' − 1)/(S − 1) */
    public double outputScale() {
        return (outputSize - 1) / (double) (inputSize - 1);
    }

    /** @return the codec */
    public BodyPartCodec codec() {
        return codec;
    }

    /** @return the normalisation */
    public InputNormalisation normalisation() {
        return normalisation;
    }

    /**
     * @param examples N examples at the input size
     * @return features and the four labels (part, u, v, heatmap)
     */
    public MultiDataSet encode(List<BodyExample> examples) {
        int n = examples.size();
        List<BufferedImage> images = new ArrayList<>(n);
        int plane = outputSize * outputSize;
        byte[] parts = new byte[n * plane];
        float[] u = new float[n * plane];
        float[] v = new float[n * plane];
        float[] heat = new float[n * LspJoint.COUNT * plane];
        int step = (inputSize - 1) / Math.max(1, outputSize - 1);
        for (int i = 0; i < n; i++) {
            BodyExample e = examples.get(i);
            images.add(e.image());
            BodyMaps m = e.maps();
            if (m.width() != inputSize || m.height() != inputSize) {
                throw new IllegalArgumentException("example " + i + " is " + m.width() + "x" + m.height()
                        + ", expected the input size " + inputSize);
            }
            for (int y = 0; y < outputSize; y++) {
                for (int x = 0; x < outputSize; x++) {
                    int src = (y * step) * inputSize + x * step;
                    int dst = i * plane + y * outputSize + x;
                    parts[dst] = m.parts()[src];
                    u[dst] = m.u()[src];
                    v[dst] = m.v()[src];
                }
            }
            heatmaps(e.joints(), heat, i * LspJoint.COUNT * plane);
        }
        INDArray[] dense = codec.encode(n, outputSize, outputSize, parts, u, v);
        INDArray heatmap = Nd4j.create(heat, new long[] {n, LspJoint.COUNT, outputSize, outputSize}, 'c');
        return new org.nd4j.linalg.dataset.MultiDataSet(new INDArray[] {normalisation.toBatch(images)},
                new INDArray[] {dense[0], dense[1], dense[2], heatmap});
    }

    private void heatmaps(BodyJoints joints, float[] out, int offset) {
        int plane = outputSize * outputSize;
        double s = outputScale();
        for (LspJoint j : LspJoint.values()) {
            int base = offset + j.ordinal() * plane;
            double jx = joints.x(j) * s;
            double jy = joints.y(j) * s;
            boolean inside = joints.present(j) && jx >= -0.5 && jy >= -0.5 && jx <= outputSize - 0.5
                    && jy <= outputSize - 0.5;
            if (!inside) {
                Arrays.fill(out, base, base + plane, -1f);
                continue;
            }
            for (int y = 0; y < outputSize; y++) {
                double dy = y - jy;
                for (int x = 0; x < outputSize; x++) {
                    double dx = x - jx;
                    out[base + y * outputSize + x] = (float) Math.exp(-(dx * dx + dy * dy) / (2 * sigma * sigma));
                }
            }
        }
    }
}
