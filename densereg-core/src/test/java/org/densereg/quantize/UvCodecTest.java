package org.densereg.quantize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class UvCodecTest {

    private final UvCodec codec = new UvCodec(10);

    @Test
    void binRuleFollowsDesign() {
        assertEquals(1, codec.binOf(0.0));
        assertEquals(0.0, codec.residualOf(0.0), 1e-12);
        assertEquals(10, codec.binOf(1.0));
        assertEquals(1.0, codec.residualOf(1.0), 1e-12);
        assertEquals(4, codec.binOf(0.35));
        assertEquals(0.5, codec.residualOf(0.35), 1e-9);
        assertEquals(3, codec.binOf(0.2999999));
        assertEquals(0.35, codec.valueOf(4, 0.5), 1e-12);
        assertEquals(0.4, codec.valueOf(4, 3.0), 1e-12, "residual clamped to 1");
        assertEquals(0.3, codec.valueOf(4, -2.0), 1e-12, "residual clamped to 0");
        assertThrows(IllegalArgumentException.class, () -> new UvCodec(0));
    }

    @Test
    void encodeThenOneHotDecodeIsIdentity() {
        int n = 2;
        int h = 5;
        int w = 7;
        float[] uv = new float[n * 2 * h * w];
        Random random = new Random(3);
        for (int i = 0; i < uv.length; i++) {
            uv[i] = random.nextFloat();
        }
        int plane = h * w;
        // edge cases: u = 1, u = 0, v = 1, bin boundaries, background pixels
        uv[0] = 1f;
        uv[plane] = 0f;
        uv[1] = 0f;
        uv[plane + 1] = 1f;
        uv[2] = 0.5f;
        uv[plane + 2] = 0.1f;
        uv[3] = -1f;
        uv[plane + 3] = -1f;
        uv[2 * plane + 4] = -1f;
        uv[3 * plane + 4] = -1f;
        INDArray in = Nd4j.create(uv, new long[] {n, 2, h, w}, 'c');
        UvLabels labels = codec.encode(in);
        assertArrayEquals(new long[] {n, 11, h, w}, labels.uClass().shape());
        // one-hot everywhere
        assertEquals(n * h * w, labels.uClass().sumNumber().doubleValue(), 1e-9);
        assertEquals(n * h * w, labels.vClass().sumNumber().doubleValue(), 1e-9);
        // background pixel: class 0, residual ignored in every channel
        assertEquals(1.0, labels.uClass().getDouble(0, 0, 0, 3), 0);
        for (int c = 0; c < 11; c++) {
            assertEquals(-1.0, labels.uResidual().getDouble(0, c, 0, 3), 0);
        }
        assertEquals(1.0, labels.uResidual().getDouble(0, 10, 0, 0), 0, "u = 1 -> bin K, r = 1");
        assertEquals(0.0, labels.uResidual().getDouble(0, 1, 0, 1), 0, "u = 0 -> bin 1, r = 0");

        // one-hot class maps act as logits; residual targets with -1 act as residual outputs
        INDArray out = codec.decode(labels.uClass(), labels.vClass(), labels.uResidual(), labels.vResidual());
        assertArrayEquals(in.shape(), out.shape());
        float[] decoded = out.data().asFloat();
        for (int i = 0; i < uv.length; i++) {
            assertEquals(uv[i], decoded[i], 1e-6, "element " + i);
        }
    }

    @Test
    void foregroundNeedsBothClassMapsAndResidualIsClamped() {
        int c = 11;
        float[] uLogits = new float[c];
        float[] vLogits = new float[c];
        float[] uRes = new float[c];
        float[] vRes = new float[c];
        uLogits[3] = 5f;
        uRes[3] = 1.7f;
        vLogits[0] = 5f; // v says background
        float[] out = codec.decodeImage(uLogits, vLogits, uRes, vRes, 1, 1);
        assertArrayEquals(new float[] {-1f, -1f}, out);
        vLogits[0] = 0f;
        vLogits[10] = 2f;
        vRes[10] = -0.3f;
        out = codec.decodeImage(uLogits, vLogits, uRes, vRes, 1, 1);
        assertEquals(0.3f, out[0], 1e-6, "residual 1.7 clamped to 1: (2 + 1) / 10");
        assertEquals(0.9f, out[1], 1e-6, "residual -0.3 clamped to 0: (9 + 0) / 10");
        assertThrows(IllegalArgumentException.class, () -> codec.decodeImage(uLogits, vLogits, uRes, new float[3], 1, 1));
    }

    @Test
    void rejectsWrongShapes() {
        assertThrows(IllegalArgumentException.class, () -> codec.encode(Nd4j.zeros(1, 3, 4, 4)));
        INDArray a = Nd4j.zeros(1, 11, 4, 4);
        assertThrows(IllegalArgumentException.class, () -> codec.decode(a, a, a, Nd4j.zeros(1, 10, 4, 4)));
    }
}
