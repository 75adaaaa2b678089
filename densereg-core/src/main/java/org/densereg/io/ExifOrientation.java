package org.densereg.io;

import java.awt.image.BufferedImage;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The EXIF Orientation tag (0x0112) of a JPEG file and the transform it asks for. Cameras store the sensor's
 * pixels and record how to turn them upright in this tag; viewers (and this project's {@link ImageIo#read}) apply
 * it, so a portrait photo taken with a rotated camera is upright before a face is cropped from it.
 *
 * <p>The tag is read from the first {@code APP1 "Exif\0\0"} segment before the image data: a TIFF header (byte
 * order {@code II} or {@code MM}, the number 42, the offset of IFD0) and IFD0's entries, of which only
 * Orientation (type SHORT, count 1) is used. Values (EXIF 2.3, TIFF 6.0), as the transform that makes the
 * stored image upright: 1 none, 2 mirror left-right, 3 rotate 180°, 4 mirror top-bottom, 5 transpose (mirror
 * about the main diagonal), 6 rotate 90° clockwise, 7 transverse (mirror about the anti-diagonal), 8 rotate 90°
 * counter-clockwise. A missing, malformed or out-of-range tag counts as 1 (the image is used as stored).
 */
public final class ExifOrientation {

    /** The value that asks for no transform. */
    public static final int NORMAL = 1;

    private static final int ORIENTATION_TAG = 0x0112;

    private ExifOrientation() {
    }

    /**
     * The Orientation of a JPEG file.
     *
     * @param file a file; anything that is not a JPEG with an EXIF Orientation tag gives {@link #NORMAL}
     * @return 1..8
     * @throws IOException when the file cannot be read
     */
    public static int read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(new DataInputStream(new java.io.BufferedInputStream(in)));
        }
    }

    private static int read(DataInputStream in) throws IOException {
        try {
            if (in.readUnsignedShort() != 0xFFD8) {
                return NORMAL;
            }
            while (true) {
                int b = in.readUnsignedByte();
                if (b != 0xFF) {
                    return NORMAL; // not at a marker: malformed, leave it to the decoder
                }
                int marker = in.readUnsignedByte();
                while (marker == 0xFF) { // fill bytes
                    marker = in.readUnsignedByte();
                }
                if (marker == 0xDA || marker == 0xD9) { // start of scan / end of image: no EXIF before the data
                    return NORMAL;
                }
                if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                    continue; // markers without a length
                }
                int length = in.readUnsignedShort();
                if (length < 2) {
                    return NORMAL;
                }
                byte[] body = new byte[length - 2];
                in.readFully(body);
                if (marker == 0xE1 && isExif(body)) {
                    return fromTiff(body, 6);
                }
            }
        } catch (EOFException e) {
            return NORMAL;
        }
    }

    private static boolean isExif(byte[] body) {
        return body.length >= 14 && body[0] == 'E' && body[1] == 'x' && body[2] == 'i' && body[3] == 'f'
                && body[4] == 0 && body[5] == 0;
    }

    /** Orientation from the TIFF structure starting at {@code start} of {@code b}; NORMAL when malformed. */
    static int fromTiff(byte[] b, int start) {
        boolean little;
        if (b[start] == 'I' && b[start + 1] == 'I') {
            little = true;
        } else if (b[start] == 'M' && b[start + 1] == 'M') {
            little = false;
        } else {
            return NORMAL;
        }
        if (u16(b, start + 2, little) != 42) {
            return NORMAL;
        }
        long ifd = u32(b, start + 4, little);
        long entriesAt = start + ifd + 2;
        if (ifd < 8 || entriesAt > b.length) {
            return NORMAL;
        }
        int count = u16(b, (int) (start + ifd), little);
        for (int i = 0; i < count; i++) {
            long e = entriesAt + 12L * i;
            if (e + 12 > b.length) {
                return NORMAL;
            }
            int at = (int) e;
            if (u16(b, at, little) == ORIENTATION_TAG) {
                int type = u16(b, at + 2, little);
                long n = u32(b, at + 4, little);
                if (type != 3 || n != 1) { // SHORT, one value, stored in the first 2 bytes of the value field
                    return NORMAL;
                }
                int value = u16(b, at + 8, little);
                return value >= 1 && value <= 8 ? value : NORMAL;
            }
        }
        return NORMAL;
    }

    private static int u16(byte[] b, int at, boolean little) {
        int b0 = b[at] & 0xff;
        int b1 = b[at + 1] & 0xff;
        return little ? b0 | (b1 << 8) : (b0 << 8) | b1;
    }

    private static long u32(byte[] b, int at, boolean little) {
        long lo = u16(b, little ? at : at + 2, little);
        long hi = u16(b, little ? at + 2 : at, little);
        return (hi << 16) | lo;
    }

    /**
     * The image made upright according to an Orientation value (pixels moved, no resampling).
     *
     * @param image       the image as stored, any type (the result is {@link BufferedImage#TYPE_INT_RGB})
     * @param orientation 1..8 (other values: the image unchanged)
     * @return the same object for 1; otherwise a new image, width and height swapped for 5..8
     */
    public static BufferedImage apply(BufferedImage image, int orientation) {
        if (orientation < 2 || orientation > 8) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        int[] src = image.getRGB(0, 0, w, h, null, 0, w);
        boolean swap = orientation >= 5;
        int ow = swap ? h : w;
        int oh = swap ? w : h;
        int[] dst = new int[src.length];
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                int sx;
                int sy;
                switch (orientation) {
                    case 2 -> { sx = w - 1 - x; sy = y; }
                    case 3 -> { sx = w - 1 - x; sy = h - 1 - y; }
                    case 4 -> { sx = x; sy = h - 1 - y; }
                    case 5 -> { sx = y; sy = x; }
                    case 6 -> { sx = y; sy = h - 1 - x; }
                    case 7 -> { sx = w - 1 - y; sy = h - 1 - x; }
                    default -> { sx = w - 1 - y; sy = x; } // 8
                }
                dst[y * ow + x] = src[sy * w + sx] & 0xffffff;
            }
        }
        BufferedImage out = new BufferedImage(ow, oh, BufferedImage.TYPE_INT_RGB);
        out.setRGB(0, 0, ow, oh, dst, 0, ow);
        return out;
    }
}
