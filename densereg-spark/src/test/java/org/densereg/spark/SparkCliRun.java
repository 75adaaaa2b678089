package org.densereg.spark;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** One {@code densereg-spark} command line run in-process: its exit code and what it printed. */
record SparkCliRun(int code, String out, String err) {

    static SparkCliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = DenseRegSparkMain.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new SparkCliRun(code, out.toString(), err.toString());
    }
}
