package org.densereg.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageIoTest {

    @TempDir
    Path dir;

    private static BufferedImage randomImage(int w, int h, int type, long seed) {
        Random r = new Random(seed);
        BufferedImage img = new BufferedImage(w, h, type);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, 0xff000000 | r.nextInt(0x1000000));
            }
        }
        return img;
    }

    private static byte[] encode(BufferedImage img, String format) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(img, format, out));
        return out.toByteArray();
    }

    @Test
    void pngRoundTripIsExactAndRgb() throws Exception {
        BufferedImage img = randomImage(7, 5, BufferedImage.TYPE_INT_RGB, 1);
        Path p = dir.resolve("sub/a.png");
        ImageIo.writePng(img, p);
        BufferedImage back = ImageIo.read(p);
        assertEquals(BufferedImage.TYPE_INT_RGB, back.getType());
        assertArrayEquals(img.getRGB(0, 0, 7, 5, null, 0, 7), back.getRGB(0, 0, 7, 5, null, 0, 7));
        try (var files = Files.list(p.getParent())) {
            assertEquals(1, files.count(), "no temporary left behind");
        }
    }

    @Test
    void grayAndAlphaSourcesBecomeRgb() throws Exception {
        BufferedImage argb = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(0, 0, 0x80112233);
        argb.setRGB(1, 0, 0xff445566);
        Path p = dir.resolve("argb.png");
        Files.write(p, encode(argb, "png"));
        BufferedImage back = ImageIo.read(p);
        assertEquals(BufferedImage.TYPE_INT_RGB, back.getType());
        assertEquals(0xff445566, back.getRGB(1, 0));

        BufferedImage gray = new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY);
        gray.getRaster().setSample(0, 0, 0, 200);
        Path g = dir.resolve("gray.png");
        Files.write(g, encode(gray, "png"));
        int rgb = ImageIo.read(g).getRGB(0, 0) & 0xffffff;
        assertEquals((rgb >> 16) & 0xff, rgb & 0xff, "R = B for a grey source");
        assertEquals((rgb >> 8) & 0xff, rgb & 0xff, "G = B for a grey source");
    }

    @Test
    void greyImagesKeepTheirGreyValues() throws Exception {
        // Java's getRGB reads TYPE_BYTE_GRAY as linear grey and would brighten 128 to 188
        BufferedImage gray = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_GRAY);
        gray.getRaster().setSamples(0, 0, 3, 1, 0, new int[] {0, 128, 245});
        Path g = dir.resolve("gray8.png");
        Files.write(g, encode(gray, "png"));
        BufferedImage back = ImageIo.read(g);
        assertEquals(0x000000, back.getRGB(0, 0) & 0xffffff);
        assertEquals(0x808080, back.getRGB(1, 0) & 0xffffff);
        assertEquals(0xf5f5f5, back.getRGB(2, 0) & 0xffffff);

        BufferedImage gray16 = new BufferedImage(1, 1, BufferedImage.TYPE_USHORT_GRAY);
        gray16.getRaster().setSample(0, 0, 0, 0x80ff);
        Path g16 = dir.resolve("gray16.png");
        Files.write(g16, encode(gray16, "png"));
        assertEquals(0x808080, ImageIo.read(g16).getRGB(0, 0) & 0xffffff);
    }

    @Test
    void jpegAndBmpAreRead() throws Exception {
        BufferedImage img = randomImage(16, 8, BufferedImage.TYPE_INT_RGB, 2);
        Path j = dir.resolve("a.jpg");
        Files.write(j, encode(img, "jpg"));
        assertEquals(16, ImageIo.read(j).getWidth());
        Path b = dir.resolve("a.bmp");
        Files.write(b, encode(img, "bmp"));
        assertArrayEquals(img.getRGB(0, 0, 16, 8, null, 0, 16), ImageIo.read(b).getRGB(0, 0, 16, 8, null, 0, 16));
    }

    @Test
    void binaryAndPlainPpmAndPgm() throws Exception {
        Path p6 = dir.resolve("a.ppm");
        byte[] header = "P6\n# a comment\n2 1\n255\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] raster = {10, 20, 30, (byte) 200, (byte) 210, (byte) 220};
        byte[] all = Arrays.copyOf(header, header.length + raster.length);
        System.arraycopy(raster, 0, all, header.length, raster.length);
        Files.write(p6, all);
        BufferedImage img = ImageIo.read(p6);
        assertEquals(BufferedImage.TYPE_INT_RGB, img.getType());
        assertEquals(0x0a141e, img.getRGB(0, 0) & 0xffffff);
        assertEquals(0xc8d2dc, img.getRGB(1, 0) & 0xffffff);

        Path p3 = dir.resolve("plain.ppm");
        Files.writeString(p3, "P3 2 1 15\n15 0 0  0 15 0 # end\n");
        BufferedImage plain = ImageIo.read(p3);
        assertEquals(0xff0000, plain.getRGB(0, 0) & 0xffffff);
        assertEquals(0x00ff00, plain.getRGB(1, 0) & 0xffffff);

        Path p2 = dir.resolve("plain.pgm");
        Files.writeString(p2, "P2\n1 2\n255\n7\n9\n");
        assertEquals(0x070707, ImageIo.read(p2).getRGB(0, 0) & 0xffffff);
        assertEquals(0x090909, ImageIo.read(p2).getRGB(0, 1) & 0xffffff);

        Path p5 = dir.resolve("wide.pgm");
        byte[] h5 = "P5 1 1 65535\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] b5 = Arrays.copyOf(h5, h5.length + 2);
        b5[h5.length] = (byte) 0xff;
        b5[h5.length + 1] = (byte) 0xff;
        Files.write(p5, b5);
        assertEquals(0xffffff, ImageIo.read(p5).getRGB(0, 0) & 0xffffff);
    }

    @Test
    void truncatedPpmNamesFile() throws Exception {
        Path p = dir.resolve("truncated_raster.ppm");
        Files.write(p, "P6 4 4 255\nabc".getBytes(StandardCharsets.ISO_8859_1));
        BadInputException e = assertThrows(BadInputException.class, () -> ImageIo.read(p));
        assertTrue(e.getMessage().startsWith(p + ": truncated raster"), e.getMessage());
        Path h = dir.resolve("truncated_header.ppm");
        Files.writeString(h, "P6 4");
        e = assertThrows(BadInputException.class, () -> ImageIo.read(h));
        assertTrue(e.getMessage().contains("missing field 'height'"), e.getMessage());
        Path n = dir.resolve("non_number_sample.ppm");
        Files.writeString(n, "P3 1 1 255 1 x 3");
        e = assertThrows(BadInputException.class, () -> ImageIo.read(n));
        assertTrue(e.getMessage().contains("pixel (0, 0): expected an integer sample, found \"x\""), e.getMessage());
    }

    @Test
    void missingEmptyUnknownAndTruncatedImages() throws Exception {
        Path missing = dir.resolve("missing.jpg");
        BadInputException e = assertThrows(BadInputException.class, () -> ImageIo.read(missing));
        assertEquals(missing + ": image file not found", e.getMessage());

        Path empty = dir.resolve("empty.png");
        Files.write(empty, new byte[0]);
        e = assertThrows(BadInputException.class, () -> ImageIo.read(empty));
        assertEquals(empty + ": empty image file", e.getMessage());

        Path text = dir.resolve("text_not_image.jpg");
        Files.writeString(text, "hello, I am not an image");
        e = assertThrows(BadInputException.class, () -> ImageIo.read(text));
        assertTrue(e.getMessage().startsWith(text + ": unknown image format"), e.getMessage());

        byte[] png = encode(randomImage(64, 64, BufferedImage.TYPE_INT_RGB, 3), "png");
        Path truncPng = dir.resolve("truncated.png");
        Files.write(truncPng, Arrays.copyOf(png, png.length / 2));
        e = assertThrows(BadInputException.class, () -> ImageIo.read(truncPng));
        assertTrue(e.getMessage().startsWith(truncPng + ": "), e.getMessage());

        byte[] jpg = encode(randomImage(64, 64, BufferedImage.TYPE_INT_RGB, 4), "jpg");
        Path truncJpg = dir.resolve("truncated.jpg");
        Files.write(truncJpg, Arrays.copyOf(jpg, jpg.length / 2));
        e = assertThrows(BadInputException.class, () -> ImageIo.read(truncJpg));
        assertTrue(e.getMessage().startsWith(truncJpg + ": "), e.getMessage());
    }

    @Test
    void pixelLimitIsCheckedBeforeDecoding() throws Exception {
        Path png = dir.resolve("big.png");
        ImageIo.writePng(new BufferedImage(20, 10, BufferedImage.TYPE_INT_RGB), png);
        BadInputException e = assertThrows(BadInputException.class, () -> ImageIo.read(png, 199));
        assertTrue(e.getMessage().contains("20x10 exceeds the limit of 199 pixels"), e.getMessage());
        assertEquals(20, ImageIo.read(png, 200).getWidth());
        Path ppm = dir.resolve("big.ppm");
        Files.writeString(ppm, "P6 100000 100000 255\n");
        e = assertThrows(BadInputException.class, () -> ImageIo.read(ppm));
        assertTrue(e.getMessage().contains("exceeds the limit"), e.getMessage());
    }

    @Test
    void grayPngsKeepEverySample() throws Exception {
        int w = 300;
        int h = 2;
        int[] values = new int[w * h];
        for (int i = 0; i < values.length; i++) {
            values[i] = (i * 7919) % 65536;
        }
        values[0] = 65535;
        Path p16 = dir.resolve("map16.png");
        ImageIo.writePng16Gray(values, w, h, p16);
        ImageIo.GrayRaster r = ImageIo.readGray(p16);
        assertEquals(w, r.width());
        assertArrayEquals(values, r.values());

        byte[] labels = new byte[w * h];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = (byte) i;
        }
        Path p8 = dir.resolve("labels.png");
        ImageIo.writePng8Gray(labels, w, h, p8);
        int[] back = ImageIo.readGray(p8).values();
        for (int i = 0; i < labels.length; i++) {
            assertEquals(labels[i] & 0xff, back[i]);
        }
        assertThrows(IllegalArgumentException.class, () -> ImageIo.writePng16Gray(new int[] {70000}, 1, 1, p16));
        Path rgb = dir.resolve("rgb.png");
        ImageIo.writePng(randomImage(2, 2, BufferedImage.TYPE_INT_RGB, 5), rgb);
        assertThrows(BadInputException.class, () -> ImageIo.readGray(rgb));
    }

    @Test
    void grayscaleUsesBt601() {
        BufferedImage img = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, 0xff0000);
        assertEquals(0.299f * 255, ImageIo.luminance(img)[0], 1e-3);
        assertEquals(0x4c4c4c, ImageIo.toGrayscale(img).getRGB(0, 0) & 0xffffff);
    }
}
