package org.densereg.network.onednn;

import java.util.HashMap;
import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.normalization.BatchNormalizationHelper;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.densereg.arrays.DirectFloats;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's {@link BatchNormalizationHelper} for one BatchNormalization layer, computed by oneDNN on NCHW float32
 * activations (see {@link BatchNormPlan}). The training forward keeps the batch mean and biased variance, which
 * DL4J reads back ({@link #getMeanCache}, {@link #getVarCache}) to update its running statistics exactly as its own
 * implementation does. Other shapes, layouts or types return {@code null}: DL4J's implementation runs instead.
 */
final class OneDnnBatchNormHelper implements BatchNormalizationHelper {

    private final OneDnnRuntime runtime;
    private final CallCounts calls = new CallCounts();
    private final Map<String, BatchNormPlan> plans = new HashMap<>();
    private INDArray meanCache;
    private INDArray varCache;

    OneDnnBatchNormHelper(OneDnnRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public boolean checkSupported(double eps, boolean fixedGammaBeta) {
        return !fixedGammaBeta;
    }

    @Override
    public boolean checkSupported() {
        return true;
    }

    @Override
    public INDArray preOutput(INDArray x, boolean training, long[] shape, INDArray gamma, INDArray beta,
            INDArray mean, INDArray var, double decay, double eps, CNN2DFormat format,
            LayerWorkspaceMgr workspaceMgr) {
        if (!supported(x, format) || gamma == null || beta == null) {
            return null;
        }
        INDArray in = DirectFloats.plain(x);
        INDArray g = DirectFloats.plain(gamma);
        INDArray b = DirectFloats.plain(beta);
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT, in.shape(), 'c');
        BatchNormPlan plan = plan(in.shape(), eps);
        if (training) {
            ensureCaches(in.size(1));
            plan.forwardTraining(DirectFloats.address(in), DirectFloats.address(g), DirectFloats.address(b),
                    DirectFloats.address(out), DirectFloats.address(meanCache), DirectFloats.address(varCache));
        } else {
            INDArray m = DirectFloats.plain(mean);
            INDArray v = DirectFloats.plain(var);
            plan.forwardInference(DirectFloats.address(in), DirectFloats.address(g), DirectFloats.address(b),
                    DirectFloats.address(out), DirectFloats.address(m), DirectFloats.address(v));
        }
        calls.countForward();
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray input, INDArray epsilon, long[] shape, INDArray gamma,
            INDArray beta, INDArray dGammaView, INDArray dBetaView, double eps, CNN2DFormat format,
            LayerWorkspaceMgr workspaceMgr) {
        if (!supported(input, format) || gamma == null || beta == null || meanCache == null || meanCache.length() != input.size(1)
                || !DirectFloats.isPlain(dGammaView) || !DirectFloats.isPlain(dBetaView)) {
            return null;
        }
        INDArray in = DirectFloats.plain(input);
        INDArray diffDst = DirectFloats.plain(epsilon);
        INDArray g = DirectFloats.plain(gamma);
        INDArray b = DirectFloats.plain(beta);
        INDArray diffSrc = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, in.shape(), 'c');
        plan(in.shape(), eps).backward(DirectFloats.address(in), DirectFloats.address(g), DirectFloats.address(b),
                DirectFloats.address(meanCache), DirectFloats.address(varCache), DirectFloats.address(diffDst),
                DirectFloats.address(diffSrc), DirectFloats.address(dGammaView), DirectFloats.address(dBetaView));
        calls.countBackward();
        Gradient gradient = new DefaultGradient();
        gradient.setGradientFor(BatchNormalizationParamInitializer.GAMMA, dGammaView);
        gradient.setGradientFor(BatchNormalizationParamInitializer.BETA, dBetaView);
        return new Pair<>(gradient, diffSrc);
    }

    /** The last training batch's per-channel mean, [C]. */
    @Override
    public INDArray getMeanCache(DataType dataType) {
        return meanCache;
    }

    /** The last training batch's per-channel biased variance, [C]. */
    @Override
    public INDArray getVarCache(DataType dataType) {
        return varCache;
    }

    @Override
    public Map<String, Long> helperMemoryUse() {
        return Map.of("batchStatisticsBytes", meanCache == null ? 0L : 8L * meanCache.length());
    }

    /** The calls this helper computed. */
    CallCounts calls() {
        return calls;
    }

    private void ensureCaches(long channels) {
        if (meanCache == null || meanCache.length() != channels) {
            try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                meanCache = Nd4j.create(DataType.FLOAT, channels);
                varCache = Nd4j.create(DataType.FLOAT, channels);
            }
        }
    }

    private BatchNormPlan plan(long[] shape, double eps) {
        String key = java.util.Arrays.toString(shape) + eps;
        return plans.computeIfAbsent(key, k -> new BatchNormPlan(runtime, shape, eps));
    }

    private static boolean supported(INDArray x, CNN2DFormat format) {
        return x.rank() == 4 && format == CNN2DFormat.NCHW && x.dataType() == DataType.FLOAT;
    }
}
