package org.densereg.network;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inference of a DenseReg graph without its loss layers. Every output of the face and body networks is a
 * {@link CnnLossLayer} with the identity activation, whose forward pass only copies its input twice (to [N·H·W, C]
 * and back); at inference the same values are read from the layer feeding it, which saves those copies at full
 * output resolution. Any other kind of output is read as it is.
 *
 * <p>{@link #read} runs a companion graph without those loss layers, which shares the graph's parameter array (so it
 * always sees the current weights and batch-norm statistics), and puts the outputs in a per-thread workspace that
 * is reused by the next call: no fresh memory per call, which matters at full resolution (ND4J would otherwise take
 * new pages from the operating system for every output).
 */
public final class HeadOutputs {

    private static final Logger LOG = LoggerFactory.getLogger(HeadOutputs.class);
    private static final String OUTPUT_WORKSPACE_ID = "DENSEREG_HEAD_OUTPUTS";
    private static final WorkspaceConfiguration OUTPUT_WORKSPACE = WorkspaceConfiguration.builder()
            .policyAllocation(AllocationPolicy.OVERALLOCATE).overallocationLimit(0.1)
            .policyLearning(LearningPolicy.FIRST_LOOP).policyReset(ResetPolicy.BLOCK_LEFT)
            .policySpill(SpillPolicy.REALLOCATE).build();
    /**
     * Companion graphs without the identity loss layers, found by the identity of their graph (ComputationGraph's
     * equals compares parameters) and dropped once that graph is collected. A process holds a handful of graphs.
     */
    private static final List<Companion> COMPANIONS = new ArrayList<>();

    private HeadOutputs() {
    }

    /**
     * The vertex whose activations equal each network output, in output order.
     *
     * @param graph an initialised graph
     */
    public static List<String> vertexNames(ComputationGraph graph) {
        var conf = graph.getConfiguration();
        List<String> names = new ArrayList<>();
        for (String output : conf.getNetworkOutputs()) {
            GraphVertex vertex = conf.getVertices().get(output);
            List<String> inputs = conf.getVertexInputs().get(output);
            boolean identityLoss = vertex instanceof LayerVertex layer
                    && layer.getLayerConf().getLayer() instanceof CnnLossLayer loss
                    && loss.getActivationFn() instanceof ActivationIdentity
                    && inputs != null && inputs.size() == 1;
            names.add(identityLoss ? inputs.get(0) : output);
        }
        return names;
    }

    /**
     * Runs the graph in inference mode and hands the outputs (equal to {@code graph.output(false, features)}) to
     * {@code reader}. The outputs, and any array the reader makes, live in a workspace that the next call on this
     * thread reuses: the reader must return Java arrays or detached copies ({@code INDArray.detach()}), never the
     * arrays themselves or views of them. Not for concurrent use of one graph from several threads (DL4J graphs
     * are not thread-safe either).
     *
     * @param features [N, 3, H, W] normalised input
     * @param reader   reads the outputs (one array per network output, in output order)
     * @return what the reader returns
     */
    public static <T> T read(ComputationGraph graph, INDArray features, Function<INDArray[], T> reader) {
        return read(graph, InferencePrecision.resolve(graph, features.shape()), features, reader);
    }

    /**
     * {@link #read(ComputationGraph, INDArray, Function)} at a given precision rather than the process's
     * ({@link InferencePrecision}): at {@link Precision#BF16} through a second companion graph whose fused layers run
     * bf16 (the outputs are float32 all the same).
     *
     * @param precision {@link Precision#FP32} or {@link Precision#BF16}
     * @param features  [N, 3, H, W] normalised input
     * @param reader    reads the outputs (one array per network output, in output order)
     * @return what the reader returns
     * @throws UnsupportedPrecisionException for bf16 where it cannot run
     */
    public static <T> T read(ComputationGraph graph, Precision precision, INDArray features,
            Function<INDArray[], T> reader) {
        ComputationGraph net = companion(graph, precision);
        try (MemoryWorkspace workspace = Nd4j.getWorkspaceManager().getAndActivateWorkspace(OUTPUT_WORKSPACE,
                OUTPUT_WORKSPACE_ID)) {
            return reader.apply(net.output(false, workspace, features));
        }
    }

    private static synchronized ComputationGraph companion(ComputationGraph graph, Precision precision) {
        if (precision == Precision.AUTO) {
            throw new IllegalArgumentException("resolve AUTO first (InferencePrecision.resolve)");
        }
        COMPANIONS.removeIf(c -> c.graph().get() == null);
        for (Companion c : COMPANIONS) {
            if (c.graph().get() == graph && c.precision() == precision) {
                return c.inference();
            }
        }
        ComputationGraph inference = withoutIdentityLosses(graph, precision);
        COMPANIONS.add(new Companion(new WeakReference<>(graph), precision, inference));
        return inference;
    }

    /** A graph (weakly held) and its inference companion at one precision. */
    private record Companion(WeakReference<ComputationGraph> graph, Precision precision, ComputationGraph inference) {
    }

    /**
     * A graph equal to {@code graph} without its identity loss layers (outputs: {@link #vertexNames}), on the same
     * parameter array.
     */
    static ComputationGraph withoutIdentityLosses(ComputationGraph graph) {
        return withoutIdentityLosses(graph, Precision.FP32);
    }

    /**
     * {@link #withoutIdentityLosses(ComputationGraph)} accelerated for inference at {@code precision} (FP32 or BF16).
     */
    static ComputationGraph withoutIdentityLosses(ComputationGraph graph, Precision precision) {
        List<String> names = vertexNames(graph);
        ComputationGraphConfiguration conf = graph.getConfiguration().clone();
        for (String output : graph.getConfiguration().getNetworkOutputs()) {
            if (!names.contains(output)) {
                conf.getVertices().remove(output);
                conf.getVertexInputs().remove(output);
            }
        }
        conf.setNetworkOutputs(new ArrayList<>(names));
        keepTopologicalOrder(graph, conf);
        ComputationGraph net = new ComputationGraph(conf);
        net.init(graph.params(), false);
        if (!sameBuffer(net.params(), graph.params()) || !sameParameterViews(net, graph)) {
            throw new IllegalStateException("inference graph does not share the parameters of the graph");
        }
        if (precision == Precision.BF16) {
            int layers = Accelerators.active().accelerateForInference(net, Precision.BF16);
            if (layers == 0) {
                throw new UnsupportedPrecisionException("bf16 inference runs in fused residual blocks and stems, "
                        + "and this graph has none");
            }
            LOG.info("bf16 inference graph: {} fused layers run bf16, the heads and upsampling float32", layers);
        } else {
            Accelerators.active().accelerateInPlace(net);
        }
        return net;
    }

    /**
     * Gives {@code conf} (the graph's configuration less some parameter-free vertices) the graph's topological order,
     * which is the order of the flat parameter array: recomputed, it may order parallel branches (the heads)
     * differently.
     */
    private static void keepTopologicalOrder(ComputationGraph graph, ComputationGraphConfiguration conf) {
        List<String> order = new ArrayList<>();
        for (int index : graph.topologicalSortOrder()) {
            String name = graph.getVertices()[index].getVertexName();
            if (conf.getVertices().containsKey(name) || conf.getNetworkInputs().contains(name)) {
                order.add(name);
            }
        }
        conf.setTopologicalOrderStr(order);
        conf.setTopologicalOrder(IntStream.range(0, order.size()).toArray());
    }

    /** Whether every parameter of {@code net} is the same view (buffer and offset) as the graph's. */
    private static boolean sameParameterViews(ComputationGraph net, ComputationGraph graph) {
        Map<String, INDArray> mine = net.paramTable();
        Map<String, INDArray> theirs = graph.paramTable();
        if (!mine.keySet().equals(theirs.keySet())) {
            return false;
        }
        for (Map.Entry<String, INDArray> e : mine.entrySet()) {
            INDArray other = theirs.get(e.getKey());
            if (!sameBuffer(e.getValue(), other) || e.getValue().offset() != other.offset()) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameBuffer(INDArray a, INDArray b) {
        return a.length() == b.length() && a.data().addressPointer().address() == b.data().addressPointer().address();
    }
}
