package org.densereg.io.tensors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import org.densereg.io.AtomicFiles;

/**
 * Writes tensors as a {@code .safetensors} file of F32 tensors (the layout {@link SafetensorsReader} documents), in
 * the order given, atomically. The header is padded with spaces to a multiple of 8 bytes, as the reference writer
 * does.
 */
public final class SafetensorsWriter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SafetensorsWriter() {
    }

    /**
     * @param file     the file to write (replaced atomically)
     * @param tensors  the tensors, written as F32 in this order; names must be unique
     * @param metadata string metadata for the header's {@code "__metadata__"}, may be empty
     * @throws IOException when the file cannot be written
     */
    public static void write(Path file, Collection<Tensor> tensors, Map<String, String> metadata) throws IOException {
        AtomicFiles.writeBytes(file, bytes(tensors, metadata));
    }

    /** The file's bytes. */
    static byte[] bytes(Collection<Tensor> tensors, Map<String, String> metadata) {
        ObjectNode header = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = header.putObject("__metadata__");
            metadata.forEach(meta::put);
        }
        long offset = 0;
        for (Tensor t : tensors) {
            if (header.has(t.name())) {
                throw new IllegalArgumentException("tensor name used twice: " + t.name());
            }
            ObjectNode entry = header.putObject(t.name());
            entry.put("dtype", "F32");
            ArrayNode shape = entry.putArray("shape");
            for (long d : t.shape()) {
                shape.add(d);
            }
            long end = offset + 4L * t.values().length;
            entry.putArray("data_offsets").add(offset).add(end);
            offset = end;
        }
        byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        long total = 8L + padded + offset;
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("tensors too large for one array: " + total + " bytes");
        }
        ByteBuffer out = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(padded);
        out.put(json);
        for (int i = json.length; i < padded; i++) {
            out.put((byte) ' ');
        }
        for (Tensor t : tensors) {
            for (float v : t.values()) {
                out.putFloat(v);
            }
        }
        return out.array();
    }
}
