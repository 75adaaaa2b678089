package org.densereg.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TIFF and WebP inputs decode through the TwelveMonkeys plug-ins. */
class TiffWebpTest {

    @TempDir
    Path dir;

    @Test
    void tiffWrittenHereReadsBackPixelExact() throws IOException {
        BufferedImage img = new BufferedImage(23, 17, BufferedImage.TYPE_INT_RGB);
        Random r = new Random(5);
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                img.setRGB(x, y, r.nextInt(0x1000000));
            }
        }
        Path file = dir.resolve("noise.tif");
        assertTrue(ImageIO.write(img, "tiff", file.toFile()), "no TIFF writer registered");
        BufferedImage back = ImageIo.read(file);
        assertEquals(23, back.getWidth());
        assertEquals(17, back.getHeight());
        for (int y = 0; y < 17; y++) {
            for (int x = 0; x < 23; x++) {
                assertEquals(img.getRGB(x, y) & 0xffffff, back.getRGB(x, y) & 0xffffff, "pixel " + x + "," + y);
            }
        }
    }

    /**
     * The fixture is the 32×32 crop at (96, 96) of the project-generated src-test-data/faces/synth_00000.png, encoded
     * losslessly with {@code cwebp -lossless -exact -crop 96 96 32 32}; it must decode to exactly those pixels.
     */
    @Test
    void losslessWebpDecodesToTheSourcePixels() throws IOException {
        Path webp = dir.resolve("crop.webp");
        try (InputStream in = TiffWebpTest.class.getResourceAsStream("synth_00000-crop32.webp")) {
            Files.copy(in, webp);
        }
        BufferedImage decoded = ImageIo.read(webp);
        BufferedImage source = ImageIo.read(Path.of("..", "src-test-data", "faces", "synth_00000.png"));
        assertEquals(32, decoded.getWidth());
        assertEquals(32, decoded.getHeight());
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                assertEquals(source.getRGB(96 + x, 96 + y) & 0xffffff, decoded.getRGB(x, y) & 0xffffff, "pixel " + x + "," + y);
            }
        }
    }
}
