package org.densereg.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.densereg.io.AtomicFiles;
import org.densereg.io.BadInputException;
import org.densereg.io.TextFiles;
import org.densereg.network.Accelerators;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checkpoints of a run folder: {@code checkpoints/ckpt-<iteration>.zip} (network + updater state, DL4J
 * ModelSerializer) with {@code ckpt-<iteration>.json} ({@link CheckpointState}), and the {@code last_checkpoint}
 * pointer, written last. Every file is written atomically, so a killed run leaves the previous checkpoint usable.
 */
final class CheckpointStore {

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointStore.class);
    private static final Pattern NAME = Pattern.compile("ckpt-(\\d+)\\.zip");
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** A complete checkpoint on disk. */
    record Loaded(Path zip, CheckpointState state) {
    }

    private final Path runDir;
    private final int keep;

    CheckpointStore(Path runDir, int keep) {
        this.runDir = runDir;
        this.keep = keep;
    }

    Path dir() {
        return runDir.resolve("checkpoints");
    }

    Path pointer() {
        return runDir.resolve("last_checkpoint");
    }

    Path zip(long iteration) {
        return dir().resolve("ckpt-" + iteration + ".zip");
    }

    Path json(long iteration) {
        return dir().resolve("ckpt-" + iteration + ".json");
    }

    /** Writes a checkpoint (zip, then json, then the pointer) and prunes old ones. */
    void write(ComputationGraph graph, CheckpointState state) throws IOException {
        long it = state.iteration();
        AtomicFiles.writeVia(zip(it),
                tmp -> ModelSerializer.writeModel(Accelerators.active().portable(graph), tmp.toFile(), true));
        AtomicFiles.writeString(json(it), JSON.writeValueAsString(state));
        AtomicFiles.writeString(pointer(), "ckpt-" + it + "\n");
        prune(it);
    }

    /** The newest complete checkpoint: the one {@code last_checkpoint} names, else the newest with both files. */
    Optional<Loaded> latest() throws IOException {
        if (Files.isRegularFile(pointer())) {
            String name = TextFiles.read(pointer()).trim();
            Matcher m = NAME.matcher(name + ".zip");
            if (m.matches()) {
                Optional<Loaded> named = load(Long.parseLong(m.group(1)));
                if (named.isPresent()) {
                    return named;
                }
            }
            LOG.warn("{} names '{}', which is not a complete checkpoint; using the newest complete one",
                    pointer(), name);
        }
        List<Long> its = iterations();
        for (int i = its.size() - 1; i >= 0; i--) {
            Optional<Loaded> l = load(its.get(i));
            if (l.isPresent()) {
                return l;
            }
        }
        return Optional.empty();
    }

    /** True when the run folder holds any checkpoint or pointer. */
    boolean exists() throws IOException {
        return Files.exists(pointer()) || !iterations().isEmpty();
    }

    private Optional<Loaded> load(long iteration) throws IOException {
        if (!Files.isRegularFile(zip(iteration)) || !Files.isRegularFile(json(iteration))) {
            return Optional.empty();
        }
        try {
            CheckpointState s = JSON.readValue(TextFiles.read(json(iteration)), CheckpointState.class);
            if (s.iteration() != iteration) {
                throw new BadInputException(json(iteration), "field iteration: expected " + iteration
                        + ", found " + s.iteration());
            }
            return Optional.of(new Loaded(zip(iteration), s));
        } catch (JsonProcessingException e) {
            throw new BadInputException(json(iteration), "not a checkpoint state: " + e.getOriginalMessage(), e);
        }
    }

    /** Iterations of the checkpoint zips present, ascending. */
    List<Long> iterations() throws IOException {
        List<Long> its = new ArrayList<>();
        if (!Files.isDirectory(dir())) {
            return its;
        }
        try (Stream<Path> files = Files.list(dir())) {
            files.forEach(f -> {
                Matcher m = NAME.matcher(f.getFileName().toString());
                if (m.matches()) {
                    its.add(Long.parseLong(m.group(1)));
                }
            });
        }
        its.sort(null);
        return its;
    }

    private void prune(long current) throws IOException {
        List<Long> its = iterations();
        int excess = its.size() - keep;
        for (int i = 0; i < its.size() && excess > 0; i++) {
            long it = its.get(i);
            if (it == current) {
                continue;
            }
            Files.deleteIfExists(json(it));
            Files.deleteIfExists(zip(it));
            excess--;
        }
    }
}
