package org.densereg.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The float loops against the interpolation-matrix form, forward and adjoint, on odd and non-integer ratios. */
class BilinearPlanesTest {

    @Test
    void loopsEqualTheMatrixFormForwardAndAdjoint() {
        int[][] sizes = {{17, 9, 129, 65}, {3, 4, 7, 10}, {1, 5, 1, 9}};
        for (int[] s : sizes) {
            Nd4j.getRandom().setSeed(11);
            INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 3, s[0], s[1]);
            INDArray dy = Nd4j.rand(DataType.DOUBLE, 2, 3, s[2], s[3]);
            INDArray ah = BilinearUpsampleLayer.interpolation(s[0], s[2], DataType.DOUBLE); // [Ho, Hi]
            INDArray aw = BilinearUpsampleLayer.interpolation(s[1], s[3], DataType.DOUBLE); // [Wo, Wi]
            INDArray expectedY = BilinearUpsampleLayer.separable(x, ah, aw.transpose());
            INDArray expectedDx = BilinearUpsampleLayer.separable(dy, ah.transpose().dup('c'), aw);

            BilinearPlanes planes = new BilinearPlanes(s[0], s[1], s[2], s[3]);
            float[] y = planes.resample(x.castTo(DataType.FLOAT).dup('c').data().asFloat(), 6);
            float[] dx = planes.adjoint(dy.castTo(DataType.FLOAT).dup('c').data().asFloat(), 6);
            double[] ey = expectedY.dup('c').data().asDouble();
            double[] edx = expectedDx.dup('c').data().asDouble();
            assertEquals(ey.length, y.length);
            assertEquals(edx.length, dx.length);
            for (int i = 0; i < y.length; i++) {
                assertEquals(ey[i], y[i], 1e-5, "forward " + java.util.Arrays.toString(s) + " at " + i);
            }
            for (int i = 0; i < dx.length; i++) {
                assertEquals(edx[i], dx[i], 1e-4 * Math.max(1, Math.abs(edx[i])),
                        "adjoint " + java.util.Arrays.toString(s) + " at " + i);
            }
        }
    }

    /**
     * The layer's float path (direct buffers in and out of its arrays) against the double matrix form, with enough
     * planes that they run in parallel and the per-thread arrays are reused.
     */
    @Test
    void floatLayerForwardAndBackwardEqualTheMatrixForm() {
        ComputationGraph graph = new ComputationGraph(new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT)
                .graphBuilder().addInputs("in").setInputTypes(InputType.convolutional(9, 7, 8))
                .addLayer("up", new BilinearUpsampleLayer(8), "in").setOutputs("up").build());
        graph.init();
        Layer up = graph.getLayer("up");
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 8, 9, 7); // 32 planes of 65 × 49 outputs
        INDArray dy = Nd4j.rand(DataType.FLOAT, 4, 8, 65, 49);
        INDArray ah = BilinearUpsampleLayer.interpolation(9, 65, DataType.DOUBLE);
        INDArray aw = BilinearUpsampleLayer.interpolation(7, 49, DataType.DOUBLE);
        LayerWorkspaceMgr none = LayerWorkspaceMgr.noWorkspaces();
        up.setInput(x, none);
        INDArray y = up.activate(false, none);
        INDArray dx = up.backpropGradient(dy, none).getSecond();
        INDArray expectedY = BilinearUpsampleLayer.separable(x.castTo(DataType.DOUBLE), ah, aw.transpose());
        INDArray expectedDx = BilinearUpsampleLayer.separable(dy.castTo(DataType.DOUBLE), ah.transpose().dup('c'), aw);
        assertEquals(0, expectedY.sub(y.castTo(DataType.DOUBLE)).amaxNumber().doubleValue(), 1e-5);
        assertEquals(0, expectedDx.sub(dx.castTo(DataType.DOUBLE)).amaxNumber().doubleValue(), 1e-5);
        // a non-contiguous gradient (a permuted view) gives the same result
        INDArray dyView = dy.permute(0, 1, 3, 2).dup('c').permute(0, 1, 3, 2);
        assertEquals(0, dx.sub(up.backpropGradient(dyView, none).getSecond()).amaxNumber().doubleValue(), 1e-6);
    }
}
