package org.densereg.cli.support;

/** A command decided to stop with a given exit code and a one-line message. */
public final class CommandFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    /**
     * @param exitCode one of {@link ExitCodes}
     * @param message  the one-line message shown to the user
     */
    public CommandFailedException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    /** The exit code to return. */
    public int exitCode() {
        return exitCode;
    }
}
