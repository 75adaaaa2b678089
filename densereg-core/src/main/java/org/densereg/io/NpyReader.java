package org.densereg.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads NumPy {@code .npy} files, format versions 1.0–3.0, C order, dtypes
 * {@code f4 f8 i1 u1 i2 u2 i4 u4 i8} in either byte order.
 */
public final class NpyReader {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private NpyReader() {
    }

    /**
     * Reads a whole {@code .npy} file.
     *
     * @throws BadInputException when the file is not a supported {@code .npy} array (names the field)
     */
    public static NpyArray read(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new BadInputException(file, "file not found");
        }
        return parse(file, bytes);
    }

    /** Parses the bytes of a {@code .npy} file; {@code file} only names it in error messages. */
    public static NpyArray parse(Path file, byte[] bytes) {
        if (bytes.length < 10) {
            throw new BadInputException(file, "truncated .npy file (" + bytes.length + " bytes)");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes[i] != MAGIC[i]) {
                throw new BadInputException(file, "not a .npy file (bad magic)");
            }
        }
        int major = bytes[6] & 0xff;
        ByteBuffer bb = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int headerLen;
        int headerStart;
        if (major == 1) {
            headerLen = bb.getShort(8) & 0xffff;
            headerStart = 10;
        } else if (major == 2 || major == 3) {
            headerLen = bb.getInt(8);
            headerStart = 12;
        } else {
            throw new BadInputException(file, "unsupported .npy version " + major);
        }
        if (headerStart + headerLen > bytes.length || headerLen < 0) {
            throw new BadInputException(file, "truncated .npy header");
        }
        String header = new String(bytes, headerStart, headerLen, StandardCharsets.ISO_8859_1);
        String descr = find(file, DESCR, header, "descr");
        if ("True".equals(find(file, FORTRAN, header, "fortran_order"))) {
            throw new BadInputException(file, "fortran_order arrays are not supported; save with C order");
        }
        String shapeText = find(file, SHAPE, header, "shape").trim();
        int[] shape;
        if (shapeText.isEmpty()) {
            shape = new int[0];
        } else {
            String[] parts = shapeText.split(",");
            int count = 0;
            for (String p : parts) {
                if (!p.isBlank()) {
                    count++;
                }
            }
            shape = new int[count];
            int k = 0;
            for (String p : parts) {
                if (!p.isBlank()) {
                    try {
                        shape[k++] = Integer.parseInt(p.trim());
                    } catch (NumberFormatException e) {
                        throw new BadInputException(file, "field 'shape': not an integer: " + p.trim());
                    }
                }
            }
        }
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        ByteOrder order = descr.startsWith(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        String type = descr.substring(1);
        int width = switch (type) {
            case "f4", "i4", "u4" -> 4;
            case "f8", "i8" -> 8;
            case "i2", "u2" -> 2;
            case "i1", "u1", "b1" -> 1;
            default -> throw new BadInputException(file, "field 'descr': unsupported dtype " + descr);
        };
        int dataStart = headerStart + headerLen;
        if (dataStart + n * width > bytes.length) {
            throw new BadInputException(file, "truncated data: shape needs " + n * width + " bytes, file has "
                    + (bytes.length - dataStart));
        }
        ByteBuffer data = ByteBuffer.wrap(bytes, dataStart, (int) (n * width)).slice().order(order);
        double[] values = new double[(int) n];
        for (int i = 0; i < n; i++) {
            values[i] = switch (type) {
                case "f4" -> data.getFloat(i * 4);
                case "f8" -> data.getDouble(i * 8);
                case "i4" -> data.getInt(i * 4);
                case "u4" -> data.getInt(i * 4) & 0xffffffffL;
                case "i8" -> data.getLong(i * 8);
                case "i2" -> data.getShort(i * 2);
                case "u2" -> data.getShort(i * 2) & 0xffff;
                case "i1" -> data.get(i);
                default -> data.get(i) & 0xff;
            };
        }
        return new NpyArray(shape, values, descr);
    }

    private static String find(Path file, Pattern p, String header, String field) {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw new BadInputException(file, "missing field '" + field + "' in .npy header");
        }
        return m.group(1);
    }
}
