package org.densereg.network;

import java.util.Collection;
import java.util.List;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.NoParamLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.params.EmptyParamInitializer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.regularization.Regularization;

/**
 * Configuration of a parameter-free bilinear upsampling layer with aligned corners (DL4J's own
 * {@code Upsampling2D} is nearest-neighbour only).
 *
 * <p>An input side s maps to (s − 1)·f + 1 (so a feature side k + 1 maps to 8k + 1 for f = 8, exactly the input
 * size of an 8k+1 image at output stride 8). Output pixel o samples input position o·(s − 1)/((s − 1)·f) = o/f:
 * corner pixels coincide, as {@code align_corners=True} in PyTorch. Input and output are NCHW
 * [N, C, H, W] → [N, C, (H−1)·f+1, (W−1)·f+1]. The backward pass applies the transposed interpolation, so the
 * layer is exactly linear and passes a gradient check.
 */
public class BilinearUpsampleLayer extends NoParamLayer {

    private static final long serialVersionUID = 1L;

    private int factor = 8;

    /** For serialisation: factor 8. */
    public BilinearUpsampleLayer() {
    }

    /** @param factor upsampling factor f ≥ 1 */
    public BilinearUpsampleLayer(int factor) {
        setFactor(factor);
    }

    /** The upsampling factor f. */
    public int getFactor() {
        return factor;
    }

    /** @param factor upsampling factor f ≥ 1 */
    public void setFactor(int factor) {
        if (factor < 1) {
            throw new IllegalArgumentException("upsampling factor must be >= 1, got " + factor);
        }
        this.factor = factor;
    }

    /** Output side for an input side s: (s − 1)·f + 1. */
    public long outputSize(long inputSize) {
        return (inputSize - 1) * factor + 1;
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
            Collection<TrainingListener> trainingListeners, int layerIndex, INDArray layerParamsView,
            boolean initializeParams, DataType networkDataType) {
        BilinearUpsampleLayerImpl layer = new BilinearUpsampleLayerImpl(conf, networkDataType);
        layer.setListeners(trainingListeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(layerParamsView);
        layer.setParamTable(initializer().init(conf, layerParamsView, initializeParams));
        layer.setConf(conf);
        return layer;
    }

    @Override
    public ParamInitializer initializer() {
        return EmptyParamInitializer.getInstance();
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        if (!(inputType instanceof InputType.InputTypeConvolutional c)) {
            throw new IllegalArgumentException("BilinearUpsampleLayer needs convolutional (NCHW) input, got " + inputType);
        }
        return InputType.convolutional(outputSize(c.getHeight()), outputSize(c.getWidth()), c.getChannels());
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return null;
    }

    @Override
    public List<Regularization> getRegularizationByParam(String paramName) {
        return null;
    }

    @Override
    public boolean isPretrainParam(String paramName) {
        return false;
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        InputType out = getOutputType(-1, inputType);
        return new LayerMemoryReport.Builder(layerName, BilinearUpsampleLayer.class, inputType, out)
                .standardMemory(0, 0).workingMemory(0, 0, out.arrayElementsPerExample(), 0)
                .cacheMemory(0, 0).build();
    }

    /**
     * Bilinear aligned-corners upsampling of a whole tensor, outside any network (e.g. stride-8 logits at
     * inference). Float tensors take the direct loops of {@link BilinearPlanes}; other types the matrix form
     * ({@link #separable}), which is what the double-precision gradient checks exercise.
     *
     * @param x      [N, C, H, W]
     * @param factor f ≥ 1
     * @return [N, C, (H−1)·f+1, (W−1)·f+1], same data type as {@code x}
     */
    public static INDArray upsample(INDArray x, int factor) {
        if (x.rank() != 4) {
            throw new IllegalArgumentException("expected [N, C, H, W], got rank " + x.rank());
        }
        long h = x.size(2);
        long w = x.size(3);
        long ho = (h - 1) * factor + 1;
        long wo = (w - 1) * factor + 1;
        if (x.dataType() == DataType.FLOAT) {
            float[] y = planes(x, ho, wo).resample(x.dup('c').data().asFloat(), (int) (x.size(0) * x.size(1)));
            return Nd4j.create(y, new long[] {x.size(0), x.size(1), ho, wo}, 'c');
        }
        INDArray ah = interpolation(h, ho, x.dataType());
        INDArray aw = interpolation(w, wo, x.dataType());
        return separable(x, ah, aw.transpose());
    }

    /** The float resampler from the spatial size of {@code x} [N, C, Hi, Wi] to [Ho, Wo]. */
    static BilinearPlanes planes(INDArray x, long outHeight, long outWidth) {
        return new BilinearPlanes((int) x.size(2), (int) x.size(3), (int) outHeight, (int) outWidth);
    }

    /**
     * The interpolation matrix of aligned-corners bilinear resampling.
     *
     * @return [out, in]: row o holds the weights of the input samples for output sample o
     */
    static INDArray interpolation(long in, long out, DataType type) {
        double[][] a = new double[(int) out][(int) in];
        for (int o = 0; o < out; o++) {
            double src = out == 1 ? 0 : (double) o * (in - 1) / (out - 1);
            int i0 = (int) Math.floor(src);
            double t = src - i0;
            if (i0 >= in - 1) {
                a[o][(int) in - 1] = 1;
            } else {
                a[o][i0] += 1 - t;
                a[o][i0 + 1] += t;
            }
        }
        return Nd4j.create(a).castTo(type);
    }

    /**
     * Y[b] = mh · X[b] · mwT for every (image, channel) plane b.
     *
     * @param x   [N, C, Hi, Wi]
     * @param mh  [Ho, Hi]
     * @param mwT [Wi, Wo]
     * @return [N, C, Ho, Wo] (c order)
     */
    static INDArray separable(INDArray x, INDArray mh, INDArray mwT) {
        long n = x.size(0);
        long c = x.size(1);
        long hi = x.size(2);
        long wi = x.size(3);
        long ho = mh.size(0);
        long wo = mwT.size(1);
        long b = n * c;
        INDArray rows = x.dup('c').reshape('c', b * hi, wi).mmul(mwT); // [b·Hi, Wo]
        INDArray byHeight = rows.reshape('c', b, hi, wo).permute(1, 0, 2).dup('c').reshape('c', hi, b * wo);
        INDArray out = mh.mmul(byHeight); // [Ho, b·Wo]
        return out.reshape('c', ho, b, wo).permute(1, 0, 2).dup('c').reshape('c', n, c, ho, wo);
    }
}
