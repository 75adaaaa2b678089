package org.densereg.model3d;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.densereg.io.BadInputException;
import org.densereg.testing.WindowsText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SfmModelReaderTest {

    @TempDir
    Path dir;

    private Path folder(byte[] shape, String mapping, String contours, byte[] blendshapes) throws Exception {
        Files.write(dir.resolve(SfmModelReader.SHAPE_FILE), shape);
        Files.writeString(dir.resolve(SfmModelReader.MAPPING_FILE), mapping);
        Files.writeString(dir.resolve(SfmModelReader.CONTOURS_FILE), contours);
        if (blendshapes != null) {
            Files.write(dir.resolve(SfmModelReader.BLENDSHAPES_FILE), blendshapes);
        }
        return dir;
    }

    private Path defaultFolder() throws Exception {
        return folder(SfmFixtures.shapeModel(), SfmFixtures.MAPPING, SfmFixtures.CONTOURS, null);
    }

    @Test
    void readsEveryFieldOfTheTinyModel() throws Exception {
        MorphableModel m = SfmModelReader.readFolder(defaultFolder());
        assertEquals("sfm_shape_3448", m.name());
        assertArrayEquals(SfmFixtures.MEAN, m.mean());
        assertEquals(2, m.shapeModes());
        // row-major [12 × 2]: entry (row, mode) at row * 2 + mode
        float r = (float) Math.sqrt(0.5);
        float[] expected = new float[24];
        expected[0] = 1f;
        expected[4 * 2 + 1] = r;
        expected[8 * 2 + 1] = r;
        assertArrayEquals(expected, m.shapeBasis());
        assertArrayEquals(new float[] {4f, 1f}, m.shapeVariances());
        assertArrayEquals(SfmFixtures.TRIANGLES, m.triangles());
        // v flipped to v up
        assertArrayEquals(new float[] {0.5f, 0.75f, 0f, 0.5f, 1f, 0.5f, 0.5f, 1f}, m.uv());
        int[] landmarks = new int[68];
        Arrays.fill(landmarks, -1);
        landmarks[8] = 3;
        landmarks[30] = 0;
        landmarks[36] = 1;
        landmarks[45] = 2;
        assertArrayEquals(landmarks, m.landmarkVertices());
        assertArrayEquals(new int[] {1, 3}, m.rightContour());
        assertArrayEquals(new int[] {2, 3}, m.leftContour());
        assertEquals(0, m.expressionModes());
        // one standard deviation of mode 0 moves vertex 0 by sqrt(4) = 2 mm along x
        assertEquals(2f, m.shape(new double[] {1, 0}, null)[0], 1e-6f);
    }

    @Test
    void blendshapesBecomeTheExpressionBasisWithUnitVariance() throws Exception {
        float[] d0 = new float[12];
        float[] d1 = new float[12];
        d0[1] = 3f;
        d1[11] = -2f;
        d1[0] = 0.5f;
        folder(SfmFixtures.shapeModel(), SfmFixtures.MAPPING, SfmFixtures.CONTOURS,
                SfmFixtures.blendshapes(new float[][] {d0, d1}, "anger", "surprise"));
        MorphableModel m = SfmModelReader.readFolder(dir);
        assertEquals(2, m.expressionModes());
        assertArrayEquals(new float[] {1f, 1f}, m.expressionVariances());
        assertEquals(3f, m.expressionBasis()[1 * 2]);
        assertEquals(-2f, m.expressionBasis()[11 * 2 + 1]);
        assertEquals(0.5f, m.expressionBasis()[1]);
        float[] s = m.shape(null, new double[] {1, 1});
        assertEquals(SfmFixtures.MEAN[1] + 3f, s[1], 1e-6f);
        assertEquals(SfmFixtures.MEAN[11] - 2f, s[11], 1e-6f);
    }

    @Test
    void nonUnitBasisColumnsAreNormalisedIntoTheVariance() throws Exception {
        float[] basis = SfmFixtures.BASIS_COLUMN_MAJOR.clone();
        basis[0] = 3f;
        byte[] bin = SfmFixtures.shapeModel(1, SfmFixtures.MEAN, basis, 2, SfmFixtures.EIGENVALUES,
                SfmFixtures.TRIANGLES, SfmFixtures.UV_V_DOWN);
        MorphableModel m = SfmModelReader.readFolder(folder(bin, SfmFixtures.MAPPING, SfmFixtures.CONTOURS, null));
        assertEquals(1f, m.shapeBasis()[0], 1e-6f);
        assertEquals(36f, m.shapeVariances()[0], 1e-4f);
        assertEquals(1f, m.shapeVariances()[1], 1e-6f);
        // same span and prior: one std-dev still moves vertex 0 by 3 · 2 = 6 mm
        assertEquals(6f, m.shape(new double[] {1, 0}, null)[0], 1e-5f);
    }

    @Test
    void fileWithoutUvsGetsCylindricalUvs() throws Exception {
        byte[] bin = SfmFixtures.shapeModel(1, SfmFixtures.MEAN, SfmFixtures.BASIS_COLUMN_MAJOR, 2,
                SfmFixtures.EIGENVALUES, SfmFixtures.TRIANGLES, new double[0]);
        MorphableModel m = SfmModelReader.readFolder(folder(bin, SfmFixtures.MAPPING, SfmFixtures.CONTOURS, null));
        assertArrayEquals(CylindricalUv.compute(SfmFixtures.MEAN, m.landmarkVertices()), m.uv());
    }

    @Test
    void truncatedFileNamesTheFieldBeingRead() throws Exception {
        byte[] all = SfmFixtures.shapeModel();
        assertEquals(340, all.length, "fixture layout size");
        Object[][] cuts = {
            {3, "'version'"}, {40, "'shape_model.mean'"}, {100, "'shape_model.basis'"},
            {176, "'shape_model.eigenvalues'"}, {200, "'shape_model.triangles'"}, {250, "'color_model."},
            {300, "'texture_coordinates'"}, {339, "'texture_coordinates'"}};
        for (Object[] cut : cuts) {
            int length = (Integer) cut[0];
            Path file = dir.resolve("truncated_at_" + length + ".bin");
            Files.write(file, Arrays.copyOf(all, length));
            BadInputException e = assertThrows(BadInputException.class, () -> SfmModelReader.read(file,
                    writeText("m.txt", SfmFixtures.MAPPING), writeText("c.json", SfmFixtures.CONTOURS), null));
            assertTrue(e.getMessage().startsWith(file + ": field " + cut[1]), e.getMessage());
            assertTrue(e.getMessage().contains("truncated"), e.getMessage());
            assertEquals(file, e.file());
        }
    }

    @Test
    void wrongVersionIsReported() throws Exception {
        byte[] bin = SfmFixtures.shapeModel(2, SfmFixtures.MEAN, SfmFixtures.BASIS_COLUMN_MAJOR, 2,
                SfmFixtures.EIGENVALUES, SfmFixtures.TRIANGLES, SfmFixtures.UV_V_DOWN);
        folder(bin, SfmFixtures.MAPPING, SfmFixtures.CONTOURS, null);
        BadInputException e = assertThrows(BadInputException.class, () -> SfmModelReader.readFolder(dir));
        assertTrue(e.getMessage().contains("field 'version' at byte offset 0: expected cereal MorphableModel version 1, found 2"),
                e.getMessage());
    }

    @Test
    void countThatDoesNotFitTheFileIsReportedBeforeAllocating() throws Exception {
        byte[] bin = SfmFixtures.shapeModel();
        ByteBuffer.wrap(bin).order(ByteOrder.LITTLE_ENDIAN).putLong(180, 1_000_000_000_000L);
        folder(bin, SfmFixtures.MAPPING, SfmFixtures.CONTOURS, null);
        BadInputException e = assertThrows(BadInputException.class, () -> SfmModelReader.readFolder(dir));
        assertTrue(e.getMessage().contains("field 'shape_model.triangles' at byte offset 180: count 1000000000000 × 12 bytes"
                + " does not fit in the 152 bytes left"), e.getMessage());
    }

    @Test
    void basisRowsDisagreeingWithTheMeanAreReported() throws Exception {
        byte[] bin = SfmFixtures.shapeModel();
        ByteBuffer.wrap(bin).order(ByteOrder.LITTLE_ENDIAN).putInt(60, 9);
        folder(bin, SfmFixtures.MAPPING, SfmFixtures.CONTOURS, null);
        BadInputException e = assertThrows(BadInputException.class, () -> SfmModelReader.readFolder(dir));
        assertTrue(e.getMessage().contains("field 'shape_model.basis' at byte offset 60: expected 12 rows, found 9"),
                e.getMessage());
    }

    @Test
    void nanInTheMeanNamesItsOffset() throws Exception {
        float[] mean = SfmFixtures.MEAN.clone();
        mean[5] = Float.NaN;
        byte[] bin = SfmFixtures.shapeModel(1, mean, SfmFixtures.BASIS_COLUMN_MAJOR, 2, SfmFixtures.EIGENVALUES,
                SfmFixtures.TRIANGLES, SfmFixtures.UV_V_DOWN);
        folder(bin, SfmFixtures.MAPPING, SfmFixtures.CONTOURS, null);
        BadInputException e = assertThrows(BadInputException.class, () -> SfmModelReader.readFolder(dir));
        assertTrue(e.getMessage().contains("field 'shape_model.mean' at byte offset 32: element 5 is NaN"), e.getMessage());
    }

    @Test
    void triangleIndexOutsideTheMeshIsReported() throws Exception {
        int[] tri = SfmFixtures.TRIANGLES.clone();
        tri[4] = 4;
        byte[] bin = SfmFixtures.shapeModel(1, SfmFixtures.MEAN, SfmFixtures.BASIS_COLUMN_MAJOR, 2,
                SfmFixtures.EIGENVALUES, tri, SfmFixtures.UV_V_DOWN);
        folder(bin, SfmFixtures.MAPPING, SfmFixtures.CONTOURS, null);
        BadInputException e = assertThrows(BadInputException.class, () -> SfmModelReader.readFolder(dir));
        assertTrue(e.getMessage().contains("field 'shape_model.triangles' at byte offset 204: triangle 1 has vertex index 4"),
                e.getMessage());
    }

    @Test
    void trailingBytesAreReported() throws Exception {
        byte[] bin = Arrays.copyOf(SfmFixtures.shapeModel(), 344);
        folder(bin, SfmFixtures.MAPPING, SfmFixtures.CONTOURS, null);
        BadInputException e = assertThrows(BadInputException.class, () -> SfmModelReader.readFolder(dir));
        assertTrue(e.getMessage().contains("at byte offset 340: 4 unexpected bytes after the last field"), e.getMessage());
    }

    @Test
    void badMappingLineNamesTheLine() throws Exception {
        String mapping = SfmFixtures.MAPPING.replace("37 = 1", "37 = one");
        folder(SfmFixtures.shapeModel(), mapping, SfmFixtures.CONTOURS, null);
        BadInputException e = assertThrows(BadInputException.class, () -> SfmModelReader.readFolder(dir));
        assertTrue(e.getMessage().endsWith(SfmModelReader.MAPPING_FILE + ":6: expected \"ibug = vertex\" (two non-negative "
                + "integers) in [landmark_mappings], found \"37 = one\""), e.getMessage());
    }

    @Test
    void mappingToAMissingVertexOrLandmarkIsReported() throws Exception {
        folder(SfmFixtures.shapeModel(), SfmFixtures.MAPPING.replace("46 = 2", "46 = 4"), SfmFixtures.CONTOURS, null);
        BadInputException e = assertThrows(BadInputException.class, () -> SfmModelReader.readFolder(dir));
        assertTrue(e.getMessage().endsWith(":7: vertex 4 outside the model's 0..3"), e.getMessage());
        folder(SfmFixtures.shapeModel(), SfmFixtures.MAPPING.replace("46 = 2", "69 = 2"), SfmFixtures.CONTOURS, null);
        e = assertThrows(BadInputException.class, () -> SfmModelReader.readFolder(dir));
        assertTrue(e.getMessage().endsWith(":7: iBUG landmark number 69 outside 1..68"), e.getMessage());
    }

    @Test
    void badContoursAreReported() throws Exception {
        folder(SfmFixtures.shapeModel(), SfmFixtures.MAPPING, SfmFixtures.CONTOURS.replace("[2, 3]", "[2, 7]"), null);
        BadInputException e = assertThrows(BadInputException.class, () -> SfmModelReader.readFolder(dir));
        assertTrue(e.getMessage().contains("field 'model_contour.left_contour[1]': expected a vertex index in 0..3, found 7"),
                e.getMessage());
        folder(SfmFixtures.shapeModel(), SfmFixtures.MAPPING, "{\"model_contour\": {", null);
        e = assertThrows(BadInputException.class, () -> SfmModelReader.readFolder(dir));
        assertTrue(e.getMessage().contains(SfmModelReader.CONTOURS_FILE + ":1: not valid JSON"), e.getMessage());
    }

    @Test
    void truncatedBlendshapesAreReported() throws Exception {
        float[] d0 = new float[12];
        byte[] blend = SfmFixtures.blendshapes(new float[][] {d0}, "anger");
        folder(SfmFixtures.shapeModel(), SfmFixtures.MAPPING, SfmFixtures.CONTOURS, Arrays.copyOf(blend, blend.length - 1));
        BadInputException e = assertThrows(BadInputException.class, () -> SfmModelReader.readFolder(dir));
        assertTrue(e.getMessage().contains(SfmModelReader.BLENDSHAPES_FILE + ": field 'blendshapes[0].deformation'"),
                e.getMessage());
    }

    @Test
    void missingFileIsBadInput() throws Exception {
        Files.writeString(dir.resolve(SfmModelReader.MAPPING_FILE), SfmFixtures.MAPPING);
        BadInputException e = assertThrows(BadInputException.class, () -> SfmModelReader.readFolder(dir));
        assertTrue(e.getMessage().endsWith(SfmModelReader.SHAPE_FILE + ": file not found"), e.getMessage());
    }

    private Path writeText(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void mappingAndContoursSavedOnWindowsReadLikeThePlainOnes() throws Exception {
        MorphableModel plain = SfmModelReader.readFolder(defaultFolder());
        WindowsText.write(dir.resolve(SfmModelReader.MAPPING_FILE), SfmFixtures.MAPPING);
        WindowsText.write(dir.resolve(SfmModelReader.CONTOURS_FILE), SfmFixtures.CONTOURS);
        MorphableModel windows = SfmModelReader.readFolder(dir);
        assertArrayEquals(plain.landmarkVertices(), windows.landmarkVertices());
        assertArrayEquals(plain.rightContour(), windows.rightContour());
        assertArrayEquals(plain.leftContour(), windows.leftContour());
        assertEquals(3, windows.landmarkVertices()[8]);
    }
}
