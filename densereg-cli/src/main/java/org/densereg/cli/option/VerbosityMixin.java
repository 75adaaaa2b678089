package org.densereg.cli.option;

import org.densereg.runtime.ConsoleProgressBar;
import org.densereg.cli.support.Logging;
import org.densereg.runtime.ProgressListener;
import picocli.CommandLine.Option;

/** {@code -v}/{@code -q}/{@code --stacktrace}: log level and error detail, accepted by every command. */
public final class VerbosityMixin {

    private static boolean stackTraces;
    private static boolean quiet;

    @Option(names = {"-v", "--verbose"}, description = "Verbose logging (DEBUG) and stack traces on errors.")
    void setVerbose(boolean verbose) {
        if (verbose) {
            Logging.setLevel("DEBUG");
            stackTraces = true;
        }
    }

    @Option(names = {"-q", "--quiet"}, description = "Only warnings and errors on stderr.")
    void setQuiet(boolean quiet) {
        if (quiet) {
            Logging.setLevel("WARN");
            VerbosityMixin.quiet = true;
        }
    }

    @Option(names = "--stacktrace", description = "Print the full stack trace of an error.")
    void setStackTrace(boolean value) {
        stackTraces |= value;
    }

    /** True when the user asked for stack traces ({@code -v} or {@code --stacktrace}). */
    public static boolean stackTraces() {
        return stackTraces;
    }

    /** A progress bar on stderr, or no progress output under {@code -q}. */
    public static ProgressListener progress() {
        return quiet ? ProgressListener.NONE : new ConsoleProgressBar();
    }

    /** Resets the process-wide flags (tests run several commands in one JVM). */
    public static void reset() {
        stackTraces = false;
        quiet = false;
    }
}
