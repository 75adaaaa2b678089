package org.densereg.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.densereg.io.AtomicFiles;
import org.densereg.io.BadInputException;
import org.densereg.io.Sha256;
import org.densereg.network.Accelerators;

/**
 * A trained model as one file: a zip holding {@code weights.zip} (DL4J's ModelSerializer format, without
 * updater state), {@code config.resolved.yaml} (the training configuration) and {@code metadata.json}
 * ({@link ModelMetadata}, including the SHA-256 of {@code weights.zip}, verified on load). Written atomically.
 */
public final class ModelArchive {

    /** Current archive format version. */
    public static final int FORMAT_VERSION = 1;

    private static final String WEIGHTS = "weights.zip";
    private static final String CONFIG = "config.resolved.yaml";
    private static final String METADATA = "metadata.json";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * A loaded archive.
     *
     * @param graph          the network, ready for inference
     * @param metadata       what the archive says about it
     * @param resolvedConfig the training configuration as YAML
     */
    public record Loaded(ComputationGraph graph, ModelMetadata metadata, String resolvedConfig) {
    }

    private ModelArchive() {
    }

    /**
     * Writes an archive.
     *
     * @param target         archive path (conventionally {@code *.densereg.zip})
     * @param graph          trained network
     * @param metadata       metadata; its {@code weightsSha256} is filled in here
     * @param resolvedConfig the resolved training configuration (YAML)
     * @throws IOException when writing fails
     */
    public static void write(Path target, ComputationGraph graph, ModelMetadata metadata, String resolvedConfig)
            throws IOException {
        ByteArrayOutputStream weights = new ByteArrayOutputStream();
        ModelSerializer.writeModel(Accelerators.active().portable(graph), weights, false);
        byte[] weightBytes = weights.toByteArray();
        ModelMetadata withHash = metadata.withWeightsSha256(Sha256.hex(weightBytes));
        AtomicFiles.write(target, out -> {
            try (ZipOutputStream zip = new ZipOutputStream(out)) {
                put(zip, METADATA, JSON.writeValueAsBytes(withHash));
                put(zip, CONFIG, resolvedConfig.getBytes(StandardCharsets.UTF_8));
                put(zip, WEIGHTS, weightBytes);
            }
        });
    }

    /**
     * Reads an archive and checks its weights against the recorded hash.
     *
     * @param archive the archive file
     * @return the network, metadata and configuration
     * @throws IOException       when the file cannot be read
     * @throws BadInputException when the file is not a model archive, lacks an entry, is of a newer format or its
     *                           weights do not match the recorded SHA-256
     */
    public static Loaded read(Path archive) throws IOException {
        if (!Files.isRegularFile(archive)) {
            throw new BadInputException(archive, "model archive not found");
        }
        try (InputStream in = Files.newInputStream(archive)) {
            return read(in, archive);
        }
    }

    /**
     * Reads an archive from its bytes (e.g. an archive shipped to another machine) and checks its weights against
     * the recorded hash, as {@link #read(Path)} does.
     *
     * @param archiveBytes the archive file's bytes
     * @param source       where the bytes came from, named in error messages
     * @return the network, metadata and configuration
     * @throws IOException       when the bytes cannot be read as a zip
     * @throws BadInputException when the bytes are not a model archive, lack an entry, are of a newer format or the
     *                           weights do not match the recorded SHA-256
     */
    public static Loaded read(byte[] archiveBytes, Path source) throws IOException {
        return read(new ByteArrayInputStream(archiveBytes), source);
    }

    private static Loaded read(InputStream in, Path archive) throws IOException {
        Map<String, byte[]> entries = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                entries.put(e.getName(), zip.readAllBytes());
            }
        } catch (java.util.zip.ZipException e) {
            throw new BadInputException(archive, "not a model archive (zip): " + e.getMessage(), e);
        } catch (java.io.EOFException e) {
            throw new BadInputException(archive, "truncated model archive: the zip ends inside an entry ("
                    + e.getMessage() + ")", e);
        }
        for (String name : new String[] {METADATA, CONFIG, WEIGHTS}) {
            if (!entries.containsKey(name)) {
                throw new BadInputException(archive, "not a densereg model archive: entry " + name + " is missing");
            }
        }
        ModelMetadata metadata;
        try {
            metadata = JSON.readValue(entries.get(METADATA), ModelMetadata.class);
        } catch (IOException e) {
            throw new BadInputException(archive, METADATA + ": " + e.getMessage(), e);
        }
        if (metadata.formatVersion() > FORMAT_VERSION) {
            throw new BadInputException(archive, METADATA + ": formatVersion " + metadata.formatVersion()
                    + " is newer than this release reads (" + FORMAT_VERSION + ")");
        }
        String actual = Sha256.hex(entries.get(WEIGHTS));
        if (!actual.equals(metadata.weightsSha256())) {
            throw new BadInputException(archive, WEIGHTS + ": SHA-256 " + actual + " does not match metadata.json's "
                    + metadata.weightsSha256() + " (corrupted archive)");
        }
        ComputationGraph graph = Accelerators.active().accelerate(
                ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(entries.get(WEIGHTS)), false));
        return new Loaded(graph, metadata, new String(entries.get(CONFIG), StandardCharsets.UTF_8));
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setTime(0L);
        zip.putNextEntry(entry);
        zip.write(bytes);
        zip.closeEntry();
    }
}
