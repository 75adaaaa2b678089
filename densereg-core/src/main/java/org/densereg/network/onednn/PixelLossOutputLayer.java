package org.densereg.network.onednn;

import java.util.Collection;
import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.densereg.loss.PixelLoss;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.core.JsonProcessingException;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

/**
 * A {@link CnnLossLayer} with a {@link PixelLoss} and the identity activation, as the network heads end, whose
 * runtime layer ({@link PixelLossOutputLayerImpl}) computes the same score and gradient with fewer copies. It adds no
 * field: {@link #of} and {@link #standard} convert between the two classes exactly, and {@link BlockFusion} puts it
 * in fused graphs only.
 */
public class PixelLossOutputLayer extends CnnLossLayer {

    private static final long serialVersionUID = 1L;

    /** For serialisation. */
    public PixelLossOutputLayer() {
    }

    /** Whether {@code layer} is a standard loss layer this class can stand in for. */
    static boolean accepts(Layer layer) {
        return layer.getClass() == CnnLossLayer.class && layer instanceof CnnLossLayer loss
                && loss.getLossFn() instanceof PixelLoss && loss.getActivationFn() instanceof ActivationIdentity
                && loss.getFormat() == CNN2DFormat.NCHW;
    }

    /** This class with every field of {@code layer}. */
    static PixelLossOutputLayer of(CnnLossLayer layer) {
        return (PixelLossOutputLayer) convert(layer, PixelLossOutputLayer.class);
    }

    /** DL4J's class with every field of this layer. */
    CnnLossLayer standard() {
        return (CnnLossLayer) convert(this, CnnLossLayer.class);
    }

    private static Layer convert(Layer layer, Class<? extends Layer> target) {
        try {
            ObjectMapper mapper = NeuralNetConfiguration.mapper();
            ObjectNode node = mapper.valueToTree(layer);
            node.put("@class", target.getName());
            return mapper.treeToValue(node, Layer.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot convert loss layer " + layer.getLayerName() + ": " + e, e);
        }
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
            Collection<TrainingListener> trainingListeners, int layerIndex, INDArray layerParamsView,
            boolean initializeParams, DataType networkDataType) {
        PixelLossOutputLayerImpl layer = new PixelLossOutputLayerImpl(conf, networkDataType);
        layer.setListeners(trainingListeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(layerParamsView);
        Map<String, INDArray> params = initializer().init(conf, layerParamsView, initializeParams);
        layer.setParamTable(params);
        layer.setConf(conf);
        return layer;
    }
}
