package org.densereg.model3d;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.densereg.io.BadInputException;
import org.densereg.testing.WindowsText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.types.MatFile;
import us.hebi.matlab.mat.types.MatlabType;
import us.hebi.matlab.mat.types.Matrix;

class BfmModelReaderTest {

    @TempDir
    Path dir;

    /** The SFM fixture tetrahedron in micrometres, as BFM 2009 stores it. */
    private Path writeMat(String name, boolean trianglesAsRows, boolean withTl, float nanAt) throws Exception {
        MatFile mat = Mat5.newMatFile();
        Matrix mu = Mat5.newMatrix(12, 1, MatlabType.Single);
        for (int i = 0; i < 12; i++) {
            mu.setFloat(i, SfmFixtures.MEAN[i] * 1000f);
        }
        if (nanAt >= 0) {
            mu.setFloat((int) nanAt, Float.NaN);
        }
        Matrix pc = Mat5.newMatrix(12, 2, MatlabType.Single);
        for (int c = 0; c < 2; c++) {
            for (int r = 0; r < 12; r++) {
                pc.setFloat(r, c, SfmFixtures.BASIS_COLUMN_MAJOR[c * 12 + r]);
            }
        }
        Matrix ev = Mat5.newMatrix(2, 1, MatlabType.Single);
        ev.setFloat(0, 3000f); // 3 mm standard deviation
        ev.setFloat(1, 500f);
        int t = SfmFixtures.TRIANGLES.length / 3;
        Matrix tl = trianglesAsRows ? Mat5.newMatrix(t, 3, MatlabType.Int32) : Mat5.newMatrix(3, t, MatlabType.Int32);
        for (int i = 0; i < t; i++) {
            for (int j = 0; j < 3; j++) {
                int oneBased = SfmFixtures.TRIANGLES[3 * i + j] + 1;
                if (trianglesAsRows) {
                    tl.setInt(i, j, oneBased);
                } else {
                    tl.setInt(j, i, oneBased);
                }
            }
        }
        mat.addArray("shapeMU", mu).addArray("shapePC", pc).addArray("shapeEV", ev);
        if (withTl) {
            mat.addArray("tl", tl);
        }
        mat.addArray("texMU", Mat5.newMatrix(12, 1));
        Path file = dir.resolve(name);
        Mat5.writeToFile(mat, file.toFile());
        return file;
    }

    @Test
    void readsShapeConvertsUnitsAndStandardDeviations() throws Exception {
        Path mat = writeMat("01_MorphableModel.mat", false, true, -1);
        MorphableModel m = BfmModelReader.read(mat, null);
        assertEquals("01_MorphableModel", m.name());
        assertArrayEquals(SfmFixtures.MEAN, m.mean(), 1e-4f);
        assertArrayEquals(new float[] {9f, 0.25f}, m.shapeVariances(), 1e-5f);
        assertEquals(1f, m.shapeBasis()[0]);
        assertEquals((float) Math.sqrt(0.5), m.shapeBasis()[4 * 2 + 1], 1e-7f);
        assertArrayEquals(SfmFixtures.TRIANGLES, m.triangles());
        assertEquals(68, Arrays.stream(m.landmarkVertices()).filter(v -> v == -1).count());
        assertEquals(0, m.expressionModes());
        // BFM has no UVs: the cylindrical unwrapping of the (mm) mean
        assertArrayEquals(CylindricalUv.compute(m.mean(), m.landmarkVertices()), m.uv());
    }

    @Test
    void acceptsTrianglesAsRowsAndALandmarkMap() throws Exception {
        Path mat = writeMat("rows.mat", true, true, -1);
        StringBuilder map = new StringBuilder("# landmark map: 68 lines, 0-based vertex or -1\n");
        for (int k = 0; k < 68; k++) {
            map.append(k == 30 ? "0" : k == 8 ? "3  # chin" : "-1").append('\n');
            if (k == 10) {
                map.append('\n');
            }
        }
        Path mapFile = dir.resolve("bfm_landmarks.txt");
        Files.writeString(mapFile, map);
        MorphableModel m = BfmModelReader.read(mat, mapFile);
        assertArrayEquals(SfmFixtures.TRIANGLES, m.triangles());
        assertEquals(0, m.landmarkVertices()[30]);
        assertEquals(3, m.landmarkVertices()[8]);
        assertEquals(-1, m.landmarkVertices()[0]);
    }

    @Test
    void badLandmarkMapNamesTheLine() throws Exception {
        Path mat = writeMat("m.mat", false, true, -1);
        Path mapFile = dir.resolve("short_map.txt");
        Files.writeString(mapFile, "0\n1\nx\n");
        BadInputException e = assertThrows(BadInputException.class, () -> BfmModelReader.read(mat, mapFile));
        assertTrue(e.getMessage().endsWith("short_map.txt:3: expected a vertex index or -1, found \"x\""), e.getMessage());
        Files.writeString(mapFile, "0\n1\n");
        e = assertThrows(BadInputException.class, () -> BfmModelReader.read(mat, mapFile));
        assertTrue(e.getMessage().endsWith("short_map.txt:2: expected 68 landmark lines, found 2"), e.getMessage());
    }

    @Test
    void missingVariableIsNamed() throws Exception {
        Path mat = writeMat("no_tl.mat", false, false, -1);
        BadInputException e = assertThrows(BadInputException.class, () -> BfmModelReader.read(mat, null));
        assertTrue(e.getMessage().startsWith(mat + ": missing variable 'tl'"), e.getMessage());
    }

    @Test
    void nanIsNamed() throws Exception {
        Path mat = writeMat("nan.mat", false, true, 7);
        BadInputException e = assertThrows(BadInputException.class, () -> BfmModelReader.read(mat, null));
        assertTrue(e.getMessage().contains("variable 'shapeMU': element 7 (0-based, column-major) is NaN"), e.getMessage());
    }

    @Test
    void truncatedOrForeignFilesAreBadInput() throws Exception {
        byte[] all = Files.readAllBytes(writeMat("m.mat", false, true, -1));
        for (int cut : new int[] {50, 200, all.length - 20}) {
            Path file = dir.resolve("truncated_" + cut + ".mat");
            Files.write(file, Arrays.copyOf(all, cut));
            BadInputException e = assertThrows(BadInputException.class, () -> BfmModelReader.read(file, null));
            assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
            assertTrue(e.getMessage().contains("truncated") || e.getMessage().contains("missing variable"), e.getMessage());
        }
        Path hdf5 = dir.resolve("v73.mat");
        byte[] header = new byte[512];
        byte[] text = "MATLAB 7.3 MAT-file, Platform: GLNXA64".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, header, 0, text.length);
        Files.write(hdf5, header);
        BadInputException e = assertThrows(BadInputException.class, () -> BfmModelReader.read(hdf5, null));
        assertTrue(e.getMessage().contains("MAT v7.3 (HDF5) files are not supported"), e.getMessage());
    }

    @Test
    void landmarkMapSavedOnWindowsReadsLikeThePlainOne() throws Exception {
        StringBuilder map = new StringBuilder("# landmark map\n");
        for (int k = 0; k < 68; k++) {
            map.append(k == 30 ? "0" : k == 8 ? "3  # chin" : "-1").append('\n');
        }
        int[] plain = BfmModelReader.readLandmarkMap(WindowsText.writePlain(dir.resolve("plain.txt"), map.toString()), 4);
        assertEquals(3, plain[8]);
        assertArrayEquals(plain, BfmModelReader.readLandmarkMap(WindowsText.write(dir.resolve("bom_crlf.txt"),
                map.toString()), 4));
    }
}
