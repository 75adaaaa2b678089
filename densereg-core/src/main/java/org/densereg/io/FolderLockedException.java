package org.densereg.io;

import java.io.IOException;
import java.nio.file.Path;

/** Another writer (another process, or another part of this one) holds the {@link FolderLock} of a folder. */
public final class FolderLockedException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path folder;

    /**
     * @param folder  the folder that is in use
     * @param message the one-line message, naming the folder
     */
    public FolderLockedException(Path folder, String message) {
        super(message);
        this.folder = folder;
    }

    /** @return the folder that is in use */
    public Path folder() {
        return folder;
    }
}
