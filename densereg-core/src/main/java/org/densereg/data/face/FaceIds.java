package org.densereg.data.face;

import org.densereg.io.OutputIds;

/** Turns names from datasets into face ids that are safe as file names. */
final class FaceIds {

    private FaceIds() {
    }

    /** Makes a name safe as a file name ({@link OutputIds#sanitize}); path separators become {@code _} too. */
    static String sanitize(String raw) {
        return OutputIds.sanitize(raw);
    }

    /** The file name without its last extension. */
    static String stem(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }
}
