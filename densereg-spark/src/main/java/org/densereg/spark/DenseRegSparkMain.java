package org.densereg.spark;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.densereg.io.BadInputException;
import org.densereg.io.FolderLockedException;
import org.densereg.train.TrainingDivergedException;
import org.densereg.train.TrainingOutOfMemoryException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code scripts/densereg-spark} and of the cluster job jar ({@code spark-submit --class
 * org.densereg.spark.DenseRegSparkMain}): {@code densereg-spark infer ...} and {@code densereg-spark train ...}. Exit
 * codes as {@code densereg}'s: 0 ok, 1 failure (I/O, a failed Spark job, a diverged or out-of-memory training), 2 usage
 * (also an output or run folder in use), 3 bad input data or an invalid configuration, 4 internal error.
 */
@Command(name = "densereg-spark", mixinStandardHelpOptions = true, versionProvider = DenseRegSparkMain.Version.class,
        description = "DenseReg on Apache Spark (local[*] by default; spark-submit for a cluster, see docs/spark.md).",
        subcommands = {SparkInferCommand.class, SparkTrainCommand.class, CommandLine.HelpCommand.class})
public final class DenseRegSparkMain implements Runnable {

    /** Exit code: success. */
    public static final int OK = 0;
    /** Exit code: failure (I/O, a failed Spark job). */
    public static final int FAILURE = 1;
    /** Exit code: usage error. */
    public static final int USAGE = 2;
    /** Exit code: bad input data. */
    public static final int BAD_INPUT = 3;
    /** Exit code: internal error. */
    public static final int INTERNAL = 4;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Builds the configured command line (used by the launcher and by tests). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new DenseRegSparkMain());
        cl.setExecutionExceptionHandler(DenseRegSparkMain::handle);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        // @FILE arguments are infer's own list files, not picocli argument files
        cl.setExpandAtFiles(false);
        return cl;
    }

    /** Runs {@code densereg-spark} with the given arguments and exits with its exit code. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (infer, train)");
    }

    /** The boundary: every exception that escapes a command becomes a one-line message and an exit code. */
    private static int handle(Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
        int code;
        String message;
        if (ex instanceof FolderLockedException) {
            code = USAGE;
            message = ex.getMessage();
        } else if (ex instanceof BadInputException) {
            code = BAD_INPUT;
            message = "bad input: " + ex.getMessage();
        } else if (ex instanceof IOException || ex instanceof UncheckedIOException) {
            code = FAILURE;
            message = "I/O error: " + ex.getMessage();
        } else if (ex instanceof SparkJobException || ex instanceof TrainingDivergedException
                || ex instanceof TrainingOutOfMemoryException) {
            code = FAILURE;
            message = ex.getMessage();
        } else {
            code = INTERNAL;
            message = "internal error: " + ex + " (run with --stacktrace for details)";
        }
        PrintWriter err = cmd.getErr();
        err.println("densereg-spark: " + message);
        if (parseResult.hasMatchedOption("--stacktrace") || parseResult.subcommand() != null
                && parseResult.subcommand().hasMatchedOption("--stacktrace")) {
            ex.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    /** The version of the module's jar. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = DenseRegSparkMain.class.getPackage().getImplementationVersion();
            String spark = org.apache.spark.SparkContext.class.getPackage().getImplementationVersion();
            return new String[] {"densereg-spark " + (v != null ? v : "(development build)") + ", Spark "
                    + (spark != null ? spark : "(unknown)")};
        }
    }
}
