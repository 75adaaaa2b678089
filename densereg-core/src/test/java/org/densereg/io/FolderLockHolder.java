package org.densereg.io;

import java.nio.file.Path;

/**
 * A second process for {@link FolderLockTest}: locks the folder given as argument, prints {@code locked} (or
 * {@code refused: <message>} and exits 2), then holds the lock until its standard input closes or it is killed.
 */
public final class FolderLockHolder {

    private FolderLockHolder() {
    }

    public static void main(String[] args) throws Exception {
        try (FolderLock lock = FolderLock.acquire(Path.of(args[0]))) {
            System.out.println("locked");
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold the lock until stdin closes
            }
        } catch (FolderLockedException e) {
            System.out.println("refused: " + e.getMessage());
            System.out.flush();
            System.exit(2);
        }
    }
}
