package org.densereg.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class InputNormalisationTest {

    @Test
    void subtractsImagenetMeansPerChannelInNchw() {
        BufferedImage image = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        image.setRGB(2, 1, (200 << 16) | (100 << 8) | 50);
        InputNormalisation norm = InputNormalisation.imagenet();
        INDArray batch = norm.toBatch(List.of(image, image));
        assertArrayEquals(new long[] {2, 3, 2, 3}, batch.shape());
        assertEquals((200 - 123.675) / 255, batch.getDouble(1, 0, 1, 2), 1e-6);
        assertEquals((100 - 116.28) / 255, batch.getDouble(1, 1, 1, 2), 1e-6);
        assertEquals((50 - 103.53) / 255, batch.getDouble(1, 2, 1, 2), 1e-6);
        assertEquals(-103.53 / 255, batch.getDouble(0, 2, 0, 0), 1e-6);
        assertEquals(norm, new InputNormalisation(InputNormalisation.IMAGENET_MEAN, 1.0 / 255));
        assertThrows(IllegalArgumentException.class, () -> new InputNormalisation(new double[2], 1));
        assertThrows(IllegalArgumentException.class,
                () -> norm.toBatch(List.of(image, new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB))));
    }
}
