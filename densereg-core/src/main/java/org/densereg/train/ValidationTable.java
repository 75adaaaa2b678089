package org.densereg.train;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * One validation metric of several runs side by side ({@code densereg curves}): a Markdown table with one row per
 * iteration that any run validated at and one column per run.
 */
public final class ValidationTable {

    /** The cell of a run that did not validate at a row's iteration. */
    public static final String ABSENT = "–";

    private ValidationTable() {
    }

    /**
     * One run's values of the metric.
     *
     * @param label      the column heading
     * @param iterations [n] the iterations validated at, as read ({@link ValidationHistory#series})
     * @param values     [n] the metric's value at each
     */
    public record Column(String label, double[] iterations, double[] values) {
    }

    /**
     * @param history a run's validation records
     * @param metric  a metric name
     * @param label   the column heading
     * @return the run's column of {@code metric} (empty when the run never recorded it)
     */
    public static Column column(ValidationHistory history, String metric, String label) {
        double[][] xy = history.series(metric);
        return new Column(label, xy[0], xy[1]);
    }

    /**
     * @param columns the runs, in column order
     * @return {@code | iteration | A | B |} then one row per iteration ascending, values with 2 decimals and
     *         {@link #ABSENT} where a run has no value; each line ends with a newline
     */
    public static String markdown(List<Column> columns) {
        TreeSet<Double> iterations = new TreeSet<>();
        columns.forEach(c -> Arrays.stream(c.iterations()).forEach(iterations::add));
        StringBuilder sb = new StringBuilder("| iteration |");
        columns.forEach(c -> sb.append(' ').append(c.label()).append(" |"));
        sb.append("\n|---|");
        columns.forEach(c -> sb.append("---|"));
        sb.append('\n');
        for (double it : iterations) {
            sb.append("| ").append((long) it).append(" |");
            for (Column c : columns) {
                String cell = ABSENT;
                for (int i = 0; i < c.iterations().length; i++) {
                    if (c.iterations()[i] == it) {
                        cell = String.format(Locale.ROOT, "%.2f", c.values()[i]);
                    }
                }
                sb.append(' ').append(cell).append(" |");
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
