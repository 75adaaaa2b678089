package org.densereg.train.face;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.densereg.data.Landmarks;
import org.junit.jupiter.api.Test;

class FaceValidatorTest {

    private static Landmarks face(double dx) {
        double[] xy = new double[136];
        for (int k = 0; k < 68; k++) {
            xy[2 * k] = 10 + k % 10 + dx;
            xy[2 * k + 1] = 10 + k / 10;
        }
        // Outer eye corners 20 px apart.
        xy[72] = 0 + dx;
        xy[73] = 5;
        xy[90] = 20 + dx;
        xy[91] = 5;
        return new Landmarks(xy);
    }

    @Test
    void nmeIsTheMeanErrorOverTheEyeCornerDistance() {
        // Every prediction is 2 px off: NME = 2 / 20.
        assertEquals(0.1, FaceValidator.nme(face(2), face(0), 32), 1e-12);
    }

    @Test
    void missingPredictionsCountAtTheImageCentre() {
        Landmarks truth = face(0);
        double[] xy = face(0).xy();
        xy[0] = Double.NaN;
        xy[1] = Double.NaN;
        double expected = Math.hypot(32 - truth.x(0), 32 - truth.y(0)) / 68 / 20;
        assertEquals(expected, FaceValidator.nme(new Landmarks(xy), truth, 32), 1e-12);
    }
}
