package org.densereg.testing;

import java.io.IOException;
import java.nio.file.Path;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.types.Array;
import us.hebi.matlab.mat.types.MatFile;
import us.hebi.matlab.mat.types.Matrix;

/** Writes small MAT v5 fixtures for tests. */
public final class MatFixtures {

    private MatFixtures() {
    }

    /** A double matrix of the given MATLAB dimensions filled from {@code columnMajor}. */
    public static Matrix matrix(int[] dims, double[] columnMajor) {
        Matrix m = Mat5.newMatrix(dims);
        for (int i = 0; i < columnMajor.length; i++) {
            m.setDouble(i, columnMajor[i]);
        }
        return m;
    }

    /** Writes the named arrays (name, array, name, array, …) to {@code file}. */
    public static Path write(Path file, Object... nameArrayPairs) throws IOException {
        MatFile mat = Mat5.newMatFile();
        for (int i = 0; i < nameArrayPairs.length; i += 2) {
            mat.addArray((String) nameArrayPairs[i], (Array) nameArrayPairs[i + 1]);
        }
        Mat5.writeToFile(mat, file.toFile());
        return file;
    }

    /** Optional reference predictions folder: {@code $DENSEREG_REFERENCE_PREDICTIONS}, or null. */
    public static Path referencePredictionsOrNull() {
        String env = System.getenv("DENSEREG_REFERENCE_PREDICTIONS");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        Path root = SharedData.rootOrNull();
        return root == null ? null : root.resolve("reference-predictions");
    }
}
