package org.densereg.model3d;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.BufferUnderflowException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.densereg.io.BadInputException;
import org.densereg.io.TextFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.format.Mat5File;
import us.hebi.matlab.mat.types.Array;
import us.hebi.matlab.mat.types.MatFile;
import us.hebi.matlab.mat.types.Matrix;

/**
 * Reads the Basel Face Model 2009 ({@code 01_MorphableModel.mat}, MAT v5) shape model.
 *
 * <p>Variables used: {@code shapeMU} [3N × 1] mean (x, y, z interleaved per vertex), {@code shapePC} [3N × M]
 * principal components (orthonormal columns), {@code shapeEV} [M × 1] standard deviations of the components
 * (squared here into variances), {@code tl} triangle list, 1-based vertex indices, [T × 3] or [3 × T]. The
 * texture variables are ignored. BFM 2009 stores micrometres; every length is converted to millimetres
 * (÷ 1000, variances ÷ 10⁶). Columns that are not unit length are normalised with their squared norm folded
 * into the variance. The file has no texture coordinates, so the per-vertex UVs are a cylindrical unwrapping of
 * the mean shape.
 *
 * <p>Landmark map file (optional): a UTF-8 text file with exactly 68 non-comment lines, line k (k = 1..68,
 * comments starting with {@code #} and blank lines skipped) holding the 0-based vertex index of 0-based iBUG
 * landmark k − 1, or {@code -1} when that landmark has no vertex. Without it, every landmark is unmapped (-1).
 */
public final class BfmModelReader {

    private static final Logger LOG = LoggerFactory.getLogger(BfmModelReader.class);
    /** BFM 2009 lengths are micrometres; the model container uses millimetres. */
    private static final double MICROMETRES_PER_MM = 1000.0;

    private BfmModelReader() {
    }

    /**
     * Reads a BFM 2009 shape model.
     *
     * @param mat               {@code 01_MorphableModel.mat}
     * @param landmarkMapOrNull 68-line landmark map (see class doc), or null for none
     * @return the model named after the file stem: mean [3N] mm, basis [3N × M] row-major unit columns, variances
     *         [M] mm², no expressions, triangles [3T] 0-based, cylindrical uv [2N] v up, landmarks [68]
     * @throws BadInputException when a file is missing, not a MAT v5 file, lacks a variable or has inconsistent
     *                           sizes or non-finite values (names the file and variable)
     * @throws IOException       when a file cannot be read
     */
    public static MorphableModel read(Path mat, Path landmarkMapOrNull) throws IOException {
        if (!Files.isRegularFile(mat)) {
            throw new BadInputException(mat, "file not found");
        }
        checkNotHdf5(mat);
        Mat5File file;
        try {
            file = Mat5.readFromFile(mat.toFile());
        } catch (EOFException | BufferUnderflowException | IndexOutOfBoundsException e) {
            throw new BadInputException(mat, "truncated MAT file", e);
        } catch (IOException e) {
            // the header was readable above, so a failure inside the parser is malformed content
            throw new BadInputException(mat, (causedByEof(e) ? "truncated MAT file" : "not a readable MAT v5 file: "
                    + e.getMessage()), e);
        } catch (IllegalArgumentException | IllegalStateException | UnsupportedOperationException e) {
            throw new BadInputException(mat, "not a readable MAT v5 file: " + e.getMessage(), e);
        }
        try (file) {
            Matrix mu = matrix(mat, file, "shapeMU");
            Matrix pc = matrix(mat, file, "shapePC");
            Matrix ev = matrix(mat, file, "shapeEV");
            Matrix tl = matrix(mat, file, "tl");

            int n3 = mu.getNumElements();
            if (n3 == 0 || n3 % 3 != 0 || Math.min(mu.getNumRows(), mu.getNumCols()) != 1) {
                throw new BadInputException(mat, "variable 'shapeMU': expected a vector of 3N values, found "
                        + dims(mu));
            }
            int n = n3 / 3;
            if (pc.getNumRows() != n3) {
                throw new BadInputException(mat, "variable 'shapePC': expected " + n3 + " rows (3N), found " + dims(pc));
            }
            int m = pc.getNumCols();
            if (ev.getNumElements() != m || Math.min(ev.getNumRows(), ev.getNumCols()) > 1) {
                throw new BadInputException(mat, "variable 'shapeEV': expected " + m + " values (one per column of "
                        + "shapePC), found " + dims(ev));
            }
            float[] mean = new float[n3];
            for (int i = 0; i < n3; i++) {
                mean[i] = (float) (finite(mat, "shapeMU", i, mu.getDouble(i)) / MICROMETRES_PER_MM);
            }
            float[] basis = new float[n3 * m];
            for (int c = 0; c < m; c++) {
                for (int r = 0; r < n3; r++) {
                    basis[r * m + c] = (float) finite(mat, "shapePC", c * n3 + r, pc.getDouble(r, c));
                }
            }
            float[] variances = new float[m];
            for (int k = 0; k < m; k++) {
                double sd = finite(mat, "shapeEV", k, ev.getDouble(k)) / MICROMETRES_PER_MM;
                if (sd < 0) {
                    throw new BadInputException(mat, "variable 'shapeEV': element " + k + " is negative (" + sd
                            + "); expected standard deviations");
                }
                variances[k] = (float) (sd * sd);
            }
            double[] norms = Bases.columnNorms(basis, n3, m);
            int zero = Bases.firstZero(norms);
            if (zero >= 0) {
                throw new BadInputException(mat, "variable 'shapePC': column " + zero + " is zero");
            }
            double deviation = Bases.normalise(basis, n3, m, variances, norms);
            if (deviation > 1e-4) {
                LOG.warn("{}: shapePC columns were not unit length (max |norm - 1| = {}); normalised them", mat,
                        deviation);
            }
            int[] triangles = triangles(mat, tl, n);
            int[] landmarks = landmarkMapOrNull == null ? unmapped() : readLandmarkMap(landmarkMapOrNull, n);
            float[] uv = CylindricalUv.compute(mean, landmarks);
            String name = mat.getFileName().toString().replaceFirst("\\.mat$", "");
            LOG.debug("read {}: {} vertices, {} modes, {} triangles", mat, n, m, triangles.length / 3);
            return new MorphableModel(name, mean, basis, variances, new float[0], new float[0], triangles, uv,
                    landmarks, new int[0], new int[0]);
        }
    }

    /**
     * Reads a 68-line landmark map (format in the class doc).
     *
     * @param file        the text file
     * @param vertexCount number of model vertices, to validate indices
     * @return [68] 0-based vertex per 0-based iBUG landmark, -1 where unmapped
     * @throws BadInputException naming the file and line when a line is not an integer in -1..N−1 or the count
     *                           is not 68
     * @throws IOException       when the file cannot be read
     */
    public static int[] readLandmarkMap(Path file, int vertexCount) throws IOException {
        List<String> lines;
        try {
            lines = TextFiles.readLines(file);
        } catch (NoSuchFileException e) {
            throw new BadInputException(file, "file not found");
        }
        int[] map = new int[MorphableModel.LANDMARK_COUNT];
        int k = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int hash = line.indexOf('#');
            String text = (hash >= 0 ? line.substring(0, hash) : line).trim();
            if (text.isEmpty()) {
                continue;
            }
            if (k == map.length) {
                throw new BadInputException(file, i + 1, "more than 68 landmark lines");
            }
            int v;
            try {
                v = Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw new BadInputException(file, i + 1, "expected a vertex index or -1, found \"" + text + "\"");
            }
            if (v < -1 || v >= vertexCount) {
                throw new BadInputException(file, i + 1, "vertex " + v + " outside -1.." + (vertexCount - 1));
            }
            map[k++] = v;
        }
        if (k != map.length) {
            throw new BadInputException(file, lines.size(), "expected 68 landmark lines, found " + k);
        }
        return map;
    }

    private static int[] unmapped() {
        int[] map = new int[MorphableModel.LANDMARK_COUNT];
        Arrays.fill(map, -1);
        return map;
    }

    private static int[] triangles(Path mat, Matrix tl, int n) {
        int rows = tl.getNumRows();
        int cols = tl.getNumCols();
        boolean tByThree = cols == 3;
        if (!tByThree && rows != 3) {
            throw new BadInputException(mat, "variable 'tl': expected T × 3 or 3 × T, found " + dims(tl));
        }
        int t = tByThree ? rows : cols;
        int[] out = new int[3 * t];
        for (int i = 0; i < t; i++) {
            for (int j = 0; j < 3; j++) {
                double oneBased = tByThree ? tl.getDouble(i, j) : tl.getDouble(j, i);
                if (oneBased != Math.rint(oneBased) || oneBased < 1 || oneBased > n) {
                    throw new BadInputException(mat, "variable 'tl': triangle " + (i + 1) + " has vertex " + oneBased
                            + ", expected an integer in 1.." + n + " (1-based)");
                }
                out[3 * i + j] = (int) oneBased - 1;
            }
        }
        return out;
    }

    private static double finite(Path mat, String variable, int index, double value) {
        if (!Double.isFinite(value)) {
            throw new BadInputException(mat, "variable '" + variable + "': element " + index + " (0-based, column-major) is "
                    + value + ", expected a finite number");
        }
        return value;
    }

    private static Matrix matrix(Path mat, MatFile file, String name) {
        for (MatFile.Entry entry : file.getEntries()) {
            if (entry.getName().equals(name)) {
                Array value = entry.getValue();
                if (!(value instanceof Matrix matrix) || matrix.isComplex() || matrix.getNumDimensions() != 2) {
                    throw new BadInputException(mat, "variable '" + name + "': expected a real 2-D numeric matrix, found "
                            + value.getType() + " " + dims(value));
                }
                return matrix;
            }
        }
        throw new BadInputException(mat, "missing variable '" + name + "' (expected a BFM 2009 01_MorphableModel.mat)");
    }

    private static String dims(Array a) {
        int[] d = a.getDimensions();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < d.length; i++) {
            sb.append(i == 0 ? "" : " × ").append(d[i]);
        }
        return sb.toString();
    }

    private static boolean causedByEof(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof EOFException) {
                return true;
            }
        }
        return false;
    }

    private static void checkNotHdf5(Path mat) throws IOException {
        byte[] head = new byte[128];
        int read;
        try (InputStream in = Files.newInputStream(mat)) {
            read = in.readNBytes(head, 0, head.length);
        }
        String text = new String(head, 0, Math.min(read, 116), StandardCharsets.ISO_8859_1);
        if (read < 128) {
            throw new BadInputException(mat, "truncated MAT file: " + read + " bytes, a MAT v5 header alone has 128");
        }
        if (text.startsWith("MATLAB 7.3")) {
            throw new BadInputException(mat, "MAT v7.3 (HDF5) files are not supported; save with -v7 or read BFM 2017 "
                    + "with an HDF5 reader");
        }
        if (!text.startsWith("MATLAB 5.0")) {
            throw new BadInputException(mat, "not a MAT v5 file (header does not start with \"MATLAB 5.0\")");
        }
    }
}
