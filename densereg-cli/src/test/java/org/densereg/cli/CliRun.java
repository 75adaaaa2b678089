package org.densereg.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.densereg.cli.option.VerbosityMixin;
import org.densereg.network.InferencePrecision;
import org.densereg.network.Precision;
import picocli.CommandLine;

/**
 * One run of the command line inside the test JVM, through {@code CommandLine.execute}, with its output captured.
 *
 * @param code exit code
 * @param out  standard output
 * @param err  standard error (picocli's error stream)
 */
public record CliRun(int code, String out, String err) {

    /**
     * @param args command-line arguments
     * @return the exit code and captured streams
     */
    public static CliRun of(String... args) {
        VerbosityMixin.reset();
        // the inference precision is per process; each run here starts from the default, as a new process would
        InferencePrecision.request(Precision.FP32);
        CommandLine cl = DenseRegMain.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        VerbosityMixin.reset();
        InferencePrecision.request(Precision.FP32);
        return new CliRun(code, out.toString(), err.toString());
    }
}
