package org.densereg.io;

import java.io.EOFException;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.types.Array;
import us.hebi.matlab.mat.types.Char;
import us.hebi.matlab.mat.types.MatFile;
import us.hebi.matlab.mat.types.Matrix;
import us.hebi.matlab.mat.types.Source;
import us.hebi.matlab.mat.types.Sources;

/**
 * Reads MATLAB {@code .mat} v5 files through MFL ({@code us.hebi.matlab.mat:mfl-core}) and turns numeric
 * variables into plain column-major {@code double} arrays. MAT v7.3 (HDF5) files are recognised and
 * rejected with a message that says how to re-save them ({@code save -v7}).
 */
public final class MatArrays {

    private MatArrays() {
    }

    /**
     * A numeric MATLAB array copied into Java.
     *
     * @param name the variable or field name (for messages)
     * @param dims MATLAB dimensions, e.g. {@code [3, 14, 2000]}
     * @param data values in MATLAB's column-major order, length = product of {@code dims}
     */
    public record Numeric(String name, int[] dims, double[] data) {
        /** Copies the arrays. */
        public Numeric {
            dims = dims.clone();
            data = data.clone();
        }

        /** The dimensions (a copy). */
        @Override
        public int[] dims() {
            return dims.clone();
        }

        /** The values (a copy), column-major. */
        @Override
        public double[] data() {
            return data.clone();
        }

        /** Size of dimension {@code d} (1 beyond the stored dimensions, as in MATLAB). */
        public int dim(int d) {
            return d < dims.length ? dims[d] : 1;
        }

        /** The element at the given 0-based subscripts (column-major, trailing subscripts default to 0). */
        public double get(int... subscripts) {
            int index = 0;
            int stride = 1;
            for (int d = 0; d < subscripts.length; d++) {
                index += subscripts[d] * stride;
                stride *= dim(d);
            }
            return data[index];
        }

        /** The dimensions with trailing singleton dimensions removed (at least two kept), e.g. "16x2x2958". */
        public String shape() {
            int n = dims.length;
            while (n > 2 && dims[n - 1] == 1) {
                n--;
            }
            StringBuilder sb = new StringBuilder();
            for (int d = 0; d < n; d++) {
                sb.append(d == 0 ? "" : "x").append(dims[d]);
            }
            return sb.toString();
        }
    }

    /**
     * Opens a MAT v5 file.
     *
     * @throws BadInputException when the file is missing, is MAT v7.3 (HDF5), is not a MAT file, or is truncated
     *                           or corrupt (the message names the file and what was wrong)
     * @throws IOException on a read error
     */
    public static MatFile open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(file, "file not found");
        }
        byte[] head = new byte[128];
        try (var in = Files.newInputStream(file)) {
            int n = in.readNBytes(head, 0, head.length);
            String text = new String(head, 0, Math.max(0, n), java.nio.charset.StandardCharsets.ISO_8859_1);
            if (text.startsWith("MATLAB 7.3")) {
                throw new BadInputException(file, "MAT v7.3 (HDF5) files are not supported; re-save with save(..., '-v7')");
            }
            if (n < 128 || !text.startsWith("MATLAB 5.0")) {
                throw new BadInputException(file, "not a MATLAB v5 .mat file (header does not start with \"MATLAB 5.0\")");
            }
        }
        Source source = Sources.openFile(file.toFile());
        try (source) {
            return Mat5.newReader(source).readMat();
        } catch (IOException | IllegalArgumentException | IllegalStateException | ClassCastException
                | IndexOutOfBoundsException | BufferUnderflowException | NegativeArraySizeException e) {
            // the file opened and its header was read above, so a failure inside the parser is malformed
            // content (MFL wraps an early end of file and its format checks in plain IOExceptions)
            throw new BadInputException(file, describe(e, Files.size(file)), e);
        }
    }

    /** What a parse failure means, for a message: a truncated file, or the parser's own words. */
    static String describe(Throwable e, long size) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof EOFException || t instanceof BufferUnderflowException) {
                return "truncated MAT file: its " + size + " bytes end inside a variable; expected the rest of its data";
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
        return "corrupt MAT v5 file: " + message;
    }

    /** The names of the variables in the file, in file order. */
    public static List<String> variableNames(MatFile mat) {
        List<String> names = new ArrayList<>();
        for (MatFile.Entry e : mat.getEntries()) {
            names.add(e.getName());
        }
        return names;
    }

    /**
     * A numeric variable as a {@link Numeric}.
     *
     * @throws BadInputException naming the file and variable when it is absent or not numeric
     */
    public static Numeric numeric(Path file, MatFile mat, String name) {
        if (!variableNames(mat).contains(name)) {
            throw new BadInputException(file, "variable '" + name + "' not found; the file has " + variableNames(mat));
        }
        return numeric(file, name, mat.getArray(name));
    }

    /**
     * Copies a numeric array (any MATLAB numeric or logical class).
     *
     * @throws BadInputException naming the file and {@code what} when the array is not numeric or complex
     */
    public static Numeric numeric(Path file, String what, Array array) {
        if (!(array instanceof Matrix m)) {
            throw new BadInputException(file, "'" + what + "': expected a numeric array, found " + array.getType());
        }
        if (m.isComplex()) {
            throw new BadInputException(file, "'" + what + "': expected real numbers, found a complex array");
        }
        int n = m.getNumElements();
        double[] data = new double[n];
        for (int i = 0; i < n; i++) {
            data[i] = m.getDouble(i);
        }
        return new Numeric(what, m.getDimensions(), data);
    }

    /** The text of a char array (rows concatenated), or null when {@code array} is not a char array. */
    public static String text(Array array) {
        return array instanceof Char c ? c.getString().trim() : null;
    }

    /** True when {@code dims} equals {@code expected} after dropping trailing singleton dimensions. */
    public static boolean hasShape(Numeric a, int... expected) {
        int[] dims = a.dims;
        int n = dims.length;
        while (n > expected.length && dims[n - 1] == 1) {
            n--;
        }
        return n == expected.length && Arrays.equals(Arrays.copyOf(dims, n), expected);
    }
}
