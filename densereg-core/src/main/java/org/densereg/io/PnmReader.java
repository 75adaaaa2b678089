package org.densereg.io;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads Netpbm images: PPM ({@code P3} plain, {@code P6} binary) and PGM ({@code P2} plain, {@code P5} binary),
 * maxval 1..65535 (two-byte samples big-endian, as the format specifies), {@code #} comments in the header.
 * Samples are rescaled to 8 bits ({@code round(s * 255 / maxval)}); grey becomes R = G = B.
 */
public final class PnmReader {

    private PnmReader() {
    }

    /** True when the bytes start like a PPM/PGM file this reader handles ({@code P2 P3 P5 P6}). */
    public static boolean looksLikePnm(byte[] head) {
        return head.length >= 2 && head[0] == 'P' && (head[1] == '2' || head[1] == '3' || head[1] == '5' || head[1] == '6');
    }

    /**
     * Reads a whole PPM/PGM file.
     *
     * @param file the file
     * @param maxPixels largest accepted width × height
     * @return the image as {@link BufferedImage#TYPE_INT_RGB}
     * @throws BadInputException for a missing, truncated or malformed file (names the field)
     */
    public static BufferedImage read(Path file, long maxPixels) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new BadInputException(file, "image file not found");
        }
        return parse(file, bytes, maxPixels);
    }

    /** Parses PPM/PGM bytes; {@code file} only names the source in messages. */
    public static BufferedImage parse(Path file, byte[] bytes, long maxPixels) {
        if (!looksLikePnm(bytes)) {
            throw new BadInputException(file, "not a PPM/PGM file: expected magic P2, P3, P5 or P6");
        }
        char kind = (char) bytes[1];
        Cursor c = new Cursor(file, bytes, 2);
        int width = c.headerInt("width");
        int height = c.headerInt("height");
        int maxval = c.headerInt("maxval");
        if (width <= 0 || height <= 0) {
            throw new BadInputException(file, "field 'width/height': expected positive sizes, found " + width + "x" + height);
        }
        if (maxval < 1 || maxval > 65535) {
            throw new BadInputException(file, "field 'maxval': expected 1..65535, found " + maxval);
        }
        if ((long) width * height > maxPixels) {
            throw new BadInputException(file, "image of " + width + "x" + height + " exceeds the limit of " + maxPixels + " pixels");
        }
        boolean colour = kind == '3' || kind == '6';
        boolean binary = kind == '5' || kind == '6';
        int channels = colour ? 3 : 1;
        long samples = (long) width * height * channels;
        int sampleBytes = maxval > 255 ? 2 : 1;
        if (binary) {
            // exactly one whitespace byte separates maxval from the raster
            int start = c.pos + 1;
            long need = samples * sampleBytes;
            if (c.pos >= bytes.length || start + need > bytes.length) {
                throw new BadInputException(file, "truncated raster: " + width + "x" + height + " needs " + need
                        + " bytes, file has " + Math.max(0, bytes.length - start));
            }
            c.pos = start;
        }
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] rgb = new int[width * height];
        int[] px = new int[3];
        for (int i = 0; i < rgb.length; i++) {
            for (int ch = 0; ch < channels; ch++) {
                int s;
                if (binary) {
                    s = sampleBytes == 1 ? bytes[c.pos++] & 0xff : ((bytes[c.pos++] & 0xff) << 8) | (bytes[c.pos++] & 0xff);
                } else {
                    s = c.rasterInt(i, width);
                }
                if (s > maxval) {
                    throw new BadInputException(file, "pixel (" + (i % width) + ", " + (i / width) + "): sample " + s
                            + " exceeds maxval " + maxval);
                }
                px[ch] = maxval == 255 ? s : (int) Math.round(s * 255.0 / maxval);
            }
            rgb[i] = colour ? (px[0] << 16) | (px[1] << 8) | px[2] : (px[0] << 16) | (px[0] << 8) | px[0];
        }
        img.setRGB(0, 0, width, height, rgb, 0, width);
        return img;
    }

    /** Position in the byte array with header/plain-raster tokenising. */
    private static final class Cursor {
        private final Path file;
        private final byte[] b;
        private int pos;

        Cursor(Path file, byte[] b, int pos) {
            this.file = file;
            this.b = b;
            this.pos = pos;
        }

        private void skipSpaceAndComments() {
            while (pos < b.length) {
                if (b[pos] == '#') {
                    while (pos < b.length && b[pos] != '\n' && b[pos] != '\r') {
                        pos++;
                    }
                } else if (Character.isWhitespace(b[pos])) {
                    pos++;
                } else {
                    return;
                }
            }
        }

        private String token() {
            skipSpaceAndComments();
            int start = pos;
            while (pos < b.length && !Character.isWhitespace(b[pos]) && b[pos] != '#') {
                pos++;
            }
            return start == pos ? null : new String(b, start, pos - start, java.nio.charset.StandardCharsets.ISO_8859_1);
        }

        int headerInt(String field) {
            String t = token();
            if (t == null) {
                throw new BadInputException(file, "truncated header: missing field '" + field + "'");
            }
            try {
                return Integer.parseInt(t);
            } catch (NumberFormatException e) {
                throw new BadInputException(file, "field '" + field + "': expected an integer, found \"" + t + "\"");
            }
        }

        int rasterInt(int pixel, int width) {
            String t = token();
            if (t == null) {
                throw new BadInputException(file, "truncated raster at pixel (" + (pixel % width) + ", " + (pixel / width) + ")");
            }
            try {
                return Integer.parseInt(t);
            } catch (NumberFormatException e) {
                throw new BadInputException(file, "pixel (" + (pixel % width) + ", " + (pixel / width)
                        + "): expected an integer sample, found \"" + t + "\"");
            }
        }
    }
}
