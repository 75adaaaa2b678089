package org.densereg.io;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.IIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Image input and output with the project's conventions: every image read is {@link BufferedImage#TYPE_INT_RGB}
 * (alpha dropped, grey expanded to R = G = B, 16-bit samples reduced to 8), whatever the file held.
 * JPEG, PNG, BMP and GIF go through {@code javax.imageio}, with the TwelveMonkeys JPEG plug-in on the class path
 * (it registers itself ahead of the JDK's reader), so CMYK and YCCK JPEGs decode too (converted to RGB through
 * their embedded ICC profile, or a generic CMYK profile); PPM/PGM ({@code P2 P3 P5 P6}) through
 * {@link PnmReader}. JPEGs are turned upright by their EXIF Orientation ({@link ExifOrientation}) in
 * {@link #read}, so width and height are those of the upright image. Every failure to read is a {@link BadInputException} naming the file. Every write is atomic
 * (temporary file in the target folder, then move).
 */
public final class ImageIo {

    /** Largest accepted image, in pixels (width × height), unless a caller passes its own limit: 100 megapixels. */
    public static final long DEFAULT_MAX_PIXELS = 100_000_000L;

    /** PNG compression setting used by {@link #writePng} (1 = no compression, 0 = smallest file). */
    public static final float PNG_COMPRESSION_QUALITY = 0.75f;

    private static final Logger LOG = LoggerFactory.getLogger(ImageIo.class);

    /**
     * The single band of a greyscale image.
     *
     * @param width  pixels per row
     * @param height rows
     * @param values [height·width] row-major samples (0..255 for 8-bit, 0..65535 for 16-bit files)
     */
    public record GrayRaster(int width, int height, int[] values) {
    }

    private ImageIo() {
    }

    /** Reads an image with the default pixel limit. See {@link #read(Path, long)}. */
    public static BufferedImage read(Path file) throws IOException {
        return read(file, DEFAULT_MAX_PIXELS);
    }

    /**
     * Reads an image file as {@link BufferedImage#TYPE_INT_RGB}, upright (a JPEG's EXIF Orientation applied).
     *
     * @param file the image (JPEG, PNG, BMP, GIF, PPM, PGM; detected from the content, not the name)
     * @param maxPixels largest accepted width × height, checked before decoding
     * @throws BadInputException when the file is missing, empty, of an unknown format, truncated, corrupt or too large
     * @throws IOException on other I/O failures
     */
    public static BufferedImage read(Path file, long maxPixels) throws IOException {
        byte[] head = new byte[2];
        try (InputStream in = Files.newInputStream(file)) {
            int n = in.readNBytes(head, 0, 2);
            if (n == 0) {
                throw new BadInputException(file, "empty image file");
            }
        } catch (NoSuchFileException e) {
            throw new BadInputException(file, "image file not found");
        }
        if (PnmReader.looksLikePnm(head)) {
            return PnmReader.read(file, maxPixels);
        }
        BufferedImage image = toRgb(readWithImageIo(file, maxPixels));
        if ((head[0] & 0xff) == 0xFF && (head[1] & 0xff) == 0xD8) {
            image = ExifOrientation.apply(image, ExifOrientation.read(file));
        }
        return image;
    }

    private static BufferedImage readWithImageIo(Path file, long maxPixels) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                throw new BadInputException(file, "cannot open image file");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new BadInputException(file, "unknown image format (expected JPEG, PNG, BMP, GIF, PPM or PGM)");
            }
            ImageReader reader = readers.next();
            List<String> warnings = new ArrayList<>();
            try {
                reader.setInput(in, true, true);
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > maxPixels) {
                    throw new BadInputException(file, "image of " + reader.getWidth(0) + "x" + reader.getHeight(0)
                            + " exceeds the limit of " + maxPixels + " pixels");
                }
                BufferedImage img = reader.read(0);
                for (String w : warnings) {
                    String lower = w.toLowerCase(java.util.Locale.ROOT);
                    if (lower.contains("premature end") || lower.contains("truncated") || lower.contains("missing eoi")) {
                        throw new BadInputException(file, "truncated image: " + w);
                    }
                    LOG.warn("{}: {}", file, w);
                }
                return img;
            } catch (IIOException | IndexOutOfBoundsException | IllegalArgumentException e) {
                throw new BadInputException(file, "corrupt or truncated " + reader.getFormatName() + " image: "
                        + e.getMessage(), e);
            } catch (java.io.EOFException e) {
                throw new BadInputException(file, "truncated " + reader.getFormatName() + " image", e);
            } finally {
                reader.dispose();
            }
        }
    }

    /**
     * The image as {@link BufferedImage#TYPE_INT_RGB} (the same object when it already is; alpha dropped). Grey images
     * ({@link BufferedImage#TYPE_BYTE_GRAY}, {@link BufferedImage#TYPE_USHORT_GRAY}, e.g. one-component JPEGs) keep
     * their grey values, R = G = B = the sample (16-bit: its high byte), as other decoders give them: Java's
     * {@code getRGB} would treat them as linear grey and brighten them to sRGB (128 becomes 188).
     */
    public static BufferedImage toRgb(BufferedImage src) {
        if (src.getType() == BufferedImage.TYPE_INT_RGB) {
            return src;
        }
        int w = src.getWidth();
        int h = src.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[w];
        if (src.getType() == BufferedImage.TYPE_BYTE_GRAY || src.getType() == BufferedImage.TYPE_USHORT_GRAY) {
            int shift = src.getType() == BufferedImage.TYPE_USHORT_GRAY ? 8 : 0;
            for (int y = 0; y < h; y++) {
                src.getRaster().getSamples(0, y, w, 1, 0, row);
                for (int x = 0; x < w; x++) {
                    int g = (row[x] >> shift) & 0xff;
                    row[x] = (g << 16) | (g << 8) | g;
                }
                out.setRGB(0, y, w, 1, row, 0, w);
            }
            return out;
        }
        for (int y = 0; y < h; y++) {
            src.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                row[x] &= 0xffffff;
            }
            out.setRGB(0, y, w, 1, row, 0, w);
        }
        return out;
    }

    /**
     * Luminance of every pixel, {@code Y = 0.299 R + 0.587 G + 0.114 B} (ITU-R BT.601), in 0..255.
     *
     * @return [height·width] row-major luminance
     */
    public static float[] luminance(BufferedImage src) {
        int w = src.getWidth();
        int h = src.getHeight();
        int[] rgb = src.getRGB(0, 0, w, h, null, 0, w);
        float[] y = new float[rgb.length];
        for (int i = 0; i < rgb.length; i++) {
            int p = rgb[i];
            y[i] = 0.299f * ((p >> 16) & 0xff) + 0.587f * ((p >> 8) & 0xff) + 0.114f * (p & 0xff);
        }
        return y;
    }

    /** A greyscale copy as {@link BufferedImage#TYPE_INT_RGB} with R = G = B = round({@link #luminance}). */
    public static BufferedImage toGrayscale(BufferedImage src) {
        int w = src.getWidth();
        int h = src.getHeight();
        float[] y = luminance(src);
        int[] rgb = new int[y.length];
        for (int i = 0; i < y.length; i++) {
            int g = Math.min(255, Math.round(y[i]));
            rgb[i] = (g << 16) | (g << 8) | g;
        }
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        out.setRGB(0, 0, w, h, rgb, 0, w);
        return out;
    }

    /**
     * Writes the image as PNG, atomically (creates parent folders). Lossless; compressed with a fast deflate
     * level ({@value #PNG_COMPRESSION_QUALITY} in {@code ImageWriteParam} terms: about 1.5× faster than the
     * default for less than 1 % larger files on face crops).
     */
    public static void writePng(BufferedImage image, Path file) throws IOException {
        AtomicFiles.write(file, out -> {
            ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
            try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
                writer.setOutput(ios);
                ImageWriteParam param = writer.getDefaultWriteParam();
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(PNG_COMPRESSION_QUALITY);
                writer.write(null, new IIOImage(image, null, null), param);
            } finally {
                writer.dispose();
            }
        });
    }

    /**
     * Writes a 16-bit greyscale PNG, atomically.
     *
     * @param data [height·width] row-major samples, read as unsigned (0..65535)
     */
    public static void writePng16Gray(short[] data, int width, int height, Path file) throws IOException {
        checkLength(data.length, width, height);
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_USHORT_GRAY);
        WritableRaster r = img.getRaster();
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                row[x] = data[y * width + x] & 0xffff;
            }
            r.setSamples(0, y, width, 1, 0, row);
        }
        writePng(img, file);
    }

    /**
     * Writes a 16-bit greyscale PNG, atomically.
     *
     * @param data [height·width] row-major samples, each in 0..65535
     * @throws IllegalArgumentException when a sample is out of range
     */
    public static void writePng16Gray(int[] data, int width, int height, Path file) throws IOException {
        checkLength(data.length, width, height);
        short[] s = new short[data.length];
        for (int i = 0; i < data.length; i++) {
            if (data[i] < 0 || data[i] > 65535) {
                throw new IllegalArgumentException("sample " + i + " out of 0..65535: " + data[i]);
            }
            s[i] = (short) data[i];
        }
        writePng16Gray(s, width, height, file);
    }

    /**
     * Writes an 8-bit greyscale PNG, atomically.
     *
     * @param data [height·width] row-major samples, read as unsigned (0..255)
     */
    public static void writePng8Gray(byte[] data, int width, int height, Path file) throws IOException {
        checkLength(data.length, width, height);
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        img.getRaster().setDataElements(0, 0, width, height, data.clone());
        writePng(img, file);
    }

    /**
     * Reads the samples of a single-band (greyscale) image file without conversion, e.g. a label map or a
     * 16-bit map written by {@link #writePng16Gray}.
     *
     * @throws BadInputException when the file is missing, unreadable or has more than one band
     */
    public static GrayRaster readGray(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new BadInputException(file, "image file not found");
        }
        BufferedImage img = readWithImageIo(file, DEFAULT_MAX_PIXELS);
        Raster r = img.getRaster();
        if (r.getNumBands() != 1) {
            throw new BadInputException(file, "expected a single-band greyscale image, found " + r.getNumBands() + " bands");
        }
        int w = img.getWidth();
        int h = img.getHeight();
        return new GrayRaster(w, h, r.getSamples(0, 0, w, h, 0, new int[w * h]));
    }

    private static void checkLength(int length, int width, int height) {
        if (width <= 0 || height <= 0 || (long) width * height != length) {
            throw new IllegalArgumentException("size " + width + "x" + height + " needs " + (long) width * height
                    + " samples, got " + length);
        }
    }
}
