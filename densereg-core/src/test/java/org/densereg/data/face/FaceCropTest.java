package org.densereg.data.face;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.util.Random;
import org.densereg.data.Landmarks;
import org.junit.jupiter.api.Test;

class FaceCropTest {

    @Test
    void landmarkCropHasDocumentedMarginAndShift() {
        // box 100..200 x 50..130: extent 100, centre (150, 90), shifted up by 10
        Landmarks l = new Landmarks(new double[] {100, 50, 200, 130, 150, 90});
        FaceCrop c = FaceCrop.aroundLandmarks(l, 256);
        assertEquals(256 / 160.0, c.scale(), 1e-12);
        Landmarks centre = c.apply(new Landmarks(new double[] {150, 80}));
        assertEquals(127.5, centre.x(0), 1e-9);
        assertEquals(127.5, centre.y(0), 1e-9);
        // the square's outer edges (side 160 around x = 150: 70 and 230) map to the crop's outer edges -0.5, 255.5
        assertEquals(-0.5, c.apply(new Landmarks(new double[] {70, 0})).x(0), 1e-9);
        assertEquals(255.5, c.apply(new Landmarks(new double[] {230, 0})).x(0), 1e-9);
        Landmarks back = c.invert(c.apply(l));
        for (int i = 0; i < 6; i++) {
            assertEquals(l.xy()[i], back.xy()[i], 1e-9);
        }
        assertThrows(IllegalArgumentException.class,
                () -> FaceCrop.aroundLandmarks(new Landmarks(new double[] {Double.NaN, 1}), 10));
    }

    @Test
    void boxCropCentresDlibBox() {
        FaceCrop c = FaceCrop.aroundBox(new double[] {10, 20, 40, 40}, 1.0, 40);
        assertEquals(1.0, c.scale(), 1e-12);
        // pixels 10..49 map to 0..39
        assertEquals(0.0, c.apply(new Landmarks(new double[] {10, 20})).x(0), 1e-9);
        assertEquals(39.0, c.apply(new Landmarks(new double[] {49, 59})).y(0), 1e-9);
        assertEquals(FaceCrop.BOX_MARGIN * 40, 40 / FaceCrop.aroundBox(new double[] {0, 0, 40, 30}, 40).scale(), 1e-9);
    }

    @Test
    void identityCropCopiesPixelsAndPadsBlack() {
        Random r = new Random(11);
        BufferedImage src = new BufferedImage(8, 6, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 6; y++) {
            for (int x = 0; x < 8; x++) {
                src.setRGB(x, y, r.nextInt(0x1000000));
            }
        }
        BufferedImage same = new FaceCrop(1, 0, 0, 6).toImage(src);
        assertArrayEquals(src.getRGB(0, 0, 6, 6, null, 0, 6), same.getRGB(0, 0, 6, 6, null, 0, 6));
        // shifted right by 3: crop columns 0..2 lie left of the image
        BufferedImage shifted = new FaceCrop(1, 3, 0, 6).toImage(src);
        assertEquals(0, shifted.getRGB(2, 0) & 0xffffff);
        assertEquals(src.getRGB(0, 0), shifted.getRGB(3, 0));
    }

    @Test
    void upscalingIsPixelCentreCorrect() {
        // a horizontal ramp: value = 10 * x + 20 in channel blue
        BufferedImage src = new BufferedImage(10, 1, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 10; x++) {
            src.setRGB(x, 0, 10 * x + 20);
        }
        // crop the 10 pixels into 20: crop x = 2 x + 0.5
        FaceCrop c = FaceCrop.centredSquare(4.5, 0, 10, 20);
        assertEquals(2.0, c.scale(), 1e-12);
        assertEquals(0.5, c.offsetX(), 1e-12);
        BufferedImage out = c.toImage(src);
        for (int x = 1; x < 19; x++) {
            double sourceX = (x - 0.5) / 2;
            assertEquals(10 * sourceX + 20, out.getRGB(x, 9) & 0xff, 0.5001, "crop x " + x);
        }
        // the outer pixels clamp to the edge values
        assertEquals(20, out.getRGB(0, 9) & 0xff);
        assertEquals(110, out.getRGB(19, 9) & 0xff);
    }

    @Test
    void downscalingAveragesFootprint() {
        // alternating black/white columns average to grey when halved
        BufferedImage src = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                src.setRGB(x, y, x % 2 == 0 ? 0 : 0xffffff);
            }
        }
        BufferedImage out = FaceCrop.centredSquare(3.5, 3.5, 8, 4).toImage(src);
        for (int x = 0; x < 4; x++) {
            assertEquals(128, out.getRGB(x, 2) & 0xff, 1);
        }
    }

    @Test
    void cropDependsOnlyOnTheSourcePixelsItCovers() {
        Random r = new Random(5);
        BufferedImage big = new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 200; y++) {
            for (int x = 0; x < 300; x++) {
                big.setRGB(x, y, r.nextInt(0x1000000));
            }
        }
        // a crop of the region around (200, 120), from the whole image and from a sub-image that contains it
        FaceCrop whole = FaceCrop.centredSquare(200.3, 120.7, 41, 32);
        FaceCrop local = FaceCrop.centredSquare(200.3 - 150, 120.7 - 80, 41, 32);
        BufferedImage sub = big.getSubimage(150, 80, 120, 90);
        assertArrayEquals(whole.toImage(big).getRGB(0, 0, 32, 32, null, 0, 32),
                local.toImage(sub).getRGB(0, 0, 32, 32, null, 0, 32));
        // a crop entirely outside the image is black
        BufferedImage outside = FaceCrop.centredSquare(-500, -500, 10, 4).toImage(big);
        assertEquals(0, outside.getRGB(3, 3) & 0xffffff);
    }
}
