package org.densereg.cli.support;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.densereg.cli.option.VerbosityMixin;
import org.densereg.io.BadInputException;
import org.densereg.io.FolderLockedException;
import org.densereg.train.TrainingDivergedException;
import org.densereg.train.TrainingOutOfMemoryException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Maps exceptions escaping a command to a one-line message on stderr and an exit code:
 * a folder locked by another job ({@link FolderLockedException}) → 2 (usage), bad input → 3, I/O failure, diverged
 * or out-of-memory training → 1, anything else → 4 (internal).
 * Stack traces only with -v/--stacktrace.
 */
public final class ErrorHandler implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        int code;
        String message;
        if (ex instanceof FolderLockedException) {
            code = ExitCodes.USAGE;
            message = ex.getMessage();
        } else if (ex instanceof BadInputException) {
            code = ExitCodes.BAD_INPUT;
            message = "bad input: " + ex.getMessage();
        } else if (ex instanceof IOException || ex instanceof UncheckedIOException) {
            code = ExitCodes.FAILURE;
            message = "I/O error: " + ex.getMessage();
        } else if (ex instanceof TrainingDivergedException || ex instanceof TrainingOutOfMemoryException) {
            code = ExitCodes.FAILURE;
            message = ex.getMessage();
        } else if (ex instanceof CommandFailedException failed) {
            code = failed.exitCode();
            message = ex.getMessage();
        } else {
            code = ExitCodes.INTERNAL;
            message = "internal error: " + ex + " (run with --stacktrace for details)";
        }
        err.println(cmd.getColorScheme().errorText("densereg: " + message));
        if (VerbosityMixin.stackTraces()) {
            ex.printStackTrace(err);
        }
        err.flush();
        return code;
    }
}
