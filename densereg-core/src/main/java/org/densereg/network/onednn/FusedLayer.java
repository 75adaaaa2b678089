package org.densereg.network.onednn;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;

/**
 * What the fused layer configurations ({@link ResidualBlockLayer}, {@link StemLayer}) share: they hold the
 * configurations of the standard layers they replace, pass the updater and regularisation settings on to them (so
 * the standard form given back by {@link BlockFusion} trains the same way), run as a {@link OneDnnFusedLayer} with
 * {@link FusedParams}, and give the batch norms' running statistics DL4J's no-op updater.
 */
public abstract class FusedLayer extends BaseLayer implements FusedLayerConfig {

    private static final long serialVersionUID = 1L;

    /** For serialisation. */
    protected FusedLayer() {
    }

    /**
     * The held convolutions and batch norms, not copies; while a configuration is being read back, only those
     * already read.
     */
    protected abstract List<BaseLayer> heldLayers();

    /** Takes the updater, regularisation, weight initialisation and gradient normalisation of {@code conv}. */
    protected final void trainLike(ConvolutionLayer conv) {
        setIUpdater(conv.getIUpdater());
        setRegularization(conv.getRegularization());
        setRegularizationBias(conv.getRegularizationBias());
        setWeightInitFn(conv.getWeightInitFn());
        setGradientNormalization(conv.getGradientNormalization());
        setGradientNormalizationThreshold(conv.getGradientNormalizationThreshold());
    }

    /** {@code layers} without the nulls. */
    protected static List<BaseLayer> present(BaseLayer... layers) {
        List<BaseLayer> out = new ArrayList<>();
        for (BaseLayer layer : layers) {
            if (layer != null) {
                out.add(layer);
            }
        }
        return out;
    }

    @Override
    public void setIUpdater(IUpdater updater) {
        super.setIUpdater(updater);
        for (BaseLayer layer : heldLayers()) {
            layer.setIUpdater(updater == null ? null : updater.clone());
        }
    }

    @Override
    public void setRegularization(List<Regularization> regularization) {
        super.setRegularization(regularization);
        for (BaseLayer layer : heldLayers()) {
            if (layer instanceof ConvolutionLayer conv) {
                conv.setRegularization(regularization == null ? null : new ArrayList<>(regularization));
            }
        }
    }

    @Override
    public void setRegularizationBias(List<Regularization> regularizationBias) {
        super.setRegularizationBias(regularizationBias);
        for (BaseLayer layer : heldLayers()) {
            if (layer instanceof ConvolutionLayer conv) {
                conv.setRegularizationBias(regularizationBias == null ? null : new ArrayList<>(regularizationBias));
            }
        }
    }

    /**
     * The configured regularisation, with DL4J's weight decay handed out as a {@link DotScoredWeightDecay} (the same
     * decay, a faster score). Both DL4J's score and its updater read the regularisation through this method.
     */
    @Override
    public List<Regularization> getRegularizationByParam(String paramName) {
        List<Regularization> configured = super.getRegularizationByParam(paramName);
        if (configured == null || configured.stream().noneMatch(r -> r.getClass() == WeightDecay.class)) {
            return configured;
        }
        List<Regularization> out = new ArrayList<>(configured.size());
        for (Regularization r : configured) {
            out.add(r.getClass() == WeightDecay.class ? new DotScoredWeightDecay((WeightDecay) r) : r);
        }
        return out;
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf,
            Collection<TrainingListener> trainingListeners, int layerIndex, INDArray layerParamsView,
            boolean initializeParams, DataType networkDataType) {
        OneDnnFusedLayer layer = new OneDnnFusedLayer(conf, networkDataType);
        layer.setListeners(trainingListeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(layerParamsView);
        layer.setParamTable(initializer().init(conf, layerParamsView, initializeParams));
        layer.setConf(conf);
        return layer;
    }

    @Override
    public ParamInitializer initializer() {
        return FusedParams.getInstance();
    }

    /** The batch norms' running mean and log10 σ take the no-op updater; everything else the layer's updater. */
    @Override
    public IUpdater getUpdaterByParam(String paramName) {
        return FusedParams.isRunningStatistic(paramName) ? new NoOp() : getIUpdater();
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        // the held convolutions carry their channel counts
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return null;
    }

    @Override
    public boolean isPretrainParam(String paramName) {
        return false;
    }
}
