package org.densereg.model3d;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.densereg.io.BadInputException;
import org.densereg.io.NpyArray;
import org.densereg.io.NpyReader;
import org.densereg.io.TextFiles;

/**
 * Reads a model folder in the project's open format (layout in {@link OpenModelWriter}). The OBJ may use
 * {@code f a b c}, {@code f a/t b/t c/t} or {@code f a/t/n …}; texture indices must equal vertex indices (one
 * UV per vertex). An OBJ without {@code vt} lines gets a cylindrical unwrapping of its mean.
 */
public final class OpenModelReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OpenModelReader() {
    }

    /**
     * Reads a model folder.
     *
     * @param folder folder written by {@link OpenModelWriter#write} (or by hand in the same layout)
     * @return the model: mean [3N], bases [3N × M] / [3N × E] row-major, variances, triangles [3T] 0-based,
     *         uv [2N] v up, landmarks [68], contours
     * @throws BadInputException when a file is missing or malformed, or the files disagree on the sizes (names
     *                           the file and line or field)
     * @throws IOException       when a file cannot be read
     */
    public static MorphableModel read(Path folder) throws IOException {
        Path metaFile = folder.resolve(OpenModelWriter.METADATA);
        JsonNode meta = readJson(metaFile);
        String format = text(metaFile, meta, "format");
        if (!OpenModelWriter.FORMAT.equals(format)) {
            throw new BadInputException(metaFile, "field 'format': expected \"" + OpenModelWriter.FORMAT + "\", found \""
                    + format + "\"");
        }
        JsonNode version = meta.get("formatVersion");
        if (version == null || !version.isInt() || version.intValue() != OpenModelWriter.FORMAT_VERSION) {
            throw new BadInputException(metaFile, "field 'formatVersion': expected " + OpenModelWriter.FORMAT_VERSION
                    + ", found " + version);
        }
        String units = text(metaFile, meta, "units");
        if (!"mm".equals(units)) {
            throw new BadInputException(metaFile, "field 'units': expected \"mm\", found \"" + units + "\"");
        }
        String name = text(metaFile, meta, "name");

        Path objFile = folder.resolve(OpenModelWriter.MEAN);
        Obj obj = readObj(objFile);
        int n3 = obj.vertices.length;
        int n = n3 / 3;
        checkCount(metaFile, meta, "vertexCount", n, objFile);
        checkCount(metaFile, meta, "triangleCount", obj.triangles.length / 3, objFile);
        int[] landmarks = ints(metaFile, meta, "landmarkVertices", n, -1);
        if (landmarks.length != MorphableModel.LANDMARK_COUNT) {
            throw new BadInputException(metaFile, "field 'landmarkVertices': expected 68 entries, found " + landmarks.length);
        }
        int[] right = ints(metaFile, meta, "rightContour", n, 0);
        int[] left = ints(metaFile, meta, "leftContour", n, 0);

        Path sbFile = folder.resolve(OpenModelWriter.SHAPE_BASIS);
        Path svFile = folder.resolve(OpenModelWriter.SHAPE_VARIANCES);
        float[][] shape = basis(sbFile, svFile, n3);
        Path ebFile = folder.resolve(OpenModelWriter.EXPRESSION_BASIS);
        Path evFile = folder.resolve(OpenModelWriter.EXPRESSION_VARIANCES);
        float[][] expression = basis(ebFile, evFile, n3);
        float[] uv = obj.uv != null ? obj.uv : CylindricalUv.compute(obj.vertices, landmarks);
        return new MorphableModel(name, obj.vertices, shape[0], shape[1], expression[0], expression[1], obj.triangles,
                uv, landmarks, right, left);
    }

    private static float[][] basis(Path basisFile, Path variancesFile, int n3) throws IOException {
        NpyArray b = NpyReader.read(basisFile);
        NpyArray v = NpyReader.read(variancesFile);
        if (v.shape().length != 1) {
            throw new BadInputException(variancesFile, "field 'shape': expected 1-D [M], found " + Arrays.toString(v.shape()));
        }
        int m = v.shape()[0];
        if (b.shape().length != 2 || b.shape()[0] != n3 || b.shape()[1] != m) {
            throw new BadInputException(basisFile, "field 'shape': expected [" + n3 + ", " + m + "] (3N from mean.obj, M from "
                    + variancesFile.getFileName() + "), found " + Arrays.toString(b.shape()));
        }
        float[] basis = finite(basisFile, b);
        float[] variances = finite(variancesFile, v);
        for (int k = 0; k < m; k++) {
            if (variances[k] < 0) {
                throw new BadInputException(variancesFile, "element " + k + " is negative (" + variances[k] + ")");
            }
        }
        return new float[][] {basis, variances};
    }

    private static float[] finite(Path file, NpyArray a) {
        float[] out = a.toFloats();
        for (int i = 0; i < out.length; i++) {
            if (!Float.isFinite(out[i])) {
                throw new BadInputException(file, "element " + i + " (C order) is " + out[i] + ", expected a finite number");
            }
        }
        return out;
    }

    private record Obj(float[] vertices, float[] uv, int[] triangles) {
    }

    private static Obj readObj(Path file) throws IOException {
        FloatList v = new FloatList();
        FloatList vt = new FloatList();
        IntList f = new IntList();
        IntList ft = new IntList();
        try {
            int lineNo = 0;
            for (String line : TextFiles.readLines(file)) {
                lineNo++;
                String s = line.trim();
                if (s.isEmpty() || s.startsWith("#")) {
                    continue;
                }
                String[] p = s.split("\\s+");
                switch (p[0]) {
                    case "v" -> {
                        if (p.length != 4 && p.length != 7) {
                            throw new BadInputException(file, lineNo, "expected \"v x y z\", found \"" + s + "\"");
                        }
                        for (int k = 1; k <= 3; k++) {
                            v.add(number(file, lineNo, p[k]));
                        }
                    }
                    case "vt" -> {
                        if (p.length < 3 || p.length > 4) {
                            throw new BadInputException(file, lineNo, "expected \"vt u v\", found \"" + s + "\"");
                        }
                        vt.add(number(file, lineNo, p[1]));
                        vt.add(number(file, lineNo, p[2]));
                    }
                    case "f" -> {
                        if (p.length != 4) {
                            throw new BadInputException(file, lineNo, "expected a triangle \"f a b c\", found \"" + s + "\"");
                        }
                        for (int k = 1; k <= 3; k++) {
                            String[] idx = p[k].split("/", -1);
                            f.add(index(file, lineNo, idx[0]));
                            ft.add(idx.length > 1 && !idx[1].isEmpty() ? index(file, lineNo, idx[1]) : -1);
                        }
                    }
                    default -> {
                        // vn, g, o, s, usemtl, mtllib: not part of the model
                    }
                }
            }
        } catch (NoSuchFileException e) {
            throw new BadInputException(file, "file not found");
        }
        int n = v.size / 3;
        if (n == 0) {
            throw new BadInputException(file, "no vertices (\"v\" lines)");
        }
        int[] tri = f.toArray();
        for (int i = 0; i < tri.length; i++) {
            if (tri[i] < 1 || tri[i] > n) {
                throw new BadInputException(file, "face " + (i / 3 + 1) + ": vertex index " + tri[i] + " outside 1.." + n);
            }
            tri[i]--;
        }
        float[] uv = null;
        if (vt.size > 0) {
            if (vt.size != 2 * n) {
                throw new BadInputException(file, "expected one \"vt\" per vertex (" + n + "), found " + vt.size / 2);
            }
            int[] tIdx = ft.toArray();
            for (int i = 0; i < tIdx.length; i++) {
                if (tIdx[i] != -1 && tIdx[i] - 1 != tri[i]) {
                    throw new BadInputException(file, "face " + (i / 3 + 1) + ": texture index " + tIdx[i]
                            + " differs from vertex index " + (tri[i] + 1) + "; per-vertex UVs are required");
                }
            }
            uv = vt.toArray();
        }
        return new Obj(v.toArray(), uv, tri);
    }

    private static float number(Path file, int line, String s) {
        float x;
        try {
            x = Float.parseFloat(s);
        } catch (NumberFormatException e) {
            throw new BadInputException(file, line, "expected a number, found \"" + s + "\"");
        }
        if (!Float.isFinite(x)) {
            throw new BadInputException(file, line, "expected a finite number, found \"" + s + "\"");
        }
        return x;
    }

    private static int index(Path file, int line, String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new BadInputException(file, line, "expected a positive vertex index, found \"" + s + "\"");
        }
    }

    private static JsonNode readJson(Path file) throws IOException {
        try {
            JsonNode node = JSON.readTree(TextFiles.read(file));
            if (node == null || !node.isObject()) {
                throw new BadInputException(file, "expected a JSON object");
            }
            return node;
        } catch (NoSuchFileException e) {
            throw new BadInputException(file, "file not found");
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNr());
            throw new BadInputException(file, line, "not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static String text(Path file, JsonNode meta, String field) {
        JsonNode n = meta.get(field);
        if (n == null || !n.isTextual()) {
            throw new BadInputException(file, "field '" + field + "': expected a string");
        }
        return n.asText();
    }

    private static void checkCount(Path file, JsonNode meta, String field, int actual, Path objFile) {
        JsonNode c = meta.get(field);
        if (c != null && (!c.isInt() || c.intValue() != actual)) {
            throw new BadInputException(file, "field '" + field + "': " + c + " disagrees with " + objFile.getFileName()
                    + ", which has " + actual);
        }
    }

    private static int[] ints(Path file, JsonNode meta, String field, int vertexCount, int min) {
        JsonNode a = meta.get(field);
        if (a == null || !a.isArray()) {
            throw new BadInputException(file, "field '" + field + "': expected an array of vertex indices");
        }
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode e = a.get(i);
            if (!e.isInt() || e.intValue() < min || e.intValue() >= vertexCount) {
                throw new BadInputException(file, "field '" + field + "[" + i + "]': expected an integer in " + min + ".."
                        + (vertexCount - 1) + ", found " + e);
            }
            out[i] = e.intValue();
        }
        return out;
    }

    private static final class FloatList {
        private float[] data = new float[1024];
        private int size;

        void add(float x) {
            if (size == data.length) {
                data = Arrays.copyOf(data, size * 2);
            }
            data[size++] = x;
        }

        float[] toArray() {
            return Arrays.copyOf(data, size);
        }
    }

    private static final class IntList {
        private int[] data = new int[1024];
        private int size;

        void add(int x) {
            if (size == data.length) {
                data = Arrays.copyOf(data, size * 2);
            }
            data[size++] = x;
        }

        int[] toArray() {
            return Arrays.copyOf(data, size);
        }
    }
}
