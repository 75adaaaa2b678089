package org.densereg.trainingdata.face;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.densereg.data.Landmarks;
import org.densereg.data.face.AnnotationProblem;
import org.densereg.data.face.DatasetSplit;
import org.densereg.io.BadInputException;
import org.densereg.io.ImageIo;
import org.densereg.supervision.FaceSupervisionSample;
import org.densereg.supervision.FaceSupervisionWriter;
import org.densereg.supervision.SupervisionFileGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaceSupervisionFolderTest {

    @TempDir
    Path tmp;

    private static FaceSupervisionSample sample(String id, int size, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        int n = size * size;
        float[] u = new float[n];
        float[] v = new float[n];
        byte[] parts = new byte[n];
        for (int i = 0; i < n; i++) {
            img.setRGB(i % size, i / size, r.nextInt(1 << 24));
            boolean face = r.nextDouble() < 0.7;
            u[i] = face ? (float) r.nextDouble() : -1;
            v[i] = face ? (float) r.nextDouble() : -1;
            parts[i] = face ? (byte) (1 + r.nextInt(9)) : 0;
        }
        double[] xy = new double[136];
        for (int k = 0; k < xy.length; k++) {
            xy[k] = r.nextDouble() * (size - 1);
        }
        return new FaceSupervisionSample(id, img, u, v, parts, new Landmarks(xy), null, Map.of("nme", 0.01));
    }

    private Path folder(String name, int size, String... ids) throws IOException {
        Path dir = tmp.resolve(name);
        for (int i = 0; i < ids.length; i++) {
            FaceSupervisionWriter.write(dir, sample(ids[i], size, 31L * i + name.hashCode()));
        }
        return dir;
    }

    @Test
    void listsCompleteSamplesInFolderThenIdOrder() throws IOException {
        Path a = folder("a", 8, "zeta", "alpha", "mid");
        Path b = folder("b", 8, "beta", "alpha");
        Files.writeString(a.resolve("summary.json"), "{}");
        Files.writeString(a.resolve("failures.csv"), "id,reason\n");
        FaceSupervisionWriter.write(a, sample("broken", 8, 5));
        Files.delete(a.resolve("broken" + SupervisionFileGroup.PREVIEW_SUFFIX));
        FaceSupervisionFolder ds = FaceSupervisionFolder.open(List.of(a, b));
        assertEquals(5, ds.size());
        assertEquals(1, ds.incompleteCount());
        List<String> ids = IntStream.range(0, ds.size()).mapToObj(ds::id).toList();
        assertEquals(List.of("alpha", "mid", "zeta", "alpha", "beta"), ids);
        assertEquals(a, ds.folder(0));
        assertEquals(b, ds.folder(4));
        assertEquals(List.of(a, b), ds.folders());
        assertThrows(IndexOutOfBoundsException.class, () -> ds.id(5));
    }

    @Test
    void readsSamplesConcurrently() throws Exception {
        Path a = folder("c", 8, "s0", "s1", "s2", "s3");
        FaceSupervisionFolder ds = FaceSupervisionFolder.open(a);
        FaceSupervisionSample expected = sample("s2", 8, 31L * 2 + "c".hashCode());
        FaceSupervisionSample got = ds.read(2);
        assertEquals("s2", got.id());
        assertArrayEquals(expected.u(), got.u());
        assertArrayEquals(expected.parts(), got.parts());
        assertEquals(expected.landmarks(), got.landmarks());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<FaceSupervisionSample>> futures = new ArrayList<>();
            for (int k = 0; k < 16; k++) {
                int index = k % 4;
                futures.add(pool.submit(() -> ds.read(index)));
            }
            for (int k = 0; k < 16; k++) {
                FaceSupervisionSample s = futures.get(k).get();
                assertEquals("s" + (k % 4), s.id());
                assertArrayEquals(ds.read(k % 4).v(), s.v());
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void validDataHasNoProblems() throws IOException {
        FaceSupervisionFolder ds = FaceSupervisionFolder.open(List.of(folder("d", 8, "x", "y"),
                folder("e", 8, "z")));
        assertEquals(List.of(), ds.validate());
        assertArrayEquals(new int[] {8, 8}, ds.requireValid());
    }

    @Test
    void validationReportsEveryProblemAtOnce() throws IOException {
        Path dir = folder("f", 8, "good", "json", "npy", "parts");
        FaceSupervisionWriter.write(dir, sample("size", 12, 1));
        Files.writeString(dir.resolve("json.json"), "{\n  \"format\" : \"densereg-face-supervision\",\n  oops\n}");
        byte[] npy = Files.readAllBytes(dir.resolve("npy.uv.npy"));
        Files.write(dir.resolve("npy.uv.npy"), Arrays.copyOf(npy, npy.length - 100));
        ImageIo.writePng8Gray(new byte[8 * 4], 8, 4, dir.resolve("parts.parts.png"));

        FaceSupervisionFolder ds = FaceSupervisionFolder.open(dir);
        assertEquals(5, ds.size());
        List<AnnotationProblem> problems = ds.validate();
        assertEquals(4, problems.size(), problems.toString());
        assertEquals(dir.resolve("json.json"), problems.get(0).file());
        assertTrue(problems.get(0).message().contains(":3:"), problems.get(0).message());
        assertEquals(dir.resolve("npy.uv.npy"), problems.get(1).file());
        assertTrue(problems.get(1).message().contains("truncated"), problems.get(1).message());
        assertEquals(dir.resolve("parts.parts.png"), problems.get(2).file());
        assertTrue(problems.get(2).message().contains("8x4"), problems.get(2).message());
        assertEquals(dir.resolve("size.json"), problems.get(3).file());
        assertTrue(problems.get(3).message().contains("12x12 differs from 8x8"), problems.get(3).message());

        BadInputException e = assertThrows(BadInputException.class, ds::requireValid);
        assertEquals(dir.resolve("json.json"), e.file());
        assertTrue(e.getMessage().contains("4 problems"), e.getMessage());
        for (String file : List.of("json.json", "npy.uv.npy", "parts.parts.png", "size.json")) {
            assertTrue(e.getMessage().contains(file), e.getMessage());
        }
    }

    @Test
    void emptyOrMissingFoldersAreBadInput() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        FaceSupervisionFolder ds = FaceSupervisionFolder.open(empty);
        assertEquals(0, ds.size());
        assertEquals(1, ds.validate().size());
        assertThrows(BadInputException.class, ds::requireValid);
        assertThrows(BadInputException.class, () -> FaceSupervisionFolder.open(tmp.resolve("missing")));
    }

    @Test
    void splitIsDeterministicDisjointAndIndependentOfLocation() throws IOException {
        String[] ids = IntStream.range(0, 12).mapToObj(i -> "face" + i).toArray(String[]::new);
        Path a = folder("g", 4, ids);
        FaceSupervisionFolder ds = FaceSupervisionFolder.open(a);
        DatasetSplit s1 = ds.split(0.25, 7);
        DatasetSplit s2 = ds.split(0.25, 7);
        assertArrayEquals(s1.train(), s2.train());
        assertArrayEquals(s1.validation(), s2.validation());
        assertEquals(3, s1.validation().length);
        assertEquals(9, s1.train().length);
        int[] all = IntStream.concat(Arrays.stream(s1.train()), Arrays.stream(s1.validation())).sorted().toArray();
        assertArrayEquals(IntStream.range(0, 12).toArray(), all);
        boolean anyOther = false;
        for (long seed = 8; seed < 12; seed++) {
            anyOther |= !Arrays.equals(s1.validation(), ds.split(0.25, seed).validation());
        }
        assertTrue(anyOther, "other seeds give other splits");

        // the same samples elsewhere, with an extra one: the held-out ids are those of the same ranking
        Path moved = folder("h", 4, ids);
        FaceSupervisionWriter.write(moved, sample("face99", 4, 3));
        FaceSupervisionFolder other = FaceSupervisionFolder.open(moved);
        List<String> before = Arrays.stream(s1.validation()).mapToObj(ds::id).toList();
        List<String> again = Arrays.stream(FaceSupervisionFolder.open(tmp.resolve("h")).split(0.25, 7)
                .validation()).mapToObj(other::id).toList();
        assertEquals(3, again.size());
        assertTrue(again.containsAll(before) || again.contains("face99") && before.containsAll(
                again.stream().filter(x -> !x.equals("face99")).toList()), before + " vs " + again);
        assertEquals(0, ds.split(0, 7).validation().length);
        assertThrows(IllegalArgumentException.class, () -> ds.split(1, 7));
        assertNotEquals(0, ds.split(0.1, 7).validation().length);
    }
}
