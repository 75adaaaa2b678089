package org.densereg.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
