package org.densereg.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes files so that a reader never sees a partial one: the content goes to a temporary file in the
 * target folder, which is then moved over the target atomically.
 */
public final class AtomicFiles {

    /** Writes the content of one file. */
    @FunctionalInterface
    public interface ContentWriter {
        /** Writes the whole content to {@code out}. */
        void write(OutputStream out) throws IOException;
    }

    /** Writes a file through a temporary path. The temporary path is handed to the writer. */
    @FunctionalInterface
    public interface PathWriter {
        /** Writes the whole content to the file {@code tmp}. */
        void write(Path tmp) throws IOException;
    }

    private AtomicFiles() {
    }

    /** Atomically replaces {@code target} with what {@code writer} writes. Creates parent folders. */
    public static void write(Path target, ContentWriter writer) throws IOException {
        writeVia(target, tmp -> {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                writer.write(out);
            }
        });
    }

    /** Atomically replaces {@code target} with the given bytes. */
    public static void writeBytes(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }

    /** Atomically replaces {@code target} with the given UTF-8 text. */
    public static void writeString(Path target, String text) throws IOException {
        writeBytes(target, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Atomically replaces {@code target} with a file the writer creates at a temporary path in the same
     * folder (for libraries that insist on writing to a path themselves). The temporary file is removed
     * when the writer fails.
     */
    public static void writeVia(Path target, PathWriter writer) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".tmp");
        boolean moved = false;
        try {
            writer.write(tmp);
            publish(tmp);
            try {
                Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /**
     * Temporary files are created owner-only; the published file gets the usual rw-r--r-- (where the file
     * system has POSIX permissions), like any file a user's tool writes.
     */
    private static void publish(Path tmp) throws IOException {
        if (tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }
}
