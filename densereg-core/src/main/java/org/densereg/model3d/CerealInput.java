package org.densereg.model3d;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.densereg.io.BadInputException;

/**
 * Sequential little-endian reader over a cereal portable-binary file held in memory. Every read names the
 * field it reads, so that a truncated or inconsistent file is reported as
 * {@code file: field 'x' at byte offset n: what was wrong}.
 */
final class CerealInput {

    private final Path file;
    private final ByteBuffer buf;

    private CerealInput(Path file, byte[] bytes) {
        this.file = file;
        this.buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Reads the whole file; a missing file is bad input. */
    static CerealInput open(Path file) throws IOException {
        try {
            return new CerealInput(file, Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new BadInputException(file, "file not found");
        }
    }

    Path file() {
        return file;
    }

    int offset() {
        return buf.position();
    }

    long remaining() {
        return buf.remaining();
    }

    BadInputException error(String field, long offset, String what) {
        return new BadInputException(file, "field '" + field + "' at byte offset " + offset + ": " + what);
    }

    private void need(String field, long bytes) {
        if (bytes > buf.remaining()) {
            throw error(field, buf.position(), "truncated file: needs " + bytes + " bytes, only "
                    + buf.remaining() + " left");
        }
    }

    /** A uint32 (read as a non-negative long). */
    long u32(String field) {
        need(field, 4);
        return buf.getInt() & 0xffffffffL;
    }

    /** An int32. */
    int i32(String field) {
        need(field, 4);
        return buf.getInt();
    }

    /**
     * A uint64 element count followed by {@code count × elementBytes} bytes; checks that they fit in the
     * rest of the file before anything is allocated.
     */
    int count(String field, long elementBytes) {
        int at = buf.position();
        need(field, 8);
        long count = buf.getLong();
        checkFits(field, at, count, elementBytes);
        return (int) count;
    }

    /** Checks that {@code count} elements of {@code elementBytes} each fit in the rest of the file. */
    void checkFits(String field, long at, long count, long elementBytes) {
        if (count < 0 || count > Integer.MAX_VALUE
                || (elementBytes > 0 && count > buf.remaining() / elementBytes)) {
            throw error(field, at, "count " + Long.toUnsignedString(count) + " × " + elementBytes
                    + " bytes does not fit in the " + buf.remaining() + " bytes left (truncated or corrupt file)");
        }
    }

    /** {@code n} float32 values, each required to be finite. */
    float[] finiteFloats(String field, int n) {
        need(field, 4L * n);
        int start = buf.position();
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = buf.getFloat();
            if (!Float.isFinite(out[i])) {
                throw error(field, start + 4L * i, "element " + i + " is " + out[i] + ", expected a finite number");
            }
        }
        return out;
    }

    /** {@code n} float64 values, each required to be finite. */
    double[] finiteDoubles(String field, int n) {
        need(field, 8L * n);
        int start = buf.position();
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = buf.getDouble();
            if (!Double.isFinite(out[i])) {
                throw error(field, start + 8L * i, "element " + i + " is " + out[i] + ", expected a finite number");
            }
        }
        return out;
    }

    /** {@code n} int32 values. */
    int[] ints(String field, int n) {
        need(field, 4L * n);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = buf.getInt();
        }
        return out;
    }

    /** A cereal {@code std::string}: uint64 length + UTF-8 bytes. */
    String string(String field) {
        int n = count(field, 1);
        byte[] bytes = new byte[n];
        buf.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Skips {@code n} bytes (already checked to fit). */
    void skip(String field, long n) {
        need(field, n);
        buf.position((int) (buf.position() + n));
    }

    /** Fails unless the whole file has been consumed. */
    void expectEnd(String after) {
        if (buf.hasRemaining()) {
            throw error(after, buf.position(), buf.remaining() + " unexpected bytes after the last field");
        }
    }

    /**
     * An eos-serialised Eigen float matrix: int32 rows, int32 cols, then rows × cols float32 in column-major
     * order. Checks the dimensions against the rest of the file before reading.
     *
     * @return [rows × cols] values, column-major as stored
     */
    float[] matrix(String field, int expectRows, int expectCols) {
        int at = buf.position();
        int rows = i32(field + ".rows");
        int cols = i32(field + ".cols");
        if (rows < 0 || cols < 0) {
            throw error(field, at, "negative dimensions " + rows + " × " + cols);
        }
        if (expectRows >= 0 && rows != expectRows) {
            throw error(field, at, "expected " + expectRows + " rows, found " + rows);
        }
        if (expectCols >= 0 && cols != expectCols) {
            throw error(field, at, "expected " + expectCols + " columns, found " + cols);
        }
        checkFits(field, at, (long) rows * cols, 4);
        lastRows = rows;
        lastCols = cols;
        return finiteFloats(field, rows * cols);
    }

    private int lastRows;
    private int lastCols;

    /** Rows of the last matrix read by {@link #matrix}. */
    int lastRows() {
        return lastRows;
    }

    /** Columns of the last matrix read by {@link #matrix}. */
    int lastCols() {
        return lastCols;
    }
}
