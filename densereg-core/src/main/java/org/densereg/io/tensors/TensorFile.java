package org.densereg.io.tensors;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tensors of one weight file by name, in the file's order.
 *
 * @param file    where they were read from
 * @param format  the file's format in words, e.g. {@code PyTorch state dict (.pth)}
 * @param tensors name → tensor, in the file's order (unmodifiable)
 */
public record TensorFile(Path file, String format, Map<String, Tensor> tensors) {

    /** Keeps the order and makes the map unmodifiable. */
    public TensorFile {
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
    }
}
