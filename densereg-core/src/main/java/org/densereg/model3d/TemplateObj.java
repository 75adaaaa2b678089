package org.densereg.model3d;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * A triangle mesh read from the small Wavefront OBJ subset the bundled template uses: {@code v x y z},
 * {@code vt u v} and triangular {@code f a/b b/c ...} lines (1-based, position index first); other lines are
 * ignored.
 *
 * @param vertices  [3N] positions, interleaved x, y, z, in the file's units
 * @param texCoords [2N'] texture coordinates as written (N' = number of vt lines, may be 0)
 * @param triangles [3T] 0-based vertex indices
 */
record TemplateObj(float[] vertices, float[] texCoords, int[] triangles) {

    /**
     * Parses an OBJ stream.
     *
     * @param in     the stream (read fully, not closed)
     * @param source name used in error messages
     * @return the mesh
     * @throws IOException           when reading fails
     * @throws IllegalStateException on a malformed line, naming the source and the line
     */
    static TemplateObj parse(InputStream in, String source) throws IOException {
        FloatList v = new FloatList();
        FloatList vt = new FloatList();
        IntList f = new IntList();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int lineNo = 0;
        while ((line = reader.readLine()) != null) {
            lineNo++;
            String[] t = line.trim().split("\\s+");
            try {
                switch (t[0]) {
                    case "v" -> {
                        expect(t.length >= 4, "expected 'v x y z'");
                        for (int k = 1; k <= 3; k++) {
                            v.add(Float.parseFloat(t[k]));
                        }
                    }
                    case "vt" -> {
                        expect(t.length >= 3, "expected 'vt u v'");
                        vt.add(Float.parseFloat(t[1]));
                        vt.add(Float.parseFloat(t[2]));
                    }
                    case "f" -> {
                        expect(t.length == 4, "expected a triangle 'f a b c', found " + (t.length - 1) + " vertices");
                        for (int k = 1; k <= 3; k++) {
                            int slash = t[k].indexOf('/');
                            int index = Integer.parseInt(slash < 0 ? t[k] : t[k].substring(0, slash));
                            expect(index >= 1, "expected 1-based vertex indices, found " + index);
                            f.add(index - 1);
                        }
                    }
                    default -> {
                        // comments, groups, normals: not needed
                    }
                }
            } catch (NumberFormatException e) {
                throw new IllegalStateException(source + ":" + lineNo + ": expected numbers, found \"" + line + "\"", e);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(source + ":" + lineNo + ": " + e.getMessage(), e);
            }
        }
        int n = v.size / 3;
        for (int i = 0; i < f.size; i++) {
            if (f.data[i] >= n) {
                throw new IllegalStateException(source + ": face index " + (f.data[i] + 1) + " exceeds " + n + " vertices");
            }
        }
        return new TemplateObj(v.toArray(), vt.toArray(), f.toArray());
    }

    private static void expect(boolean ok, String what) {
        if (!ok) {
            throw new IllegalArgumentException(what);
        }
    }

    private static final class FloatList {
        float[] data = new float[1024];
        int size;

        void add(float x) {
            if (size == data.length) {
                data = java.util.Arrays.copyOf(data, 2 * size);
            }
            data[size++] = x;
        }

        float[] toArray() {
            return java.util.Arrays.copyOf(data, size);
        }
    }

    private static final class IntList {
        int[] data = new int[1024];
        int size;

        void add(int x) {
            if (size == data.length) {
                data = java.util.Arrays.copyOf(data, 2 * size);
            }
            data[size++] = x;
        }

        int[] toArray() {
            return java.util.Arrays.copyOf(data, size);
        }
    }
}
