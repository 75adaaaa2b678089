package org.densereg.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Text fixtures as a Windows editor saves them: a UTF-8 byte-order mark and CRLF line ends. */
public final class WindowsText {

    /** The byte-order mark as a character (UTF-8 bytes EF BB BF). */
    public static final String BOM = "\uFEFF";

    private WindowsText() {
    }

    /** {@code lfText} with a leading BOM and every {@code \n} as {@code \r\n}. */
    public static String of(String lfText) {
        return BOM + lfText.replace("\n", "\r\n");
    }

    /** Writes {@link #of(String) of(lfText)} to {@code file} as UTF-8 and returns the file. */
    public static Path write(Path file, String lfText) throws IOException {
        Files.writeString(file, of(lfText), StandardCharsets.UTF_8);
        return file;
    }

    /** Writes {@code lfText} unchanged to {@code file} as UTF-8 and returns the file. */
    public static Path writePlain(Path file, String lfText) throws IOException {
        Files.writeString(file, lfText, StandardCharsets.UTF_8);
        return file;
    }
}
