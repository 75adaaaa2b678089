package org.densereg.network;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.AbstractLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.densereg.arrays.DirectFloats;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The runtime layer of {@link BilinearUpsampleLayer}: forward Y = A_h · X · A_wᵀ per plane, backward
 * dX = A_hᵀ · dY · A_w (A the [out, in] interpolation matrices). No parameters.
 */
public final class BilinearUpsampleLayerImpl extends AbstractLayer<BilinearUpsampleLayer> {

    private static final long serialVersionUID = 1L;

    /**
     * @param conf     the layer's configuration (holds a {@link BilinearUpsampleLayer})
     * @param dataType the network's data type
     */
    public BilinearUpsampleLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        int f = layerConf().getFactor();
        if (input.dataType() == DataType.FLOAT) {
            long ho = (input.size(2) - 1) * f + 1;
            long wo = (input.size(3) - 1) * f + 1;
            INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT,
                    new long[] {input.size(0), input.size(1), ho, wo}, 'c');
            BilinearUpsampleLayer.planes(input, ho, wo).resample(input.dup('c').data().asFloat(),
                    (int) (input.size(0) * input.size(1)), DirectFloats.view(out));
            return out;
        }
        INDArray result = BilinearUpsampleLayer.upsample(input, f);
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, result.dataType(), result.shape(), 'c');
        return out.assign(result);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        long hi = input.size(2);
        long wi = input.size(3);
        long ho = epsilon.size(2);
        long wo = epsilon.size(3);
        if (epsilon.dataType() == DataType.FLOAT) {
            INDArray dy = DirectFloats.plain(epsilon);
            INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, input.shape(), 'c');
            BilinearUpsampleLayer.planes(input, ho, wo).adjoint(DirectFloats.view(dy),
                    (int) (input.size(0) * input.size(1)), DirectFloats.view(out));
            return new Pair<>(new DefaultGradient(), out);
        }
        INDArray ah = BilinearUpsampleLayer.interpolation(hi, ho, epsilon.dataType()); // [Ho, Hi]
        INDArray aw = BilinearUpsampleLayer.interpolation(wi, wo, epsilon.dataType()); // [Wo, Wi]
        INDArray dx = BilinearUpsampleLayer.separable(epsilon, ah.transpose().dup('c'), aw);
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dx.dataType(), dx.shape(), 'c');
        return new Pair<>(new DefaultGradient(), out.assign(dx));
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public void clearNoiseWeightParams() {
        // no parameters
    }

    @Override
    public Type type() {
        return Type.UPSAMPLING;
    }
}
