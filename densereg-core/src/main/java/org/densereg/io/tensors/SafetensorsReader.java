package org.densereg.io.tensors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.densereg.io.BadInputException;

/**
 * Reads a {@code .safetensors} file (the Hugging Face format): an 8-byte little-endian header length n, n bytes of
 * UTF-8 JSON mapping each tensor name to {@code {"dtype", "shape", "data_offsets": [begin, end]}} (plus an optional
 * {@code "__metadata__"} of strings), then the tensors' bytes, little-endian and row-major, at those offsets counted
 * from the end of the header. Every tensor is returned as float32 ({@link Tensor}); supported types are F32, F64, F16,
 * BF16, I64, I32, I16, I8, U8 and BOOL. A file larger than 2 GiB is refused.
 */
public final class SafetensorsReader {

    /** Longest header accepted (the format's own readers use 100 MB). */
    static final long MAX_HEADER = 100L << 20;

    private static final ObjectMapper JSON = new ObjectMapper();

    private SafetensorsReader() {
    }

    /**
     * @param file a {@code .safetensors} file
     * @return its tensors in header order
     * @throws BadInputException naming the file and the tensor or field that is malformed
     * @throws IOException       when the file cannot be read
     */
    public static TensorFile read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE) {
                throw new BadInputException(file, "larger than 2 GiB (" + size + " bytes); not supported");
            }
            ByteBuffer bytes = ByteBuffer.allocate((int) size);
            while (bytes.hasRemaining() && channel.read(bytes) >= 0) {
                // read on
            }
            bytes.flip();
            return parse(file, bytes);
        }
    }

    /**
     * Parses the bytes of a safetensors file.
     *
     * @param file  the file the bytes came from, for messages
     * @param bytes the whole file
     * @return its tensors in header order
     * @throws BadInputException when the bytes are not a valid safetensors file
     */
    public static TensorFile parse(Path file, ByteBuffer bytes) {
        ByteBuffer in = bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        if (in.remaining() < 8) {
            throw new BadInputException(file, "not a safetensors file: shorter than its 8-byte header length");
        }
        long headerLength = in.getLong(0);
        if (headerLength < 2 || headerLength > MAX_HEADER || headerLength > in.remaining() - 8) {
            throw new BadInputException(file, "not a safetensors file: header length " + headerLength + " does not fit"
                    + " a file of " + in.remaining() + " bytes");
        }
        byte[] headerBytes = new byte[(int) headerLength];
        in.position(8);
        in.get(headerBytes);
        JsonNode header;
        try {
            header = JSON.readTree(new String(headerBytes, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new BadInputException(file, "not a safetensors file: its header is not JSON ("
                    + e.getOriginalMessage() + ")");
        }
        if (header == null || !header.isObject()) {
            throw new BadInputException(file, "safetensors header: expected a JSON object");
        }
        int dataStart = 8 + (int) headerLength;
        int dataLength = in.limit() - dataStart;
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = header.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            if (name.equals("__metadata__")) {
                continue;
            }
            tensors.put(name, tensor(file, name, field.getValue(), in, dataStart, dataLength));
        }
        return new TensorFile(file, "safetensors", tensors);
    }

    private static Tensor tensor(Path file, String name, JsonNode entry, ByteBuffer in, int dataStart,
            int dataLength) {
        String where = "tensor " + name + ": ";
        JsonNode dtypeNode = entry.get("dtype");
        JsonNode shapeNode = entry.get("shape");
        JsonNode offsets = entry.get("data_offsets");
        if (dtypeNode == null || !dtypeNode.isTextual() || shapeNode == null || !shapeNode.isArray()
                || offsets == null || !offsets.isArray() || offsets.size() != 2) {
            throw new BadInputException(file, where + "expected \"dtype\", \"shape\" and \"data_offsets\": [begin, end]");
        }
        String dtype = dtypeNode.asText();
        int width = DataTypes.width(dtype);
        if (width == 0) {
            throw new BadInputException(file, where + "unsupported dtype " + dtype + " (supported: "
                    + DataTypes.SUPPORTED + ")");
        }
        List<Long> dims = new ArrayList<>();
        for (JsonNode d : shapeNode) {
            if (!d.canConvertToLong() || d.asLong() < 0) {
                throw new BadInputException(file, where + "shape " + shapeNode + ": expected non-negative integers");
            }
            dims.add(d.asLong());
        }
        long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
        long begin = offsets.get(0).asLong(-1);
        long end = offsets.get(1).asLong(-1);
        long count = Tensor.elementCount(shape);
        if (begin < 0 || end < begin || end > dataLength) {
            throw new BadInputException(file, where + "data_offsets [" + begin + ", " + end + "] lie outside the "
                    + dataLength + " data bytes");
        }
        if (end - begin != count * width) {
            throw new BadInputException(file, where + "data_offsets [" + begin + ", " + end + "] hold " + (end - begin)
                    + " bytes; shape " + shapeNode + " of " + dtype + " needs " + count * width);
        }
        ByteBuffer data = in.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        data.position(dataStart + (int) begin);
        float[] values = new float[(int) count];
        for (int i = 0; i < values.length; i++) {
            values[i] = DataTypes.readFloat(dtype, data);
        }
        return new Tensor(name, shape, values, dtype);
    }
}
