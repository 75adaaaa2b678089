package org.densereg.cli;

import org.densereg.cli.support.ErrorHandler;
import picocli.CommandLine;

/** Entry point of the {@code densereg} launcher. */
public final class DenseRegMain {

    private DenseRegMain() {
    }

    /** Builds the configured command line (used by the launcher and by tests). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new DenseRegCommand());
        cl.setExecutionExceptionHandler(new ErrorHandler());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        // @FILE arguments are the commands' own list files (e.g. infer's image lists, resolved against the list
        // file's folder), not picocli argument files
        cl.setExpandAtFiles(false);
        return cl;
    }

    /** Runs {@code densereg} with the given arguments and exits with its exit code. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
