package org.densereg.network.onednn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The parameters of a {@link ResidualBlockLayer}, in this order per branch ("a", "b", then "proj" when the block
 * has a projection shortcut): {@code <branch>W} [C, Cin|C, k, k] (OIHW, c order), then the branch's batch norm
 * {@code <branch>BnGamma}, {@code BnBeta}, {@code BnMean}, {@code BnLog10stdev}, each [C]. Names hold no "_":
 * DL4J splits gradient keys at the last one. {@link #standardKey} maps them to the standard graph's layers.
 */
final class ResidualBlockParams implements ParamInitializer {

    static final String[] BRANCHES = {"a", "b", "proj"};
    static final String WEIGHTS = "W";
    static final String GAMMA = "BnGamma";
    static final String BETA = "BnBeta";
    static final String MEAN = "BnMean";
    static final String LOG_STD = "BnLog10stdev";
    private static final String NORM = "Bn";

    private static final ResidualBlockParams INSTANCE = new ResidualBlockParams();

    static ResidualBlockParams getInstance() {
        return INSTANCE;
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        ResidualBlockLayer block = (ResidualBlockLayer) layer;
        long sum = 0;
        for (int branch = 0; branch < branches(block); branch++) {
            sum += weightLength(block, branch) + 4L * block.getNOut();
        }
        return sum;
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        ResidualBlockLayer block = (ResidualBlockLayer) layer;
        List<String> keys = new ArrayList<>();
        for (int branch = 0; branch < branches(block); branch++) {
            String b = BRANCHES[branch];
            keys.addAll(List.of(b + WEIGHTS, b + GAMMA, b + BETA, b + MEAN, b + LOG_STD));
        }
        return keys;
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        ResidualBlockLayer block = (ResidualBlockLayer) layer;
        List<String> keys = new ArrayList<>();
        for (int branch = 0; branch < branches(block); branch++) {
            keys.add(BRANCHES[branch] + WEIGHTS);
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

    /**
     * Views of the flat parameter array; when initialising, the weights take the layer's weight initialisation
     * (fan-in Cin·k², fan-out C·k²/stride² as DL4J's convolution), γ = 1, β = 0, mean 0 and log10 σ = 0.
     */
    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        ResidualBlockLayer block = (ResidualBlockLayer) conf.getLayer();
        Map<String, INDArray> params = views(block, paramsView);
        for (Map.Entry<String, INDArray> e : params.entrySet()) {
            conf.addVariable(e.getKey());
            if (!initializeParams) {
                continue;
            }
            String key = e.getKey();
            if (key.endsWith(WEIGHTS)) {
                int branch = List.of(BRANCHES).indexOf(key.substring(0, key.length() - WEIGHTS.length()));
                long[] shape = weightShape(block, branch);
                double fanIn = shape[1] * shape[2] * shape[3];
                double fanOut = shape[0] * shape[2] * shape[3] / (double) (strideOf(block, branch) * strideOf(block, branch));
                block.getWeightInitFn().init(fanIn, fanOut, shape, 'c', e.getValue());
            } else {
                e.getValue().assign(key.endsWith(GAMMA) ? 1.0 : 0.0);
            }
        }
        return Collections.synchronizedMap(params);
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return views((ResidualBlockLayer) conf.getLayer(), gradientView);
    }

    /**
     * The standard graph's "layer/param" for a parameter of this block: e.g. {@code aW} → {@code <block>_a/W},
     * {@code projBnLog10stdev} → {@code <block>_proj_bn/log10stdev}.
     *
     * @param block the block's name in the standard graph (its vertices are {@code <block>_a}, ...)
     * @param key   a key of {@link #paramKeys}
     */
    static String standardKey(String block, String key) {
        int split = 0;
        while (split < key.length() && Character.isLowerCase(key.charAt(split))) {
            split++;
        }
        String branch = key.substring(0, split);
        String suffix = key.substring(split);
        if (suffix.equals(WEIGHTS)) {
            return block + "_" + branch + "/" + WEIGHTS;
        }
        if (!suffix.startsWith(NORM) || suffix.length() == NORM.length()) {
            throw new IllegalArgumentException("not a residual-block parameter: " + key);
        }
        String param = suffix.substring(NORM.length());
        return block + "_" + branch + "_bn/" + Character.toLowerCase(param.charAt(0)) + param.substring(1);
    }

    /** [C, Cin|C, k, k] of a branch (k = 3 for a and b, 1 for the projection). */
    static long[] weightShape(ResidualBlockLayer block, int branch) {
        long in = branch == ResidualBlockPlan.B ? block.getNOut() : block.getNIn();
        long k = branch == ResidualBlockPlan.P ? 1 : 3;
        return new long[] {block.getNOut(), in, k, k};
    }

    private static Map<String, INDArray> views(ResidualBlockLayer block, INDArray flat) {
        INDArray all = flat.reshape(flat.length());
        Map<String, INDArray> out = new LinkedHashMap<>();
        long offset = 0;
        long c = block.getNOut();
        for (int branch = 0; branch < branches(block); branch++) {
            String b = BRANCHES[branch];
            long w = weightLength(block, branch);
            out.put(b + WEIGHTS, all.get(NDArrayIndex.interval(offset, offset + w)).reshape('c',
                    weightShape(block, branch)));
            offset += w;
            for (String suffix : new String[] {GAMMA, BETA, MEAN, LOG_STD}) {
                out.put(b + suffix, all.get(NDArrayIndex.interval(offset, offset + c)));
                offset += c;
            }
        }
        return out;
    }

    private static int branches(ResidualBlockLayer block) {
        return block.isProjection() ? 3 : 2;
    }

    private static long weightLength(ResidualBlockLayer block, int branch) {
        long[] s = weightShape(block, branch);
        return s[0] * s[1] * s[2] * s[3];
    }

    private static int strideOf(ResidualBlockLayer block, int branch) {
        return branch == ResidualBlockPlan.B ? 1 : block.getStride();
    }
}
