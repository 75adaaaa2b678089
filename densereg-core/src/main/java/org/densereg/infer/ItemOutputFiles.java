package org.densereg.infer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.densereg.io.AtomicFiles;

/**
 * The per-item output files of inference in one folder, shared by faces ({@link FaceOutputWriter}) and bodies
 * ({@link BodyOutputWriter}): item {@code id} gets {@code <outDir>/<id><suffix>} for each selected
 * {@link OutputFormat}; every file is written atomically, and the JSON file, when selected, is written last and marks
 * the item complete. Immutable; distinct ids may be written concurrently.
 */
public final class ItemOutputFiles {

    /** Writes the file of one non-JSON format of one item. */
    @FunctionalInterface
    public interface FormatWriter {
        /**
         * @param format the format
         * @param target the file to write (atomically)
         * @return false when the format is skipped for this item (e.g. {@code .pts} without landmarks)
         * @throws IOException when the file cannot be written
         */
        boolean write(OutputFormat format, Path target) throws IOException;
    }

    /** Serialises the JSON file of one item. */
    @FunctionalInterface
    public interface JsonBytes {
        /**
         * @return the file's bytes
         * @throws IOException when serialisation fails
         */
        byte[] get() throws IOException;
    }

    private final Path outDir;
    private final Set<OutputFormat> formats;
    private final Function<OutputFormat, String> suffixes;

    /**
     * @param outDir   output folder (created when needed)
     * @param formats  the files to write (non-empty)
     * @param suffixes the file-name suffix of each format (e.g. {@link OutputFormat#suffix()})
     * @throws IllegalArgumentException when no format is selected
     */
    public ItemOutputFiles(Path outDir, Set<OutputFormat> formats, Function<OutputFormat, String> suffixes) {
        if (formats.isEmpty()) {
            throw new IllegalArgumentException("no output format selected");
        }
        this.outDir = outDir;
        this.formats = Collections.unmodifiableSet(EnumSet.copyOf(formats));
        this.suffixes = suffixes;
    }

    /** The output folder. */
    public Path outDir() {
        return outDir;
    }

    /** The selected formats (unmodifiable, in enum order). */
    public Set<OutputFormat> formats() {
        return formats;
    }

    /** The path of one output file of an item. */
    public Path file(String id, OutputFormat format) {
        return outDir.resolve(id + suffixes.apply(format));
    }

    /**
     * True when the item's outputs exist from an earlier run: its JSON file when JSON is selected (written last),
     * otherwise every selected file except {@code .pts} (which is skipped when landmarks are missing).
     */
    public boolean isComplete(String id) {
        if (formats.contains(OutputFormat.JSON)) {
            return Files.isRegularFile(file(id, OutputFormat.JSON));
        }
        for (OutputFormat f : formats) {
            if (f != OutputFormat.PTS && !Files.isRegularFile(file(id, f))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Writes the selected files of one item: each non-JSON format through {@code files}, then, when selected, the
     * JSON file (atomically), last.
     *
     * @param id    the item's output id
     * @param files writes one non-JSON file
     * @param json  the JSON file's bytes (called only when JSON is selected)
     * @return the files written, in order
     * @throws IOException when a file cannot be written
     */
    public List<Path> write(String id, FormatWriter files, JsonBytes json) throws IOException {
        List<Path> written = new ArrayList<>();
        for (OutputFormat f : formats) {
            Path target = file(id, f);
            if (f != OutputFormat.JSON && files.write(f, target)) {
                written.add(target);
            }
        }
        if (formats.contains(OutputFormat.JSON)) {
            Path target = file(id, OutputFormat.JSON);
            AtomicFiles.writeBytes(target, json.get());
            written.add(target);
        }
        return written;
    }
}
