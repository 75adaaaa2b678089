package org.densereg.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyRoundTripTest {

    @TempDir
    Path dir;

    @Test
    void floatsRoundTrip() throws Exception {
        Path p = dir.resolve("a.npy");
        float[] values = {1.5f, -2f, 3.25f, 0f, 7f, -1f};
        NpyWriter.writeFloats(p, new int[] {2, 3}, values);
        NpyArray a = NpyReader.read(p);
        assertArrayEquals(new int[] {2, 3}, a.shape());
        assertArrayEquals(values, a.toFloats());
        assertEquals("<f4", a.dtype());
        assertEquals(0, (Files.size(p) - 6 * 4) % 64, "header padded to 64 bytes");
    }

    @Test
    void intsAndDoublesRoundTrip() throws Exception {
        Path p = dir.resolve("i.npy");
        NpyWriter.writeInts(p, new int[] {3}, new int[] {4, -5, 6});
        assertArrayEquals(new int[] {4, -5, 6}, NpyReader.read(p).toInts());
        Path d = dir.resolve("d.npy");
        NpyWriter.writeDoubles(d, new int[] {1, 2}, new double[] {0.1, 1e-300});
        assertArrayEquals(new double[] {0.1, 1e-300}, NpyReader.read(d).data());
    }

    @Test
    void truncatedDataIsReported() throws Exception {
        Path p = dir.resolve("t.npy");
        NpyWriter.writeFloats(p, new int[] {4}, new float[] {1, 2, 3, 4});
        byte[] all = Files.readAllBytes(p);
        Path cut = dir.resolve("truncated.npy");
        Files.write(cut, java.util.Arrays.copyOf(all, all.length - 3));
        BadInputException e = assertThrows(BadInputException.class, () -> NpyReader.read(cut));
        assertTrue(e.getMessage().contains("truncated.npy: truncated data"), e.getMessage());
    }

    @Test
    void badMagicIsReported() throws Exception {
        Path p = dir.resolve("text.npy");
        Files.writeString(p, "hello world, not numpy");
        BadInputException e = assertThrows(BadInputException.class, () -> NpyReader.read(p));
        assertTrue(e.getMessage().contains("bad magic"), e.getMessage());
    }
}
