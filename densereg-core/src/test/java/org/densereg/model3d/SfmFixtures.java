package org.densereg.model3d;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Writes tiny Surrey Face Model files in the exact eos cereal binary layout, for tests. */
final class SfmFixtures {

    /** 4-vertex tetrahedron, coordinates in mm. */
    static final float[] MEAN = {0, 0, 10, -10, 0, 0, 10, 0, 0, 0, 20, 0};
    static final int N3 = 12;
    static final int M = 2;
    /** Column-major [12 × 2]: column 0 = x of vertex 0, column 1 = (y of vertex 1 + z of vertex 2) / √2. */
    static final float[] BASIS_COLUMN_MAJOR = new float[N3 * M];
    static final float[] EIGENVALUES = {4f, 1f};
    static final int[] TRIANGLES = {0, 1, 2, 0, 2, 3, 0, 3, 1, 1, 3, 2};
    /** (u, v) per vertex with v growing downwards, as in the file. */
    static final double[] UV_V_DOWN = {0.5, 0.25, 0.0, 0.5, 1.0, 0.5, 0.5, 0.0};

    static {
        BASIS_COLUMN_MAJOR[0] = 1f;
        float r = (float) Math.sqrt(0.5);
        BASIS_COLUMN_MAJOR[N3 + 4] = r;
        BASIS_COLUMN_MAJOR[N3 + 8] = r;
    }

    private SfmFixtures() {
    }

    /** The shape model file with the fixture's values. */
    static byte[] shapeModel() {
        return shapeModel(1, MEAN, BASIS_COLUMN_MAJOR, M, EIGENVALUES, TRIANGLES, UV_V_DOWN);
    }

    static byte[] shapeModel(int version, float[] mean, float[] basisColumnMajor, int m, float[] eigenvalues,
            int[] triangles, double[] uv) {
        Out out = new Out();
        out.u32(version);
        out.matrix(mean, mean.length, 1);
        out.matrix(basisColumnMajor, mean.length, m);
        out.matrix(eigenvalues, eigenvalues.length, 1);
        out.u64(triangles.length / 3);
        for (int t : triangles) {
            out.i32(t);
        }
        // empty colour model, sizes exactly as in the public sfm_shape_3448.bin
        out.matrix(new float[0], 0, 1);
        out.matrix(new float[0], 0, 0);
        out.matrix(new float[0], 0, 1);
        out.u64(0);
        out.u64(uv.length / 2);
        for (double d : uv) {
            out.f64(d);
        }
        return out.bytes();
    }

    /** Two blendshapes over the 4 vertices. */
    static byte[] blendshapes(float[][] deformations, String... names) {
        Out out = new Out();
        out.u64(deformations.length);
        for (int k = 0; k < deformations.length; k++) {
            byte[] name = names[k].getBytes(StandardCharsets.UTF_8);
            out.u64(name.length);
            out.raw(name);
            out.matrix(deformations[k], deformations[k].length, 1);
        }
        return out.bytes();
    }

    static final String MAPPING = """
            # a comment line
            [landmark_mappings]
                        # 1 to 8 are the right contour landmarks
             9 =    3  # chin bottom
            "31" = "0" # nose tip, quoted form
            37 = 1
            46 = 2

            [contour_landmarks]
            right = [ 1,
                      2
                    ]
            """;

    static final String CONTOURS = """
            {
                "model_contour": {
                    "right_contour": [1, 3],
                    "left_contour": [2, 3]
                }
            }
            """;

    static final class Out {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        private void put(ByteBuffer b) {
            bytes.write(b.array(), 0, b.position());
        }

        private static ByteBuffer buf(int n) {
            return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
        }

        void u32(int v) {
            put(buf(4).putInt(v));
        }

        void i32(int v) {
            put(buf(4).putInt(v));
        }

        void u64(long v) {
            put(buf(8).putLong(v));
        }

        void f64(double v) {
            put(buf(8).putDouble(v));
        }

        void raw(byte[] b) {
            bytes.write(b, 0, b.length);
        }

        void matrix(float[] columnMajor, int rows, int cols) {
            i32(rows);
            i32(cols);
            ByteBuffer b = buf(4 * columnMajor.length);
            for (float f : columnMajor) {
                b.putFloat(f);
            }
            put(b);
        }

        byte[] bytes() {
            return bytes.toByteArray();
        }
    }
}
