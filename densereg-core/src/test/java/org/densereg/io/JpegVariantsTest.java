package org.densereg.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Node;

/** EXIF orientation and CMYK JPEGs, with JPEG files built by the test. */
class JpegVariantsTest {

    @TempDir
    Path dir;

    private static final int RED = 0xff0000;
    private static final int GREEN = 0x00ff00;
    private static final int BLUE = 0x0000ff;
    private static final int WHITE = 0xffffff;

    /** 32×16: quadrants top-left red, top-right green, bottom-left blue, bottom-right white. */
    private static BufferedImage quadrants() {
        BufferedImage img = new BufferedImage(32, 16, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 32; x++) {
                img.setRGB(x, y, y < 8 ? (x < 16 ? RED : GREEN) : (x < 16 ? BLUE : WHITE));
            }
        }
        return img;
    }

    private static byte[] jpeg(BufferedImage img) throws Exception {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam p = writer.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(0.98f);
            writer.write(null, new IIOImage(img, null, null), p);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** An APP1 Exif segment whose IFD0 holds one entry, Orientation = value. */
    private static byte[] exifSegment(int orientation, boolean bigEndian) {
        ByteArrayOutputStream tiff = new ByteArrayOutputStream();
        int[] header = bigEndian ? new int[] {'M', 'M', 0, 42, 0, 0, 0, 8} : new int[] {'I', 'I', 42, 0, 8, 0, 0, 0};
        for (int b : header) {
            tiff.write(b);
        }
        short16(tiff, 2, bigEndian); // two entries: an unrelated one first (ImageWidth), then Orientation
        entry(tiff, 0x0100, 3, 1, 32, bigEndian);
        entry(tiff, 0x0112, 3, 1, orientation, bigEndian);
        for (int i = 0; i < 4; i++) {
            tiff.write(0); // no next IFD
        }
        byte[] body = tiff.toByteArray();
        ByteArrayOutputStream seg = new ByteArrayOutputStream();
        int length = 2 + 6 + body.length;
        seg.write(0xFF);
        seg.write(0xE1);
        seg.write(length >> 8);
        seg.write(length & 0xff);
        seg.writeBytes(new byte[] {'E', 'x', 'i', 'f', 0, 0});
        seg.writeBytes(body);
        return seg.toByteArray();
    }

    private static void entry(ByteArrayOutputStream out, int tag, int type, int count, int value, boolean be) {
        short16(out, tag, be);
        short16(out, type, be);
        short16(out, be ? 0 : count, be);
        short16(out, be ? count : 0, be);
        short16(out, value, be);
        short16(out, 0, be);
    }

    private static void short16(ByteArrayOutputStream out, int v, boolean be) {
        out.write(be ? v >> 8 : v & 0xff);
        out.write(be ? v & 0xff : v >> 8);
    }

    /** The JPEG with the segment inserted after SOI and the JFIF APP0 segment. */
    private static byte[] withSegment(byte[] jpeg, byte[] segment) {
        int at = 2;
        if ((jpeg[2] & 0xff) == 0xFF && (jpeg[3] & 0xff) == 0xE0) {
            at = 4 + (((jpeg[4] & 0xff) << 8) | (jpeg[5] & 0xff));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, at);
        out.writeBytes(segment);
        out.write(jpeg, at, jpeg.length - at);
        return out.toByteArray();
    }

    private static void assertColour(int expected, int actual, String where) {
        for (int shift = 0; shift <= 16; shift += 8) {
            int e = (expected >> shift) & 0xff;
            int a = (actual >> shift) & 0xff;
            assertTrue(Math.abs(e - a) < 40, where + ": expected " + Integer.toHexString(expected) + ", got "
                    + Integer.toHexString(actual & 0xffffff));
        }
    }

    @Test
    void exifOrientationTurnsTheJpegUpright() throws Exception {
        byte[] plain = jpeg(quadrants());
        // quadrant colours (top-left, top-right, bottom-left, bottom-right) of the upright image
        int[][] expected = {
            {RED, GREEN, BLUE, WHITE},   // 1
            {GREEN, RED, WHITE, BLUE},   // 2 mirror left-right
            {WHITE, BLUE, GREEN, RED},   // 3 rotate 180
            {BLUE, WHITE, RED, GREEN},   // 4 mirror top-bottom
            {RED, BLUE, GREEN, WHITE},   // 5 transpose
            {BLUE, RED, WHITE, GREEN},   // 6 rotate 90 clockwise
            {WHITE, GREEN, BLUE, RED},   // 7 transverse
            {GREEN, WHITE, RED, BLUE},   // 8 rotate 90 counter-clockwise
        };
        for (int o = 1; o <= 8; o++) {
            Path file = dir.resolve("o" + o + ".jpg");
            Files.write(file, withSegment(plain, exifSegment(o, o % 2 == 0)));
            assertEquals(o, ExifOrientation.read(file));
            BufferedImage img = ImageIo.read(file);
            boolean swapped = o >= 5;
            assertEquals(swapped ? 16 : 32, img.getWidth(), "orientation " + o);
            assertEquals(swapped ? 32 : 16, img.getHeight(), "orientation " + o);
            int w = img.getWidth();
            int h = img.getHeight();
            int[] probe = {img.getRGB(w / 4, h / 4), img.getRGB(3 * w / 4, h / 4), img.getRGB(w / 4, 3 * h / 4),
                img.getRGB(3 * w / 4, 3 * h / 4)};
            for (int q = 0; q < 4; q++) {
                assertColour(expected[o - 1][q], probe[q], "orientation " + o + ", quadrant " + q);
            }
        }
        Path none = dir.resolve("none.jpg");
        Files.write(none, plain);
        assertEquals(ExifOrientation.NORMAL, ExifOrientation.read(none));
        Files.write(none, withSegment(plain, exifSegment(9, false)));
        assertEquals(ExifOrientation.NORMAL, ExifOrientation.read(none), "out-of-range values are ignored");
    }

    @Test
    void applyMovesPixelsExactly() {
        BufferedImage img = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < 6; i++) {
            img.setRGB(i % 3, i / 3, i + 1); // 1 2 3 / 4 5 6
        }
        assertArrayEquals(new int[] {4, 1, 5, 2, 6, 3}, pixels(ExifOrientation.apply(img, 6)));
        assertArrayEquals(new int[] {3, 6, 2, 5, 1, 4}, pixels(ExifOrientation.apply(img, 8)));
        assertArrayEquals(new int[] {1, 4, 2, 5, 3, 6}, pixels(ExifOrientation.apply(img, 5)));
        assertArrayEquals(new int[] {6, 3, 5, 2, 4, 1}, pixels(ExifOrientation.apply(img, 7)));
        assertArrayEquals(new int[] {6, 5, 4, 3, 2, 1}, pixels(ExifOrientation.apply(img, 3)));
        assertEquals(img, ExifOrientation.apply(img, 1));
    }

    private static int[] pixels(BufferedImage img) {
        int[] p = img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
        for (int i = 0; i < p.length; i++) {
            p[i] &= 0xffffff;
        }
        return p;
    }

    /**
     * A 4-component Adobe JPEG (APP14 transform 0: CMYK stored inverted, as Photoshop writes it) with a cyan left
     * half (C = 100 %) and a black right half (K = 100 %).
     */
    @Test
    void cmykJpegIsDecodedToRgb() throws Exception {
        Path file = dir.resolve("cmyk.jpg");
        // inverted: 255 = no ink
        Files.write(file, adobeJpeg(0, new int[] {0, 255, 255, 255}, new int[] {255, 255, 255, 0}));
        assertCyanAndBlack(ImageIo.read(file));
    }

    /**
     * The same picture as a YCCK JPEG (APP14 transform 2), as Photoshop writes CMYK JPEGs by default. Decoders
     * turn Y, Cb, Cr into "R, G, B" with the JFIF formulas and take C = 255 − R etc.; with Adobe's inverted
     * storage that makes (R, G, B) the ink amounts (C, M, Y) themselves, and K is stored inverted.
     */
    @Test
    void ycckJpegIsDecodedToRgb() throws Exception {
        Path file = dir.resolve("ycck.jpg");
        // cyan: CMY (255, 0, 0) → Y 76, Cb 85, Cr 255, K stored 255 (no ink); black: CMY 0 → (0, 128, 128), K stored 0
        Files.write(file, adobeJpeg(2, new int[] {76, 85, 255, 255}, new int[] {0, 128, 128, 0}));
        assertCyanAndBlack(ImageIo.read(file));
    }

    /**
     * An RGB JPEG whose embedded ICC profile is garbage: the profile is ignored (a logged warning) and the pixels
     * are read.
     */
    @Test
    void jpegWithACorruptIccProfileIsStillRead() throws Exception {
        ByteArrayOutputStream seg = new ByteArrayOutputStream();
        byte[] profile = new byte[200];
        for (int i = 0; i < profile.length; i++) {
            profile[i] = (byte) (i * 37 + 11);
        }
        byte[] tag = "ICC_PROFILE\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int length = 2 + tag.length + 2 + profile.length;
        seg.write(0xFF);
        seg.write(0xE2);
        seg.write(length >> 8);
        seg.write(length & 0xff);
        seg.writeBytes(tag);
        seg.write(1);
        seg.write(1);
        seg.writeBytes(profile);
        Path file = dir.resolve("bad-icc.jpg");
        Files.write(file, withSegment(jpeg(quadrants()), seg.toByteArray()));
        BufferedImage img = ImageIo.read(file);
        assertEquals(32, img.getWidth());
        assertColour(RED, img.getRGB(8, 4), "top-left");
        assertColour(WHITE, img.getRGB(24, 12), "bottom-right");
    }

    /**
     * A CMYK JPEG carrying an RGB (sRGB) ICC profile, a mismatch some tools write. The JDK 17 reader alone fails
     * on it ("Unsupported Image Type"); the TwelveMonkeys plug-in ignores the mismatching profile (a logged
     * warning) and converts the CMYK pixels. The one test here that needs the plug-in.
     */
    @Test
    void cmykJpegWithAMismatchingIccProfileIsStillRead() throws Exception {
        byte[] profile = java.awt.color.ICC_Profile.getInstance(java.awt.color.ColorSpace.CS_sRGB).getData();
        byte[] tag = "ICC_PROFILE\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        ByteArrayOutputStream seg = new ByteArrayOutputStream();
        int length = 2 + tag.length + 2 + profile.length;
        seg.write(0xFF);
        seg.write(0xE2);
        seg.write(length >> 8);
        seg.write(length & 0xff);
        seg.writeBytes(tag);
        seg.write(1);
        seg.write(1);
        seg.writeBytes(profile);
        byte[] cmyk = adobeJpeg(0, new int[] {0, 255, 255, 255}, new int[] {255, 255, 255, 0});
        Path file = dir.resolve("cmyk-srgb-profile.jpg");
        Files.write(file, withSegment(cmyk, seg.toByteArray()));
        assertCyanAndBlack(ImageIo.read(file));
    }

    private static void assertCyanAndBlack(BufferedImage img) {
        assertEquals(BufferedImage.TYPE_INT_RGB, img.getType());
        assertEquals(32, img.getWidth());
        int cyan = img.getRGB(8, 8);
        int black = img.getRGB(24, 8);
        int r = (cyan >> 16) & 0xff;
        int g = (cyan >> 8) & 0xff;
        int b = cyan & 0xff;
        assertTrue(r < 80 && g > 120 && b > 180, "cyan expected, got " + Integer.toHexString(cyan & 0xffffff));
        assertTrue(((black >> 16) & 0xff) < 80 && ((black >> 8) & 0xff) < 80 && (black & 0xff) < 80,
                "black expected, got " + Integer.toHexString(black & 0xffffff));
    }

    /** A 32×16 four-component JPEG, left half {@code left}, right half {@code right}, Adobe APP14 {@code transform}. */
    private static byte[] adobeJpeg(int transform, int[] left, int[] right) throws Exception {
        int w = 32;
        int h = 16;
        WritableRaster raster = Raster.createInterleavedRaster(java.awt.image.DataBuffer.TYPE_BYTE, w, h, 4, null);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                raster.setPixel(x, y, x < w / 2 ? left : right);
            }
        }
        ImageWriter writer = jdkJpegWriter();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam p = writer.getDefaultWriteParam();
            IIOMetadata meta = writer.getDefaultImageMetadata(
                    ImageTypeSpecifier.createInterleaved(java.awt.color.ColorSpace.getInstance(java.awt.color.ColorSpace.CS_sRGB),
                            new int[] {0, 1, 2}, java.awt.image.DataBuffer.TYPE_BYTE, false, false), p);
            IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree("javax_imageio_jpeg_image_1.0");
            adobeFourComponents(root, transform);
            meta.setFromTree("javax_imageio_jpeg_image_1.0", root);
            writer.write(null, new IIOImage(raster, null, meta), p);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static ImageWriter jdkJpegWriter() {
        var it = ImageIO.getImageWritersByFormatName("jpeg");
        ImageWriter first = null;
        while (it.hasNext()) {
            ImageWriter w = it.next();
            if (w.getClass().getName().startsWith("com.sun.")) {
                return w;
            }
            first = first == null ? w : first;
        }
        return first;
    }

    /** Replaces the JFIF marker by an Adobe APP14 and declares four components in SOF and SOS. */
    private static void adobeFourComponents(IIOMetadataNode root, int transform) {
        IIOMetadataNode setup = (IIOMetadataNode) root.getElementsByTagName("JPEGvariety").item(0);
        while (setup.hasChildNodes()) {
            setup.removeChild(setup.getFirstChild());
        }
        IIOMetadataNode markers = (IIOMetadataNode) root.getElementsByTagName("markerSequence").item(0);
        IIOMetadataNode adobe = new IIOMetadataNode("app14Adobe");
        adobe.setAttribute("version", "100");
        adobe.setAttribute("flags0", "0");
        adobe.setAttribute("flags1", "0");
        adobe.setAttribute("transform", String.valueOf(transform));
        markers.insertBefore(adobe, markers.getFirstChild());
        IIOMetadataNode sof = (IIOMetadataNode) root.getElementsByTagName("sof").item(0);
        sof.setAttribute("numFrameComponents", "4");
        Node last = sof.getLastChild();
        IIOMetadataNode comp = new IIOMetadataNode("componentSpec");
        comp.setAttribute("componentId", "4");
        comp.setAttribute("HsamplingFactor", "1");
        comp.setAttribute("VsamplingFactor", "1");
        comp.setAttribute("QtableSelector", "0");
        sof.appendChild(comp);
        for (Node n = sof.getFirstChild(); n != null; n = n.getNextSibling()) {
            IIOMetadataNode c = (IIOMetadataNode) n;
            c.setAttribute("HsamplingFactor", "1");
            c.setAttribute("VsamplingFactor", "1");
        }
        IIOMetadataNode sos = (IIOMetadataNode) root.getElementsByTagName("sos").item(0);
        sos.setAttribute("numScanComponents", "4");
        IIOMetadataNode scan = new IIOMetadataNode("scanComponentSpec");
        scan.setAttribute("componentSelector", "4");
        scan.setAttribute("dcHuffTable", "0");
        scan.setAttribute("acHuffTable", "0");
        sos.appendChild(scan);
        assertTrue(last != null);
    }
}
