package org.densereg.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds and removes the temporary files that an interrupted {@link AtomicFiles} write leaves behind (a process
 * killed with {@code kill -9} between creating the temporary file and moving it over its target). They are named
 * {@code .<target file name>.<random digits>.tmp} ({@code Files.createTempFile(dir, "." + name + ".", ".tmp")});
 * nothing else matches, so other files, including other programs' temporaries, are never touched. Remove them only
 * while holding the folder's {@link FolderLock}, so that no live writer owns them.
 */
public final class StaleTemporaryFiles {

    /** {@code .<name>.<1 to 20 digits>.tmp}: the names {@link AtomicFiles} gives its temporary files. */
    private static final Pattern OURS = Pattern.compile("\\..+\\.[0-9]{1,20}\\.tmp");

    private StaleTemporaryFiles() {
    }

    /**
     * True when a file name has the shape of an {@link AtomicFiles} temporary file.
     *
     * @param fileName a file name (no folder)
     * @return whether it matches {@code .<name>.<digits>.tmp}
     */
    public static boolean isTemporaryName(String fileName) {
        return OURS.matcher(fileName).matches();
    }

    /**
     * Deletes the {@link AtomicFiles} temporary files directly in {@code dir} (not in its sub-folders): regular files
     * (not links) whose name {@link #isTemporaryName matches}. A missing folder has none.
     *
     * @param dir the folder
     * @return the deleted files, sorted
     * @throws IOException when the folder cannot be listed or a file cannot be deleted
     */
    public static List<Path> remove(Path dir) throws IOException {
        List<Path> removed = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return removed;
        }
        List<Path> stale;
        try (Stream<Path> s = Files.list(dir)) {
            stale = s.filter(p -> isTemporaryName(p.getFileName().toString()))
                    .filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .sorted().toList();
        }
        for (Path p : stale) {
            if (Files.deleteIfExists(p)) {
                removed.add(p);
            }
        }
        return removed;
    }
}
