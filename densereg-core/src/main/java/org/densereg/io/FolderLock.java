package org.densereg.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An exclusive lock on an output folder (a training run folder, an inference or supervision output folder) while
 * one job writes into it, so that a second job refuses to start instead of interleaving its files with the first's
 * (two trainers in one run folder cut each other's {@code metrics.csv}).
 *
 * <p>The lock is an operating-system file lock ({@link FileChannel#tryLock()}) on the file {@value #LOCK_FILE} in
 * the folder: the system releases it when the holding process ends, even when it is killed with {@code kill -9}, so
 * a crashed run never blocks the next one. The lock file itself stays in the folder (empty but for the holder's
 * process id); its presence means nothing. Within one JVM a second {@link #acquire} of the same folder is refused
 * too (file locks belong to the whole process, so this class keeps its own table).
 *
 * <p>Right after taking the lock, {@link #acquire} deletes the temporary files that writes interrupted by a killed
 * process left behind ({@link StaleTemporaryFiles}), which is safe then because no other writer is alive.
 *
 * <p>Where the file system does not support locks (some network file systems), the folder is used without a lock
 * (a warning is logged) and nothing is deleted. Use it in try-with-resources:
 * <pre>{@code try (FolderLock lock = FolderLock.acquire(outDir)) { ... write into outDir ... }}</pre>
 */
public final class FolderLock implements AutoCloseable {

    /** The name of the lock file in a locked folder. */
    public static final String LOCK_FILE = ".densereg.lock";

    private static final Logger LOG = LoggerFactory.getLogger(FolderLock.class);

    /** Real paths of the folders locked by this JVM. */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path folder;
    private final Path realFolder;
    private final FileChannel channel;
    private final FileLock lock;
    private final List<Path> removedTemporaries;
    private final boolean created;
    private boolean closed;

    private FolderLock(Path folder, Path realFolder, FileChannel channel, FileLock lock, List<Path> removed,
            boolean created) {
        this.created = created;
        this.folder = folder;
        this.realFolder = realFolder;
        this.channel = channel;
        this.lock = lock;
        this.removedTemporaries = List.copyOf(removed);
    }

    /**
     * Locks a folder (created when missing), then removes stale temporary files in it and in the given sub-folders
     * ({@link StaleTemporaryFiles#remove}), logging how many.
     *
     * @param folder     the folder to write into
     * @param subfolders sub-folders (relative names) that the job also writes into atomically, e.g.
     *                   {@code checkpoints}; cleaned too when they exist
     * @return the held lock; close it when the job is done
     * @throws FolderLockedException when another process, or this one, holds the folder's lock (the message names
     *                               the folder and, where known, the holder's process id)
     * @throws IOException           when the folder or the lock file cannot be created
     */
    public static FolderLock acquire(Path folder, String... subfolders) throws IOException {
        boolean created = !Files.isDirectory(folder);
        Files.createDirectories(folder);
        Path real = folder.toRealPath();
        if (!HELD.add(real)) {
            throw locked(folder, "by this process");
        }
        boolean done = false;
        FileChannel channel = null;
        try {
            Path file = folder.resolve(LOCK_FILE);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                throw locked(folder, "by this process");
            } catch (IOException e) {
                LOG.warn("cannot lock {} ({}): the file system may not support locks; going on without a lock, so make"
                        + " sure no other densereg job writes into it", folder, e.getMessage());
                done = true;
                channel.close();
                return new FolderLock(folder, real, null, null, List.of(), false);
            }
            if (lock == null) {
                throw locked(folder, holder(file));
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            List<Path> removed = new ArrayList<>(StaleTemporaryFiles.remove(folder));
            for (String sub : subfolders) {
                removed.addAll(StaleTemporaryFiles.remove(folder.resolve(sub)));
            }
            if (!removed.isEmpty()) {
                LOG.info("removed {} stale temporary file(s) left in {} by an interrupted run", removed.size(), folder);
            }
            done = true;
            return new FolderLock(folder, real, channel, lock, removed, created);
        } finally {
            if (!done) {
                HELD.remove(real);
                if (channel != null) {
                    channel.close();
                }
            }
        }
    }

    /** Deletes the lock file and the folder this lock created when the folder holds nothing else (best effort). */
    private void removeIfUnused() {
        try {
            boolean unused;
            try (java.util.stream.Stream<Path> s = Files.list(folder)) {
                unused = s.allMatch(p -> p.getFileName().toString().equals(LOCK_FILE));
            }
            if (unused) {
                Files.deleteIfExists(folder.resolve(LOCK_FILE));
                Files.delete(folder); // fails, harmlessly, when another job has just written into it
            }
        } catch (IOException e) {
            LOG.debug("left {} in place: {}", folder, e.toString());
        }
    }

    private static String holder(Path file) {
        try {
            String pid = Files.readString(file, StandardCharsets.UTF_8).strip();
            return pid.matches("[0-9]+") ? "by another process (pid " + pid + ")" : "by another process";
        } catch (IOException e) {
            return "by another process";
        }
    }

    private static FolderLockedException locked(Path folder, String byWhom) {
        return new FolderLockedException(folder, folder + " is in use " + byWhom + " (lock file " + LOCK_FILE
                + "): wait until that job ends, or write to another folder");
    }

    /** @return the locked folder, as given */
    public Path folder() {
        return folder;
    }

    /** @return whether the operating-system lock is held (false where the file system does not support locks) */
    public boolean isHeld() {
        return lock != null && lock.isValid();
    }

    /** @return the stale temporary files deleted when the lock was taken */
    public List<Path> removedTemporaries() {
        return removedTemporaries;
    }

    /**
     * Releases the lock. The lock file stays, except when {@link #acquire} created the folder and nothing else was
     * written into it (a job that stopped at once, e.g. on a usage error): then the folder is removed again. Closing
     * twice does nothing.
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (created && isHeld()) {
                removeIfUnused();
            }
            if (channel != null && channel.isOpen()) {
                channel.close(); // releases the lock
            }
        } finally {
            HELD.remove(realFolder);
        }
    }
}
