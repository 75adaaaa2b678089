package org.densereg.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Writes NumPy {@code .npy} files (version 1.0, C order, little-endian), atomically. */
public final class NpyWriter {

    private NpyWriter() {
    }

    /** Writes float32 ({@code <f4}) values of the given shape. */
    public static void writeFloats(Path file, int[] shape, float[] values) throws IOException {
        checkSize(shape, values.length);
        ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            buf.putFloat(v);
        }
        write(file, "<f4", shape, buf.array());
    }

    /** Writes float64 ({@code <f8}) values of the given shape. */
    public static void writeDoubles(Path file, int[] shape, double[] values) throws IOException {
        checkSize(shape, values.length);
        ByteBuffer buf = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            buf.putDouble(v);
        }
        write(file, "<f8", shape, buf.array());
    }

    /** Writes int32 ({@code <i4}) values of the given shape. */
    public static void writeInts(Path file, int[] shape, int[] values) throws IOException {
        checkSize(shape, values.length);
        ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            buf.putInt(v);
        }
        write(file, "<i4", shape, buf.array());
    }

    /** The complete bytes of a version-1.0 {@code .npy} file. */
    public static byte[] encode(String descr, int[] shape, byte[] data) {
        StringBuilder dims = new StringBuilder();
        for (int d : shape) {
            dims.append(d).append(", ");
        }
        String shapeText = shape.length == 1 ? shape[0] + "," : shape.length == 0 ? ""
                : dims.substring(0, dims.length() - 2);
        StringBuilder header = new StringBuilder("{'descr': '" + descr + "', 'fortran_order': False, 'shape': ("
                + shapeText + "), }");
        // magic (6) + version (2) + length (2) + header + '\n' must be a multiple of 64
        while ((10 + header.length() + 1) % 64 != 0) {
            header.append(' ');
        }
        header.append('\n');
        byte[] h = header.toString().getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer out = ByteBuffer.allocate(10 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        out.putShort((short) h.length);
        out.put(h);
        out.put(data);
        return out.array();
    }

    private static void write(Path file, String descr, int[] shape, byte[] data) throws IOException {
        AtomicFiles.writeBytes(file, encode(descr, shape, data));
    }

    private static void checkSize(int[] shape, int length) {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        if (n != length) {
            throw new IllegalArgumentException("shape needs " + n + " values, got " + length);
        }
    }
}
