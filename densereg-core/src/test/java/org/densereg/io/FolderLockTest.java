package org.densereg.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderLockTest {

    @TempDir
    Path dir;

    @Test
    void aSecondLockInTheSameProcessIsRefusedUntilTheFirstIsClosed() throws IOException {
        Path out = dir.resolve("out");
        try (FolderLock first = FolderLock.acquire(out)) {
            assertTrue(first.isHeld());
            assertTrue(Files.isRegularFile(out.resolve(FolderLock.LOCK_FILE)), "the folder is created, the lock file in it");
            FolderLockedException e = assertThrows(FolderLockedException.class, () -> FolderLock.acquire(out));
            assertTrue(e.getMessage().contains(out.toString()) && e.getMessage().contains("in use"), e.getMessage());
            assertEquals(out, e.folder());
            Path link = Files.createSymbolicLink(dir.resolve("link"), out);
            assertThrows(FolderLockedException.class, () -> FolderLock.acquire(link), "another path to the same folder");
            first.close();
            first.close();
        }
        try (FolderLock again = FolderLock.acquire(out)) {
            assertTrue(again.isHeld());
        }
    }

    @Test
    void aFolderTheLockCreatedIsRemovedAgainWhenNothingWasWrittenIntoIt() throws IOException {
        Path fresh = dir.resolve("fresh");
        FolderLock.acquire(fresh).close();
        assertFalse(Files.exists(fresh), "a job that stopped at once leaves no folder behind");
        Path used = dir.resolve("used");
        try (FolderLock lock = FolderLock.acquire(used)) {
            Files.writeString(used.resolve("summary.json"), "{}");
        }
        assertTrue(Files.isRegularFile(used.resolve("summary.json")));
        Path existing = Files.createDirectories(dir.resolve("existing"));
        FolderLock.acquire(existing).close();
        assertTrue(Files.isDirectory(existing), "a folder that was there stays");
    }

    @Test
    void aSecondProcessIsRefusedAndAKilledHolderLeavesNoLock() throws Exception {
        Path out = dir.resolve("run");
        Process holder = startHolder(out);
        try {
            assertEquals("locked", firstLine(holder));
            FolderLockedException e = assertThrows(FolderLockedException.class, () -> FolderLock.acquire(out));
            assertTrue(e.getMessage().contains(out.toString()) && e.getMessage().contains("pid " + holder.pid()),
                    e.getMessage());
        } finally {
            holder.destroyForcibly(); // SIGKILL: the holder cannot release anything itself
            assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
        }
        try (FolderLock lock = FolderLock.acquire(out)) {
            assertTrue(lock.isHeld(), "the operating system released the killed holder's lock");
            Process refused = startHolder(out);
            assertTrue(firstLine(refused).startsWith("refused: " + out), "and this JVM's lock refuses a second process");
            assertTrue(refused.waitFor(30, TimeUnit.SECONDS));
            assertEquals(2, refused.exitValue());
        }
    }

    @Test
    void staleTemporariesOfAtomicFilesAreRemovedWhenTheLockIsTakenOtherFilesAreKept() throws IOException {
        Path out = dir.resolve("out");
        Files.createDirectories(out.resolve("checkpoints"));
        AtomicReference<String> tmpName = new AtomicReference<>();
        AtomicFiles.writeVia(out.resolve("a.uv.png"), tmp -> {
            tmpName.set(tmp.getFileName().toString());
            Files.writeString(tmp, "done");
        });
        assertTrue(StaleTemporaryFiles.isTemporaryName(tmpName.get()), "the pattern is AtomicFiles' own: " + tmpName.get());
        Path stale = out.resolve(tmpName.get());
        Files.writeString(stale, "partial"); // what a kill -9 during the write leaves
        Path staleCheckpoint = out.resolve("checkpoints/.ckpt-10.zip.8765309.tmp");
        Files.writeString(staleCheckpoint, "partial");
        List<Path> kept = List.of(out.resolve("a.uv.png"), out.resolve(".other.tmp"), out.resolve(".x.12a.tmp"),
                out.resolve("notes.123.tmp"), out.resolve(".x.123.tmp.bak"), out.resolve("x.123.tmp"));
        for (Path p : kept.subList(1, kept.size())) {
            Files.writeString(p, "not ours");
        }
        Files.createDirectories(out.resolve(".dir.42.tmp"));
        try (FolderLock lock = FolderLock.acquire(out, "checkpoints")) {
            assertEquals(List.of(stale, staleCheckpoint), lock.removedTemporaries());
        }
        assertFalse(Files.exists(stale));
        assertFalse(Files.exists(staleCheckpoint));
        for (Path p : kept) {
            assertTrue(Files.exists(p), p + " is kept");
        }
        assertTrue(Files.isDirectory(out.resolve(".dir.42.tmp")), "folders are never removed");
    }

    private static Process startHolder(Path folder) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), FolderLockHolder.class.getName(),
                folder.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static String firstLine(Process p) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = r.readLine();
        return line == null ? "" : line;
    }
}
