package org.densereg.cli.support;

/** The process exit codes of {@code densereg} (documented in the README). */
public final class ExitCodes {
    /** Success. */
    public static final int OK = 0;
    /** The job ran and failed (e.g. an I/O error writing outputs). */
    public static final int FAILURE = 1;
    /** Wrong command-line usage. */
    public static final int USAGE = 2;
    /** Bad input data: some inputs were malformed or unreadable (batch jobs still process the rest). */
    public static final int BAD_INPUT = 3;
    /** An internal error (a bug): please report it with {@code --stacktrace} output. */
    public static final int INTERNAL = 4;

    private ExitCodes() {
    }
}
