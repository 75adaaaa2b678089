package org.densereg.io;

import java.nio.file.Path;

/**
 * Malformed or unusable input data: names the file, the line or field, and what was expected.
 * The CLI maps it to exit code 3. Its message reads {@code file:line: what} (or {@code file: what}).
 */
public class BadInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final int line;

    /**
     * @param file the offending file (may be null when the input is not a file)
     * @param line 1-based line number, or 0 when not line-oriented
     * @param what what was wrong and what was expected
     */
    public BadInputException(Path file, int line, String what) {
        super(format(file, line, what));
        this.file = file;
        this.line = line;
    }

    /** A problem with a file as a whole (or a named field of it). */
    public BadInputException(Path file, String what) {
        this(file, 0, what);
    }

    /** Same as {@link #BadInputException(Path, String)}, keeping the underlying cause. */
    public BadInputException(Path file, String what, Throwable cause) {
        super(format(file, 0, what), cause);
        this.file = file;
        this.line = 0;
    }

    /** The offending file, or null. */
    public Path file() {
        return file;
    }

    /** The 1-based line, or 0. */
    public int line() {
        return line;
    }

    private static String format(Path file, int line, String what) {
        if (file == null) {
            return what;
        }
        return line > 0 ? file + ":" + line + ": " + what : file + ": " + what;
    }
}
