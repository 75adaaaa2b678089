package org.densereg.cli.command;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.densereg.cli.option.VerbosityMixin;
import org.densereg.cli.support.CommandFailedException;
import org.densereg.cli.support.ExitCodes;
import org.densereg.eval.CurvePlot;
import org.densereg.eval.EvaluationReport;
import org.densereg.train.ValidationHistory;
import org.densereg.train.ValidationTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code densereg curves}: one validation metric of several training runs against the iteration, as a Markdown
 * table on standard output and optionally a PNG plot.
 */
@Command(name = "curves",
        description = "Compare training runs: a validation metric (from each run's val.jsonl) against the iteration, "
                + "as a Markdown table and an optional PNG plot.",
        footer = {"", "Example:",
            "  densereg curves --metric pckHeatmap --out lsp-curves.png runs/lsp-heatmap=heatmap runs/lsp-dense=dense"})
public final class CurvesCommand implements Callable<Integer> {

    @Mixin
    VerbosityMixin verbosity;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "RUN_DIR[=LABEL]",
            description = "Run folders (as written by train / train-body); the label defaults to the folder name.")
    List<String> runs;

    @Option(names = "--metric", required = true, paramLabel = "NAME",
            description = "Metric name in val.jsonl, e.g. nme, pckHeatmap, pckDense (an unknown name lists the known ones).")
    String metric;

    @Option(names = "--out", paramLabel = "FILE.png", description = "Also write the plot (800×560 PNG, written atomically).")
    Path out;

    @Option(names = "--y-scale", paramLabel = "F", defaultValue = "1",
            description = "Factor applied to the values before plotting; the plot's y axis is 0-100 (default: ${DEFAULT-VALUE}; "
                    + "use 100 for fractions such as nme).")
    double yScale;

    @Override
    public Integer call() throws IOException {
        List<ValidationTable.Column> columns = new ArrayList<>();
        for (String run : runs) {
            int eq = run.lastIndexOf('=');
            Path dir = Path.of(eq > 0 ? run.substring(0, eq) : run);
            String label = eq > 0 ? run.substring(eq + 1) : String.valueOf(dir.toAbsolutePath().normalize().getFileName());
            if (!Files.isDirectory(dir)) {
                throw new CommandFailedException(ExitCodes.USAGE, "not a folder: " + dir);
            }
            ValidationHistory history = ValidationHistory.read(dir);
            ValidationTable.Column column = ValidationTable.column(history, metric, label);
            if (column.iterations().length == 0) {
                throw new CommandFailedException(ExitCodes.BAD_INPUT, dir.resolve("val.jsonl") + ": no values of '" + metric
                        + "' (metrics there: " + history.metricNames() + ")");
            }
            columns.add(column);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.print(ValidationTable.markdown(columns));
        if (out != null) {
            List<EvaluationReport.Curve> scaled = columns.stream().map(c -> new EvaluationReport.Curve(c.label(),
                    c.iterations(), Arrays.stream(c.values()).map(v -> v * yScale).toArray())).toList();
            CurvePlot.writePng(CurvePlot.render(metric + " vs iteration", "iteration", metric, scaled), out);
            stdout.println("plot written to " + out);
        }
        stdout.flush();
        return ExitCodes.OK;
    }
}
