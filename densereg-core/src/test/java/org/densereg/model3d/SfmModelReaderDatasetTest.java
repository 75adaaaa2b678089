package org.densereg.model3d;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import org.densereg.testing.SharedData;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("dataset")
class SfmModelReaderDatasetTest {

    @Test
    void readsTheRealSurreyFaceModel() throws Exception {
        Path folder = SharedData.require("models/sfm");
        MorphableModel m = SfmModelReader.readFolder(folder);
        assertEquals(3448, m.vertexCount());
        assertEquals(63, m.shapeModes());
        assertEquals(6736, m.triangleCount());
        assertEquals(50, Arrays.stream(m.landmarkVertices()).filter(v -> v >= 0).count());
        assertEquals(33, m.landmarkVertices()[8], "chin (iBUG 9)");
        assertEquals(114, m.landmarkVertices()[30], "nose tip (iBUG 31)");
        assertEquals(6, m.expressionModes());
        assertEquals(17, m.rightContour().length);
        assertEquals(380, m.rightContour()[0]);
        // orthonormal basis: unit columns, eigenvalues kept as variances (largest first)
        double[] norms = Bases.columnNorms(m.shapeBasis(), 3 * 3448, 63);
        for (double n : norms) {
            assertEquals(1.0, n, 1e-4);
        }
        assertEquals(56502.367f, m.shapeVariances()[0], 0.1f);
        // v up: the chin is below the brows in UV space as in 3D
        float[] uv = m.uv();
        int chin = m.landmarkVertices()[8];
        int brow = m.landmarkVertices()[19];
        assertTrue(uv[2 * chin + 1] < uv[2 * brow + 1], "chin v " + uv[2 * chin + 1] + " brow v " + uv[2 * brow + 1]);
        assertTrue(m.mean()[3 * chin + 1] < m.mean()[3 * brow + 1]);
        // the nose tip is the front-most landmark (face looks along +z), in mm
        float noseZ = m.mean()[3 * 114 + 2];
        for (int v : m.landmarkVertices()) {
            if (v >= 0) {
                assertTrue(m.mean()[3 * v + 2] <= noseZ, "vertex " + v);
            }
        }
        float width = m.mean()[3 * m.landmarkVertices()[45]] - m.mean()[3 * m.landmarkVertices()[36]];
        assertTrue(width > 70 && width < 120, "outer eye corner distance " + width + " mm");
    }
}
