package org.densereg.network.onednn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The parameters of a fused layer ({@link FusedLayerConfig}), in this order per branch: {@code <branch>W}
 * [C, Cin, k, k] (OIHW, c order), then the branch's batch norm {@code <branch>BnGamma}, {@code BnBeta},
 * {@code BnMean}, {@code BnLog10stdev}, each [C]. Names hold no "_": DL4J splits gradient keys at the last one.
 */
final class FusedParams implements ParamInitializer {

    static final String WEIGHTS = "W";
    static final String GAMMA = "BnGamma";
    static final String BETA = "BnBeta";
    static final String MEAN = "BnMean";
    static final String LOG_STD = "BnLog10stdev";
    private static final String NORM = "Bn";

    private static final FusedParams INSTANCE = new FusedParams();

    static FusedParams getInstance() {
        return INSTANCE;
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        FusedLayerConfig fused = (FusedLayerConfig) layer;
        long sum = 0;
        for (int branch = 0; branch < fused.branches().size(); branch++) {
            long[] shape = fused.weightShape(branch);
            sum += length(shape) + 4 * shape[0];
        }
        return sum;
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        List<String> keys = new ArrayList<>();
        for (String b : ((FusedLayerConfig) layer).branches()) {
            keys.addAll(List.of(b + WEIGHTS, b + GAMMA, b + BETA, b + MEAN, b + LOG_STD));
        }
        return keys;
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        List<String> keys = new ArrayList<>();
        for (String b : ((FusedLayerConfig) layer).branches()) {
            keys.add(b + WEIGHTS);
        }
        return keys;
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return List.of();
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return key.endsWith(WEIGHTS);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return false;
    }

    /** Whether {@code key} is a running statistic (moved by the no-op updater, not averaged over the batch). */
    static boolean isRunningStatistic(String key) {
        return key.endsWith(MEAN) || key.endsWith(LOG_STD);
    }

    /**
     * Views of the flat parameter array; when initialising, the weights take the layer's weight initialisation
     * (fan-in Cin·k², fan-out C·k²/stride² as DL4J's convolution), γ = 1, β = 0, mean 0 and log10 σ = 0.
     */
    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        FusedLayerConfig fused = (FusedLayerConfig) conf.getLayer();
        Map<String, INDArray> params = views(fused, paramsView);
        for (Map.Entry<String, INDArray> e : params.entrySet()) {
            conf.addVariable(e.getKey());
            if (!initializeParams) {
                continue;
            }
            String key = e.getKey();
            if (key.endsWith(WEIGHTS)) {
                int branch = fused.branches().indexOf(key.substring(0, key.length() - WEIGHTS.length()));
                long[] shape = fused.weightShape(branch);
                int stride = fused.weightStride(branch);
                double fanIn = shape[1] * shape[2] * shape[3];
                double fanOut = shape[0] * shape[2] * shape[3] / (double) (stride * stride);
                fused.getWeightInitFn().init(fanIn, fanOut, shape, 'c', e.getValue());
            } else {
                e.getValue().assign(key.endsWith(GAMMA) ? 1.0 : 0.0);
            }
        }
        return Collections.synchronizedMap(params);
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return views((FusedLayerConfig) conf.getLayer(), gradientView);
    }

    /**
     * A parameter key in the standard graph's terms: {@code aW} → (a, W, false), {@code projBnLog10stdev} →
     * (proj, log10stdev, true).
     *
     * @param branch the branch prefix
     * @param param  the standard layer's parameter key
     * @param norm   whether it belongs to the branch's batch norm (else to its convolution)
     */
    record Key(String branch, String param, boolean norm) {

        static Key of(String key) {
            int at = 0;
            while (at < key.length() && Character.isLowerCase(key.charAt(at))) {
                at++;
            }
            String branch = key.substring(0, at);
            String suffix = key.substring(at);
            if (suffix.equals(WEIGHTS)) {
                return new Key(branch, WEIGHTS, false);
            }
            if (!suffix.startsWith(NORM) || suffix.length() == NORM.length()) {
                throw new IllegalArgumentException("not a fused-layer parameter: " + key);
            }
            String param = suffix.substring(NORM.length());
            return new Key(branch, Character.toLowerCase(param.charAt(0)) + param.substring(1), true);
        }
    }

    private static Map<String, INDArray> views(FusedLayerConfig fused, INDArray flat) {
        INDArray all = flat.reshape(flat.length());
        Map<String, INDArray> out = new LinkedHashMap<>();
        long offset = 0;
        List<String> branches = fused.branches();
        for (int branch = 0; branch < branches.size(); branch++) {
            String b = branches.get(branch);
            long[] shape = fused.weightShape(branch);
            long w = length(shape);
            out.put(b + WEIGHTS, all.get(NDArrayIndex.interval(offset, offset + w)).reshape('c', shape));
            offset += w;
            for (String suffix : new String[] {GAMMA, BETA, MEAN, LOG_STD}) {
                out.put(b + suffix, all.get(NDArrayIndex.interval(offset, offset + shape[0])));
                offset += shape[0];
            }
        }
        return out;
    }

    private static long length(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }
}
