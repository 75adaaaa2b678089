package org.densereg.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.densereg.testing.MatFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import us.hebi.matlab.mat.types.MatFile;

class MatArraysTest {

    @TempDir
    Path dir;

    private static final double[] VALUES = {1, 2, 3, 4, 5, 6};

    /**
     * A minimal uncompressed MAT v5 file written byte by byte: 128-byte header, one miMATRIX element holding a
     * 2x3 double array named {@code a} (column-major {@link #VALUES}).
     */
    static byte[] handMadeMat() {
        ByteBuffer b = ByteBuffer.allocate(128 + 8 + 16 + 16 + 16 + 8 + 48).order(ByteOrder.LITTLE_ENDIAN);
        byte[] text = Arrays.copyOf("MATLAB 5.0 MAT-file, hand-made test fixture".getBytes(StandardCharsets.US_ASCII), 116);
        Arrays.fill(text, 43, 116, (byte) ' ');
        b.put(text).put(new byte[8]);             // text, subsystem offset
        b.putShort((short) 0x0100).put((byte) 'I').put((byte) 'M');
        b.putInt(14).putInt(16 + 16 + 16 + 8 + 48); // miMATRIX, size of its content
        b.putInt(6).putInt(8).putInt(6).putInt(0);  // array flags: miUINT32, 8 bytes, class mxDOUBLE_CLASS
        b.putInt(5).putInt(8).putInt(2).putInt(3);  // dimensions: miINT32, 8 bytes, 2 x 3
        b.putInt(1).putInt(1).put((byte) 'a').put(new byte[7]); // name: miINT8, 1 byte, padded to 8
        b.putInt(9).putInt(48);                     // real part: miDOUBLE, 48 bytes
        for (double v : VALUES) {
            b.putDouble(v);
        }
        return b.array();
    }

    @Test
    void handMadeFileReads() throws Exception {
        Path file = Files.write(dir.resolve("a.mat"), handMadeMat());
        MatArrays.Numeric a = MatArrays.numeric(file, MatArrays.open(file), "a");
        assertArrayEquals(new int[] {2, 3}, a.dims());
        assertArrayEquals(VALUES, a.data());
    }

    @Test
    void truncatedHandMadeFileIsBadInputNamingTheFile() throws Exception {
        byte[] whole = handMadeMat();
        Path file = Files.write(dir.resolve("cut_in_data.mat"), Arrays.copyOf(whole, whole.length - 20));
        BadInputException e = assertThrows(BadInputException.class, () -> MatArrays.open(file));
        assertEquals(file, e.file());
        assertTrue(e.getMessage().startsWith(file + ": truncated MAT file"), e.getMessage());
    }

    @Test
    void truncatedCompressedFileIsBadInputNamingTheFile() throws Exception {
        double[] data = new double[3 * 14 * 200];
        for (int i = 0; i < data.length; i++) {
            data[i] = i % 97;
        }
        Path whole = MatFixtures.write(dir.resolve("whole.mat"), "joints", MatFixtures.matrix(new int[] {3, 14, 200}, data));
        MatFile ok = MatArrays.open(whole);
        assertArrayEquals(data, MatArrays.numeric(whole, ok, "joints").data());
        byte[] bytes = Files.readAllBytes(whole);
        for (int keep : new int[] {128 + 20, 128 + 60, bytes.length / 2, bytes.length - 1}) {
            Path cut = Files.write(dir.resolve("joints_cut_" + keep + ".mat"), Arrays.copyOf(bytes, keep));
            BadInputException e = assertThrows(BadInputException.class, () -> MatArrays.open(cut), "cut at " + keep);
            assertEquals(cut, e.file());
            assertTrue(e.getMessage().contains(cut.getFileName().toString()), e.getMessage());
            assertTrue(e.getMessage().contains("truncated MAT file") || e.getMessage().contains("corrupt MAT v5 file"),
                    e.getMessage());
        }
    }

    @Test
    void headerOnlyFileIsBadInput() throws Exception {
        Path file = Files.write(dir.resolve("header_only.mat"), Arrays.copyOf(handMadeMat(), 100));
        BadInputException e = assertThrows(BadInputException.class, () -> MatArrays.open(file));
        assertEquals(file, e.file());
    }
}
