package org.densereg.io.tensors;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.densereg.io.BadInputException;

/** Reads a weight file of any supported format, told apart by its first bytes. */
public final class TensorFiles {

    private TensorFiles() {
    }

    /**
     * Reads {@code file}: a zip ({@code PK}) is a PyTorch {@code torch.save} file ({@link TorchStateDictReader}),
     * HDF5 is a Keras {@code .h5} weight file ({@link KerasH5Reader}), anything else is read as {@code .safetensors}
     * ({@link SafetensorsReader}); PyTorch's legacy (pre-1.6, non-zip) format is refused with a message saying how
     * to convert it.
     *
     * @param file a weight file
     * @return its tensors
     * @throws BadInputException when the file is missing, of an unsupported format or malformed
     * @throws IOException       when it cannot be read
     */
    public static TensorFile read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(file, "no such weight file");
        }
        byte[] head = new byte[8];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        if (n >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            return TorchStateDictReader.read(file);
        }
        if (n >= 4 && (head[0] & 0xff) == 0x89 && head[1] == 'H' && head[2] == 'D' && head[3] == 'F') {
            return KerasH5Reader.read(file);
        }
        if (n >= 2 && (head[0] & 0xff) == 0x80 && head[1] >= 2 && head[1] <= 5) {
            throw new BadInputException(file, "a bare pickle (PyTorch's legacy format before 1.6): re-save it with"
                    + " torch.save(torch.load(path), new_path) in PyTorch ≥ 1.6, or as .safetensors");
        }
        return SafetensorsReader.read(file);
    }
}
