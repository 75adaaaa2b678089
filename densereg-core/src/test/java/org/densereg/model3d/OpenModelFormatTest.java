package org.densereg.model3d;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.densereg.io.BadInputException;
import org.densereg.io.NpyWriter;
import org.densereg.testing.WindowsText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenModelFormatTest {

    @TempDir
    Path dir;

    /** A random model with awkward float values (fixed seed). */
    static MorphableModel randomModel(int n, int m, int e) {
        Random rnd = new Random(42);
        float[] mean = new float[3 * n];
        for (int i = 0; i < mean.length; i++) {
            mean[i] = (float) (rnd.nextGaussian() * 50);
        }
        mean[0] = 1e-7f;
        mean[1] = -123456.79f;
        float[] basis = new float[3 * n * m];
        for (int i = 0; i < basis.length; i++) {
            basis[i] = rnd.nextFloat() - 0.5f;
        }
        float[] variances = new float[m];
        for (int k = 0; k < m; k++) {
            variances[k] = rnd.nextFloat() * 1000;
        }
        float[] expr = new float[3 * n * e];
        for (int i = 0; i < expr.length; i++) {
            expr[i] = (float) rnd.nextGaussian();
        }
        float[] ev = new float[e];
        Arrays.fill(ev, 1f);
        int[] tri = new int[3 * (n - 2)];
        for (int t = 0; t < n - 2; t++) {
            tri[3 * t] = t;
            tri[3 * t + 1] = t + 1;
            tri[3 * t + 2] = t + 2;
        }
        float[] uv = new float[2 * n];
        for (int i = 0; i < uv.length; i++) {
            uv[i] = rnd.nextFloat();
        }
        int[] landmarks = new int[68];
        for (int k = 0; k < 68; k++) {
            landmarks[k] = k % 3 == 0 ? -1 : rnd.nextInt(n);
        }
        return new MorphableModel("random-test", mean, basis, variances, expr, ev, tri, uv, landmarks,
                new int[] {1, 2, 3}, new int[] {n - 1, n - 2});
    }

    @Test
    void roundTripIsExact() throws Exception {
        MorphableModel model = randomModel(40, 5, 3);
        Path folder = dir.resolve("model");
        OpenModelWriter.write(model, folder);
        MorphableModel back = OpenModelReader.read(folder);
        assertModelEquals(model, back);
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(6, files.count());
        }
    }

    @Test
    void roundTripWithoutExpressionsAndTheSfmFixture() throws Exception {
        Files.write(dir.resolve(SfmModelReader.SHAPE_FILE), SfmFixtures.shapeModel());
        Files.writeString(dir.resolve(SfmModelReader.MAPPING_FILE), SfmFixtures.MAPPING);
        Files.writeString(dir.resolve(SfmModelReader.CONTOURS_FILE), SfmFixtures.CONTOURS);
        MorphableModel sfm = SfmModelReader.readFolder(dir);
        Path folder = dir.resolve("out/sfm");
        OpenModelWriter.write(sfm, folder);
        assertModelEquals(sfm, OpenModelReader.read(folder));
    }

    @Test
    void overwritingReplacesTheFolderAndLeavesNoTemporaries() throws Exception {
        Path folder = dir.resolve("model");
        OpenModelWriter.write(randomModel(10, 2, 0), folder);
        Files.writeString(folder.resolve("stale.txt"), "from an older write");
        MorphableModel second = randomModel(12, 3, 1);
        OpenModelWriter.write(second, folder);
        assertModelEquals(second, OpenModelReader.read(folder));
        assertTrue(Files.notExists(folder.resolve("stale.txt")));
        try (Stream<Path> siblings = Files.list(dir)) {
            assertEquals(1, siblings.count(), "only the model folder remains");
        }
    }

    @Test
    void objWithoutTextureCoordinatesGetsCylindricalUvs() throws Exception {
        MorphableModel model = randomModel(10, 2, 0);
        Path folder = dir.resolve("model");
        OpenModelWriter.write(model, folder);
        Path obj = folder.resolve("mean.obj");
        String plain = Files.readString(obj).replaceAll("(?m)^vt .*\n", "").replaceAll("/(\\d+)", "");
        Files.writeString(obj, plain);
        MorphableModel back = OpenModelReader.read(folder);
        assertArrayEquals(model.triangles(), back.triangles());
        assertArrayEquals(CylindricalUv.compute(model.mean(), model.landmarkVertices()), back.uv());
    }

    @Test
    void inconsistentBasisShapeIsReported() throws Exception {
        Path folder = dir.resolve("model");
        OpenModelWriter.write(randomModel(10, 2, 0), folder);
        NpyWriter.writeFloats(folder.resolve("shape_basis.npy"), new int[] {30, 3}, new float[90]);
        BadInputException e = assertThrows(BadInputException.class, () -> OpenModelReader.read(folder));
        assertTrue(e.getMessage().contains("shape_basis.npy: field 'shape': expected [30, 2]"), e.getMessage());
    }

    @Test
    void badMetadataAndObjAreReported() throws Exception {
        Path folder = dir.resolve("model");
        OpenModelWriter.write(randomModel(10, 2, 0), folder);
        Path json = folder.resolve("model.json");
        String meta = Files.readString(json);
        Files.writeString(json, meta.replace("\"formatVersion\" : 1", "\"formatVersion\" : 9"));
        BadInputException e = assertThrows(BadInputException.class, () -> OpenModelReader.read(folder));
        assertTrue(e.getMessage().contains("model.json: field 'formatVersion': expected 1, found 9"), e.getMessage());
        Files.writeString(json, meta);
        Path obj = folder.resolve("mean.obj");
        String text = Files.readString(obj);
        Files.writeString(obj, text.replaceFirst("\nv \\S+", "\nv NaN"));
        e = assertThrows(BadInputException.class, () -> OpenModelReader.read(folder));
        assertTrue(e.getMessage().contains("mean.obj:2: expected a finite number, found \"NaN\""), e.getMessage());
        Files.writeString(obj, text + "v 1 2 3\nvt 0.5 0.5\n");
        e = assertThrows(BadInputException.class, () -> OpenModelReader.read(folder));
        assertTrue(e.getMessage().contains("model.json: field 'vertexCount': 10 disagrees with mean.obj, which has 11"),
                e.getMessage());
        Files.writeString(obj, text + "f 1 2 99\n");
        e = assertThrows(BadInputException.class, () -> OpenModelReader.read(folder));
        assertTrue(e.getMessage().contains("vertex index 99 outside 1..10"), e.getMessage());
    }

    static void assertModelEquals(MorphableModel a, MorphableModel b) {
        assertEquals(a.name(), b.name());
        assertArrayEquals(a.mean(), b.mean());
        assertArrayEquals(a.shapeBasis(), b.shapeBasis());
        assertArrayEquals(a.shapeVariances(), b.shapeVariances());
        assertArrayEquals(a.expressionBasis(), b.expressionBasis());
        assertArrayEquals(a.expressionVariances(), b.expressionVariances());
        assertArrayEquals(a.triangles(), b.triangles());
        assertArrayEquals(a.uv(), b.uv());
        assertArrayEquals(a.landmarkVertices(), b.landmarkVertices());
        assertArrayEquals(a.rightContour(), b.rightContour());
        assertArrayEquals(a.leftContour(), b.leftContour());
    }

    @Test
    void metadataAndObjSavedOnWindowsReadLikeThePlainOnes() throws Exception {
        MorphableModel model = randomModel(10, 2, 1);
        Path folder = dir.resolve("windows");
        OpenModelWriter.write(model, folder);
        for (String name : new String[] {OpenModelWriter.METADATA, OpenModelWriter.MEAN}) {
            Path file = folder.resolve(name);
            String text = Files.readString(file);
            assertTrue(text.indexOf('\r') < 0 && !text.isEmpty());
            WindowsText.write(file, text);
        }
        assertModelEquals(model, OpenModelReader.read(folder));
    }
}
