package org.densereg.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.densereg.io.Sha256;

/** What a run records about the model archive it used: file, checksums, template, input size and training. */
public final class ModelProvenance {

    private ModelProvenance() {
    }

    /**
     * @param archive  the archive file, recorded as given
     * @param metadata its metadata
     * @return a mutable map {@code archive, archive_sha256, weights_sha256, template, input_size, training} in that
     *         order, to which a caller may add its own entries
     * @throws IOException when the archive cannot be read for its checksum
     */
    public static Map<String, Object> of(Path archive, ModelMetadata metadata) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("archive", archive.toString());
        m.put("archive_sha256", Sha256.hex(archive));
        m.put("weights_sha256", metadata.weightsSha256());
        m.put("template", metadata.template());
        m.put("input_size", metadata.inputSize());
        m.put("training", metadata.training());
        return m;
    }
}
