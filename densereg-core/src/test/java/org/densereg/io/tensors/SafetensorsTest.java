package org.densereg.io.tensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.densereg.io.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {

    @TempDir
    Path dir;

    @Test
    void writtenTensorsReadBackInOrderWithTheirShapesAndValues() throws IOException {
        Random random = new Random(3);
        Tensor conv = new Tensor("layer1.0.conv1.weight", new long[] {4, 2, 3, 3}, floats(random, 72), "F32");
        Tensor bias = new Tensor("bn1.bias", new long[] {4}, floats(random, 4), "F32");
        Tensor scalar = new Tensor("bn1.num_batches_tracked", new long[0], new float[] {7}, "F32");
        Path file = dir.resolve("tiny.safetensors");
        SafetensorsWriter.write(file, List.of(conv, bias, scalar), Map.of("format", "pt"));

        TensorFile read = TensorFiles.read(file);
        assertEquals(List.of("layer1.0.conv1.weight", "bn1.bias", "bn1.num_batches_tracked"),
                List.copyOf(read.tensors().keySet()));
        for (Tensor t : List.of(conv, bias, scalar)) {
            Tensor back = read.tensors().get(t.name());
            assertArrayEquals(t.shape(), back.shape(), t.name());
            assertArrayEquals(t.values(), back.values(), 0f, t.name());
            assertEquals("F32", back.dtype());
        }
        assertEquals(0, (Files.size(file) - 8 - 4 * (72 + 4 + 1)) % 8, "header padded to 8 bytes");
    }

    @Test
    void halfBfloatAndIntegerTensorsBecomeFloats() {
        // 1.5 as F16 = 0x3E00, -2 as BF16 = 0xC000, 2^40 + 3 as I64, a subnormal F16 (2^-24 = 0x0001)
        String header = "{\"h\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]},"
                + "\"b\":{\"dtype\":\"BF16\",\"shape\":[1],\"data_offsets\":[4,6]},"
                + "\"i\":{\"dtype\":\"I64\",\"shape\":[],\"data_offsets\":[6,14]}}";
        ByteBuffer data = ByteBuffer.allocate(14).order(ByteOrder.LITTLE_ENDIAN);
        data.putShort((short) 0x3E00).putShort((short) 0x0001).putShort((short) 0xC000).putLong(3);
        TensorFile file = SafetensorsReader.parse(Path.of("typed.safetensors"), bytes(header, data.array()));
        assertArrayEquals(new float[] {1.5f, 0x1p-24f}, file.tensors().get("h").values());
        assertArrayEquals(new float[] {-2f}, file.tensors().get("b").values());
        assertArrayEquals(new float[] {3f}, file.tensors().get("i").values());
        assertEquals(0, file.tensors().get("i").shape().length);
    }

    @Test
    void aTensorWhoseBytesDoNotMatchItsShapeIsRefusedByName() {
        String header = "{\"ok\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"layer2.0.bn1.weight\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[4,12]}}";
        BadInputException e = assertThrows(BadInputException.class,
                () -> SafetensorsReader.parse(Path.of("short.safetensors"), bytes(header, new byte[12])));
        assertTrue(e.getMessage().contains("short.safetensors: tensor layer2.0.bn1.weight: data_offsets [4, 12]"
                + " hold 8 bytes; shape [3] of F32 needs 12"), e.getMessage());
    }

    @Test
    void offsetsBeyondTheFileAndUnknownTypesAreRefused() {
        String beyond = "{\"w\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}";
        assertTrue(assertThrows(BadInputException.class,
                () -> SafetensorsReader.parse(Path.of("x"), bytes(beyond, new byte[8]))).getMessage()
                .contains("tensor w: data_offsets [0, 16] lie outside the 8 data bytes"));
        String complex = "{\"c\":{\"dtype\":\"C64\",\"shape\":[1],\"data_offsets\":[0,8]}}";
        assertTrue(assertThrows(BadInputException.class,
                () -> SafetensorsReader.parse(Path.of("x"), bytes(complex, new byte[8]))).getMessage()
                .contains("tensor c: unsupported dtype C64"));
    }

    @Test
    void filesOfOtherFormatsAreRefusedWithWhatToDo() throws IOException {
        Path text = dir.resolve("notes.safetensors");
        Files.writeString(text, "hello, weights");
        assertTrue(assertThrows(BadInputException.class, () -> TensorFiles.read(text)).getMessage()
                .contains("not a safetensors file"));
        Path h5 = dir.resolve("resnet50.h5");
        Files.write(h5, new byte[] {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'});
        assertTrue(assertThrows(BadInputException.class, () -> TensorFiles.read(h5)).getMessage()
                .contains("Keras .h5"));
        assertTrue(assertThrows(BadInputException.class, () -> TensorFiles.read(dir.resolve("absent.pth")))
                .getMessage().contains("no such weight file"));
    }

    private static ByteBuffer bytes(String header, byte[] data) {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(8 + json.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(json.length).put(json).put(data);
        return out.flip();
    }

    private static float[] floats(Random random, int n) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) random.nextGaussian();
        }
        return out;
    }
}
