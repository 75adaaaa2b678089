package org.densereg.network;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Inference of a DenseReg graph without its loss layers. Every output of the face and body networks is a
 * {@link CnnLossLayer} with the identity activation, whose forward pass only copies its input twice (to [N·H·W, C]
 * and back); at inference the same values are read from the layer feeding it, which saves those copies at full
 * output resolution. Any other kind of output is read as it is.
 */
public final class HeadOutputs {

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
     * The network outputs in inference mode, equal to {@code graph.output(false, features)}.
     *
     * @param features [N, 3, H, W] normalised input
     * @return one array per network output, in output order, detached from workspaces
     */
    public static INDArray[] infer(ComputationGraph graph, INDArray features) {
        return graph.output(vertexNames(graph), false, new INDArray[] {features}, null);
    }

    /**
     * Frees the native buffers of outputs the caller has finished with. ND4J otherwise frees a detached buffer only
     * once the garbage collector finds its Java object, so every call would take fresh pages from the operating
     * system (page faults and zeroing: about half the time of a small network's inference here); freed promptly,
     * the next call's outputs reuse the same memory.
     *
     * @param outputs arrays from {@link #infer}; none may be used afterwards (views of them included)
     */
    public static void release(INDArray... outputs) {
        for (INDArray output : outputs) {
            if (output != null && output.closeable()) {
                output.close();
            }
        }
    }
}
