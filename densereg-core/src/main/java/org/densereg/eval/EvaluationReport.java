package org.densereg.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one evaluation produced, ready for {@link ReportWriter}: the summary table, every number by name,
 * the curves, one row per image, and the provenance (files with SHA-256, options, normalisation, versions).
 *
 * @param dataset         {@code 300w}, {@code mpii} or {@code lsp}
 * @param subset          the evaluated subset ({@code full}, {@code valid}, {@code test}, …)
 * @param metric          the headline metric, e.g. {@code PCKh@0.5}
 * @param provenance      ordered key → value (strings, numbers, nested maps) written to metrics.json and report.md
 * @param table           the summary table
 * @param metrics         every number by a dotted name, e.g. {@code pckh.mean}, in insertion order
 * @param curves          curves plotted into {@code plotFile}
 * @param plotFile        file name of the plot, e.g. {@code pckh_curve.png}
 * @param curveXLabel     x-axis label of the plot
 * @param curveYLabel     y-axis label of the plot
 * @param perImageColumns header of per_image.csv
 * @param perImageRows    rows of per_image.csv (already formatted)
 */
public record EvaluationReport(String dataset, String subset, String metric, Map<String, Object> provenance, Table table,
                               Map<String, Double> metrics, List<Curve> curves, String plotFile, String curveXLabel,
                               String curveYLabel, List<String> perImageColumns, List<List<String>> perImageRows) {

    /**
     * A table of numbers.
     *
     * @param columns column names (the first column is the row label)
     * @param rows    rows
     * @param digits  decimals printed (C-style rounding, {@link Decimals})
     */
    public record Table(List<String> columns, List<Row> rows, int digits) {
    }

    /**
     * A table row.
     *
     * @param label  first-column text
     * @param values one value per remaining column
     */
    public record Row(String label, double[] values) {
    }

    /**
     * A sampled curve.
     *
     * @param name legend text
     * @param x    {@code [K]} x samples
     * @param y    {@code [K]} y samples
     */
    public record Curve(String name, double[] x, double[] y) {
    }

    /**
     * @param key   a provenance key, e.g. {@code "model"}
     * @param value its value (a string, number, list or map, written to metrics.json and report.md)
     * @return this report with {@code key → value} added after (or replacing) the existing provenance entries
     */
    public EvaluationReport withProvenance(String key, Object value) {
        Map<String, Object> prov = new LinkedHashMap<>(provenance);
        prov.put(key, value);
        return new EvaluationReport(dataset, subset, metric, prov, table, metrics, curves, plotFile, curveXLabel,
                curveYLabel, perImageColumns, perImageRows);
    }
}
