package org.densereg.detect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The named weight tensors of a TF.js weights manifest and its binary file, as face-api ships its models: the
 * manifest lists each tensor's name, shape and storage ({@code float32}, or {@code float32} quantised to
 * {@code uint8}/{@code uint16} with a {@code scale} and {@code min}: value = q · scale + min), and the binary holds
 * the tensors one after the other in manifest order, little-endian. {@link #bundled()} reads the tiny face detector
 * that {@code scripts/extract-face-detector.sh} copies into this package's resources.
 *
 * <p>Shapes are TF's: convolution filters {@code [kh, kw, in, out]}, depthwise filters {@code [kh, kw, channels, 1]},
 * biases {@code [out]}; {@link #get} returns the values in that (row-major) order. Immutable.
 */
public final class TinyFaceDetectorWeights {

    /** The bundled manifest, a class-path resource. */
    public static final String MANIFEST = "/org/densereg/detect/tiny_face_detector_model-weights_manifest.json";
    /** The bundled weights, a class-path resource. */
    public static final String BINARY = "/org/densereg/detect/tiny_face_detector_model.bin";

    /** One tensor: its shape and values in row-major order. */
    private record Tensor(int[] shape, float[] values) {
    }

    private static volatile TinyFaceDetectorWeights bundled;

    private final Map<String, Tensor> tensors;

    private TinyFaceDetectorWeights(Map<String, Tensor> tensors) {
        this.tensors = Collections.unmodifiableMap(tensors);
    }

    /**
     * The bundled tiny face detector weights (read once, then shared).
     *
     * @throws UncheckedIOException when the resources are missing or malformed (a broken build)
     */
    public static TinyFaceDetectorWeights bundled() {
        TinyFaceDetectorWeights w = bundled;
        if (w == null) {
            try (InputStream manifest = resource(MANIFEST); InputStream bin = resource(BINARY)) {
                w = read(manifest.readAllBytes(), bin.readAllBytes(), BINARY);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the bundled face detector " + BINARY, e);
            }
            bundled = w;
        }
        return w;
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = TinyFaceDetectorWeights.class.getResourceAsStream(name);
        if (in == null) {
            throw new IOException("class-path resource " + name + " not found");
        }
        return in;
    }

    /**
     * Decodes a manifest and its single binary file.
     *
     * @param manifest the manifest JSON (an array of groups with {@code weights}; the groups' binaries concatenated
     *                 are {@code binary})
     * @param binary   the weights
     * @param name     the binary's name, for messages
     * @return the tensors by name
     * @throws IOException when the manifest is malformed, a storage type is unknown or the binary's length does not
     *                     match the manifest
     */
    public static TinyFaceDetectorWeights read(byte[] manifest, byte[] binary, String name) throws IOException {
        JsonNode root = new ObjectMapper().readTree(manifest);
        if (root == null || !root.isArray()) {
            throw new IOException(name + ": manifest is not a JSON array of weight groups");
        }
        ByteBuffer buf = ByteBuffer.wrap(binary).order(ByteOrder.LITTLE_ENDIAN);
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (JsonNode group : root) {
            for (JsonNode entry : group.path("weights")) {
                String tensor = entry.path("name").asText();
                int[] shape = new int[entry.path("shape").size()];
                int count = 1;
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = entry.path("shape").get(i).asInt();
                    count *= shape[i];
                }
                if (!"float32".equals(entry.path("dtype").asText())) {
                    throw new IOException(name + ": " + tensor + ": expected dtype float32, found "
                            + entry.path("dtype"));
                }
                JsonNode q = entry.get("quantization");
                String storage = q == null ? "float32" : q.path("dtype").asText();
                int bytes = switch (storage) {
                    case "uint8" -> 1;
                    case "uint16" -> 2;
                    case "float32" -> 4;
                    default -> throw new IOException(name + ": " + tensor + ": unsupported quantization " + storage);
                };
                if (buf.remaining() < (long) count * bytes) {
                    throw new IOException(name + ": " + tensor + ": expected " + (long) count * bytes
                            + " more bytes, found " + buf.remaining());
                }
                float[] values = new float[count];
                double scale = q == null ? 1 : q.path("scale").asDouble();
                double min = q == null ? 0 : q.path("min").asDouble();
                for (int i = 0; i < count; i++) {
                    values[i] = switch (bytes) {
                        // as TF.js dequantises: in double, then stored as float32
                        case 1 -> (float) ((buf.get() & 0xff) * scale + min);
                        case 2 -> (float) ((buf.getShort() & 0xffff) * scale + min);
                        default -> buf.getFloat();
                    };
                }
                out.put(tensor, new Tensor(shape, values));
            }
        }
        if (buf.hasRemaining()) {
            throw new IOException(name + ": " + buf.remaining() + " bytes left after the last tensor of the manifest");
        }
        return new TinyFaceDetectorWeights(out);
    }

    /**
     * A tensor's values, checked against the expected shape.
     *
     * @param tensor the manifest name, e.g. {@code conv1/depthwise_filter}
     * @param shape  the expected TF shape, e.g. {@code [3, 3, 16, 1]}
     * @return the values in row-major order of that shape (a copy)
     * @throws IllegalArgumentException when the tensor is missing or has another shape
     */
    public float[] get(String tensor, int... shape) {
        Tensor t = tensors.get(tensor);
        if (t == null) {
            throw new IllegalArgumentException("no weight tensor '" + tensor + "' (have " + tensors.keySet() + ")");
        }
        if (!Arrays.equals(t.shape(), shape)) {
            throw new IllegalArgumentException("weight tensor '" + tensor + "': expected shape "
                    + Arrays.toString(shape) + ", found " + Arrays.toString(t.shape()));
        }
        return t.values().clone();
    }

    /** The tensor names in manifest order. */
    public java.util.Set<String> names() {
        return tensors.keySet();
    }
}
