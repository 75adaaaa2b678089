package org.densereg.model3d;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DefaultFaceModelTest {

    private static final MorphableModel MODEL = DefaultFaceModel.load();

    @Test
    void loadsWithTheExpectedShapes() {
        assertEquals("default-gpmm-mediapipe468", MODEL.name());
        assertEquals(468, MODEL.vertexCount());
        assertEquals(898, MODEL.triangleCount());
        assertEquals(DefaultFaceModel.SHAPE_MODES, MODEL.shapeModes());
        assertEquals(2, MODEL.expressionModes());
        assertSame(MODEL, DefaultFaceModel.load(), "cached");
        // millimetres: the face is about 155 mm wide and 177 mm tall
        float minX = Float.MAX_VALUE;
        float maxX = -Float.MAX_VALUE;
        float minY = Float.MAX_VALUE;
        float maxY = -Float.MAX_VALUE;
        for (int i = 0; i < MODEL.vertexCount(); i++) {
            minX = Math.min(minX, MODEL.mean()[3 * i]);
            maxX = Math.max(maxX, MODEL.mean()[3 * i]);
            minY = Math.min(minY, MODEL.mean()[3 * i + 1]);
            maxY = Math.max(maxY, MODEL.mean()[3 * i + 1]);
        }
        assertEquals(154.9, maxX - minX, 0.1);
        assertEquals(176.7, maxY - minY, 0.1);
        // subject's right eye (landmark 36) on the image-left side, x < 0; nose tip in front (largest z region)
        assertTrue(MODEL.mean()[3 * MODEL.landmarkVertices()[36]] < 0);
        assertTrue(MODEL.mean()[3 * MODEL.landmarkVertices()[30] + 2] > MODEL.mean()[3 * MODEL.landmarkVertices()[36] + 2]);
    }

    @Test
    void shapeBasisColumnsAreOrthonormalWithDescendingVariances() {
        assertOrthonormal(MODEL.shapeBasis(), MODEL.mean().length, MODEL.shapeModes(), 1e-5);
        float[] var = MODEL.shapeVariances();
        for (int m = 0; m < var.length; m++) {
            assertTrue(var[m] > 0, "variance " + m + " positive");
            if (m > 0) {
                assertTrue(var[m] <= var[m - 1], "variances descending at " + m);
            }
        }
    }

    @Test
    void expressionColumnsHaveUnitLengthAndTheDocumentedAmplitude() {
        int e = MODEL.expressionModes();
        float[] b = MODEL.expressionBasis();
        for (int m = 0; m < e; m++) {
            double norm = 0;
            for (int r = 0; r < MODEL.mean().length; r++) {
                norm += b[r * e + m] * b[r * e + m];
            }
            assertEquals(1, norm, 1e-5);
        }
        int chin = MODEL.landmarkVertices()[8];
        float[] open = MODEL.shape(null, new double[] {1, 0});
        assertEquals(-ExpressionModes.OPEN_MM, open[3 * chin + 1] - MODEL.mean()[3 * chin + 1], 1e-3);
        int upperLip = MODEL.landmarkVertices()[51];
        assertEquals(0, open[3 * upperLip + 1] - MODEL.mean()[3 * upperLip + 1], 1e-6, "upper lip stays");
        int corner = MODEL.landmarkVertices()[48];
        float[] smile = MODEL.shape(null, new double[] {0, 1});
        assertEquals(ExpressionModes.SMILE_MM, smile[3 * corner + 1] - MODEL.mean()[3 * corner + 1], 1e-3);
        assertTrue(smile[3 * corner] < MODEL.mean()[3 * corner], "the image-left corner moves outwards (−x)");
    }

    @Test
    void twoStandardDeviationsGivePlausibleDisplacements() {
        int n = MODEL.vertexCount();
        for (int m = 0; m < MODEL.shapeModes(); m++) {
            double[] alpha = new double[m + 1];
            alpha[m] = 2;
            float[] s = MODEL.shape(alpha, null);
            double max = 0;
            for (int i = 0; i < 3 * n; i++) {
                max = Math.max(max, Math.abs(s[i] - MODEL.mean()[i]));
            }
            assertTrue(max > 0.5 && max < 25, "mode " + m + " at +2σ moves a coordinate by at most " + max + " mm");
        }
        // the prior's per-coordinate standard deviation at a vertex is about sqrt(5² + 2²) mm, not more
        int nose = MODEL.landmarkVertices()[30];
        double var = 0;
        for (int m = 0; m < MODEL.shapeModes(); m++) {
            double b = MODEL.shapeBasis()[(3 * nose + 1) * MODEL.shapeModes() + m];
            var += b * b * MODEL.shapeVariances()[m];
        }
        assertTrue(Math.sqrt(var) > 3 && Math.sqrt(var) < 9, "y standard deviation at the nose tip " + Math.sqrt(var));
    }

    @Test
    void landmarkMapHas68DistinctValidVertices() {
        int[] lm = MODEL.landmarkVertices();
        assertEquals(68, lm.length);
        Set<Integer> distinct = new HashSet<>();
        for (int v : lm) {
            assertTrue(v >= 0 && v < MODEL.vertexCount());
            distinct.add(v);
        }
        assertEquals(68, distinct.size());
        assertEquals(61, lm[48]);
        assertEquals(291, lm[54]);
        // the template is mirror-symmetric: the iBUG mirror pairs map to mirrored vertices
        int[][] pairs = {{0, 16}, {4, 12}, {17, 26}, {21, 22}, {31, 35}, {36, 45}, {39, 42}, {48, 54}, {60, 64}};
        for (int[] p : pairs) {
            int a = lm[p[0]];
            int b = lm[p[1]];
            assertEquals(-MODEL.mean()[3 * a], MODEL.mean()[3 * b], 1e-4, "x of landmarks " + p[0] + "/" + p[1]);
            assertEquals(MODEL.mean()[3 * a + 1], MODEL.mean()[3 * b + 1], 1e-4, "y of landmarks " + p[0] + "/" + p[1]);
            assertTrue(MODEL.mean()[3 * a] < 0, "landmark " + p[0] + " on the image-left side");
        }
    }

    @Test
    void contoursFollowTheMeshOutlineFromTopToChin() {
        Map<Long, Integer> edgeUse = new HashMap<>();
        int[] t = MODEL.triangles();
        for (int k = 0; k < t.length; k += 3) {
            for (int e = 0; e < 3; e++) {
                edgeUse.merge(edgeKey(t[k + e], t[k + (e + 1) % 3]), 1, Integer::sum);
            }
        }
        int[][] contours = {MODEL.rightContour(), MODEL.leftContour()};
        for (int side = 0; side < 2; side++) {
            int[] c = contours[side];
            assertTrue(c.length >= 8);
            for (int k = 0; k < c.length; k++) {
                float x = MODEL.mean()[3 * c[k]];
                assertTrue(side == 0 ? x < 0 : x > 0, "contour " + side + " vertex " + c[k] + " on its side");
                if (k > 0) {
                    assertEquals(1, edgeUse.get(edgeKey(c[k - 1], c[k])), "boundary edge " + c[k - 1] + "-" + c[k]);
                    assertTrue(MODEL.mean()[3 * c[k] + 1] < MODEL.mean()[3 * c[k - 1] + 1], "ordered top to chin");
                }
            }
            Set<Integer> members = new HashSet<>();
            for (int v : c) {
                members.add(v);
            }
            for (int l = 0; l < 8; l++) {
                int landmark = side == 0 ? l : 16 - l;
                assertTrue(members.contains(MODEL.landmarkVertices()[landmark]), "jaw landmark " + landmark + " on its contour");
            }
        }
    }

    @Test
    void buildingTwiceGivesIdenticalModels() {
        long start = System.nanoTime();
        MorphableModel a = DefaultFaceModel.build();
        long elapsed = System.nanoTime() - start;
        MorphableModel b = DefaultFaceModel.build();
        assertArrayEquals(a.mean(), b.mean());
        assertArrayEquals(a.shapeBasis(), b.shapeBasis());
        assertArrayEquals(a.shapeVariances(), b.shapeVariances());
        assertArrayEquals(a.expressionBasis(), b.expressionBasis());
        assertArrayEquals(a.uv(), b.uv());
        assertArrayEquals(a.triangles(), b.triangles());
        assertArrayEquals(MODEL.shapeBasis(), a.shapeBasis());
        System.out.printf("DefaultFaceModel.build: %.0f ms%n", elapsed / 1e6);
    }

    static void assertOrthonormal(float[] basis, int rows, int cols, double tolerance) {
        for (int p = 0; p < cols; p++) {
            for (int q = p; q < cols; q++) {
                double dot = 0;
                for (int r = 0; r < rows; r++) {
                    dot += (double) basis[r * cols + p] * basis[r * cols + q];
                }
                assertEquals(p == q ? 1 : 0, dot, tolerance, "columns " + p + ", " + q);
            }
        }
    }

    private static long edgeKey(int a, int b) {
        return (long) Math.min(a, b) << 32 | Math.max(a, b);
    }
}
