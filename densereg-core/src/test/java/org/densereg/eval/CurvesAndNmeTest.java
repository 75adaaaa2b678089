package org.densereg.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.densereg.data.Landmarks;
import org.junit.jupiter.api.Test;

class CurvesAndNmeTest {

    @Test
    void simpsonIsExactForParabolaTrapezoidIsNot() {
        double[] x = Curves.grid(1.0, 4);
        double[] y = new double[x.length];
        for (int k = 0; k < x.length; k++) {
            y[k] = x[k] * x[k];
        }
        assertEquals(1.0 / 3, Curves.integrate(x, y, IntegrationRule.SIMPSON), 1e-15);
        // h = 0.25: 0.25 * (0/2 + 1/16 + 4/16 + 9/16 + 1/2) = 0.34375
        assertEquals(0.34375, Curves.integrate(x, y, IntegrationRule.TRAPEZOID), 1e-15);
        assertThrows(IllegalArgumentException.class,
                () -> Curves.integrate(Curves.grid(1, 3), new double[4], IntegrationRule.SIMPSON));
    }

    @Test
    void cedAucAndFailureRateByHand() {
        double[] errors = {0.01, 0.05, 0.1};
        CedCurve t = CedCurve.of(errors, 0.08, 8, IntegrationRule.TRAPEZOID);
        // CED: t=0 → 0; 0.01..0.04 → 1/3; 0.05..0.08 → 2/3
        assertEquals(0.0, t.fractions()[0]);
        assertEquals(1.0 / 3, t.fractions()[1], 1e-15);
        assertEquals(2.0 / 3, t.fractions()[8], 1e-15);
        // 0.01 * ((0 + 2/3)/2 + 4·1/3 + 3·2/3) / 0.08 = 0.01 · 11/3 / 0.08
        assertEquals(0.01 * 11 / 3 / 0.08, t.auc(), 1e-12);
        assertEquals(1.0 / 3, t.failureRate(), 1e-15);
        CedCurve s = CedCurve.of(errors, 0.08, 8, IntegrationRule.SIMPSON);
        // h/3 (f0 + 4f1 + 2f2 + 4f3 + 2f4 + 4f5 + 2f6 + 4f7 + f8) with f = 0, 1/3 ×4, 2/3 ×4
        double sum = 0 + 4 / 3.0 + 2 / 3.0 + 4 / 3.0 + 2 / 3.0 + 4 * 2 / 3.0 + 2 * 2 / 3.0 + 4 * 2 / 3.0 + 2 / 3.0;
        assertEquals(0.01 / 3 * sum / 0.08, s.auc(), 1e-12);
    }

    static Landmarks face(double shiftX) {
        double[] xy = new double[136];
        for (int k = 0; k < 68; k++) {
            xy[2 * k] = (k % 10) + shiftX;
            xy[2 * k + 1] = k / 10;
        }
        return new Landmarks(xy);
    }

    @Test
    void nmeByHandForEachNormalisation() {
        Landmarks gt = face(0);
        Landmarks p = face(1);
        // point 36 = (6, 3), point 45 = (5, 4): eye-corner distance sqrt(2)
        assertEquals(1 / Math.sqrt(2), FaceNme.of(p, gt, FaceNormalisation.EYE_CORNERS), 1e-12);
        // pupils: centroid 36..41 = (6+7+8+9+0+1)/6 = 31/6, y = (3·4 + 4·2)/6 = 20/6;
        // 42..47 = (2+3+4+5+6+7)/6 = 27/6, y = 4 → distance sqrt((4/6)^2 + (4/6)^2)
        assertEquals(1 / Math.hypot(4 / 6.0, 4 / 6.0), FaceNme.of(p, gt, FaceNormalisation.PUPILS), 1e-12);
        // box: x 0..9, y 0..6 → sqrt(9·6)
        assertEquals(1 / Math.sqrt(54), FaceNme.of(p, gt, FaceNormalisation.BOX), 1e-12);
        assertEquals(0.0, FaceNme.of(gt, gt, FaceNormalisation.EYE_CORNERS));
    }

    @Test
    void decimalsRoundTheBinaryValueLikePrintf() {
        // 73.85 is stored as 73.849999…: printf("%.1f") gives 73.8, Java's String.format gives 73.9
        assertEquals("73.8", Decimals.format(73.85, 1));
        assertEquals("0.1", Decimals.format(0.15, 1));
        assertEquals("0.2", Decimals.format(0.25, 1), "exact tie: to even");
        assertEquals("82.34", Decimals.format(82.3412, 2));
        assertEquals("0.0", Decimals.format(-0.01, 1));
    }
}
