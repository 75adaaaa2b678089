package org.densereg.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes an {@link EvaluationReport} into a folder, each file atomically: {@code report.md} (tables and
 * provenance), {@code metrics.json} (every number and the provenance), {@code per_image.csv} and the curve plot
 * PNG. Also renders the short text table printed by the CLI.
 */
public final class ReportWriter {

    private static final Logger LOG = LoggerFactory.getLogger(ReportWriter.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportWriter() {
    }

    /** Writes the four outputs into {@code outDir} (created if needed). */
    public static void write(Path outDir, EvaluationReport report) throws IOException {
        Files.createDirectories(outDir);
        org.densereg.io.AtomicFiles.writeString(outDir.resolve("report.md"), markdown(report));
        org.densereg.io.AtomicFiles.writeString(outDir.resolve("metrics.json"), json(report));
        org.densereg.io.AtomicFiles.writeString(outDir.resolve("per_image.csv"), csv(report));
        CurvePlot.writePng(CurvePlot.render(title(report), report.curveXLabel(), report.curveYLabel(), report.curves()),
                outDir.resolve(report.plotFile()));
        LOG.info("evaluation written to {}", outDir);
    }

    /** "LSP test PCK@0.2" etc. */
    static String title(EvaluationReport r) {
        return r.dataset().toUpperCase(java.util.Locale.ROOT) + " " + r.subset() + " " + r.metric();
    }

    /** The summary table as fixed-width text (for stdout). */
    public static String textTable(EvaluationReport r) {
        EvaluationReport.Table t = r.table();
        List<List<String>> cells = cells(t);
        int[] w = new int[t.columns().size()];
        for (List<String> row : cells) {
            for (int c = 0; c < row.size(); c++) {
                w[c] = Math.max(w[c], row.get(c).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (List<String> row : cells) {
            for (int c = 0; c < row.size(); c++) {
                String s = row.get(c);
                sb.append(c == 0 ? pad(s, w[c], false) : "  " + pad(s, w[c], true));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static List<List<String>> cells(EvaluationReport.Table t) {
        List<List<String>> out = new ArrayList<>();
        out.add(t.columns());
        for (EvaluationReport.Row row : t.rows()) {
            List<String> r = new ArrayList<>();
            r.add(row.label());
            for (int c = 0; c < row.values().length; c++) {
                double v = row.values()[c];
                r.add(v == Math.rint(v) && t.columns().get(c + 1).equals("Faces") ? Long.toString((long) v)
                        : Decimals.format(v, t.digits()));
            }
            out.add(r);
        }
        return out;
    }

    private static String pad(String s, int w, boolean right) {
        String fill = " ".repeat(Math.max(0, w - s.length()));
        return right ? fill + s : s + fill;
    }

    static String markdown(EvaluationReport r) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append("# ").append(title(r)).append("\n\n");
        List<List<String>> cells = cells(r.table());
        for (int i = 0; i < cells.size(); i++) {
            sb.append("| ").append(String.join(" | ", cells.get(i))).append(" |\n");
            if (i == 0) {
                sb.append("|").append(" --- |".repeat(cells.get(0).size())).append('\n');
            }
        }
        sb.append("\n![curve](").append(r.plotFile()).append(")\n\n## All numbers\n\n| name | value |\n| --- | --- |\n");
        r.metrics().forEach((k, v) -> sb.append("| ").append(k).append(" | ").append(Decimals.format(v, 4)).append(" |\n"));
        sb.append("\n## Provenance\n\n```json\n").append(JSON.writeValueAsString(r.provenance())).append("\n```\n\n");
        sb.append("Per-image values: `per_image.csv`; every number with full precision: `metrics.json`.\n");
        return sb.toString();
    }

    static String json(EvaluationReport r) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("dataset", r.dataset());
        root.put("subset", r.subset());
        root.put("metric", r.metric());
        root.put("provenance", r.provenance());
        Map<String, Object> metrics = new LinkedHashMap<>();
        r.metrics().forEach((k, v) -> metrics.put(k, Double.isFinite(v) ? v : null));
        root.put("metrics", metrics);
        Map<String, Object> table = new LinkedHashMap<>();
        table.put("columns", r.table().columns());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (EvaluationReport.Row row : r.table().rows()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("label", row.label());
            m.put("values", row.values());
            rows.add(m);
        }
        table.put("rows", rows);
        root.put("table", table);
        List<Map<String, Object>> curves = new ArrayList<>();
        for (EvaluationReport.Curve c : r.curves()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", c.name());
            m.put("x", c.x());
            m.put("y", c.y());
            curves.add(m);
        }
        root.put("curves", curves);
        root.put("plot", r.plotFile());
        return JSON.writeValueAsString(root) + "\n";
    }

    static String csv(EvaluationReport r) {
        StringBuilder sb = new StringBuilder(String.join(",", r.perImageColumns())).append('\n');
        for (List<String> row : r.perImageRows()) {
            List<String> quoted = new ArrayList<>();
            for (String s : row) {
                quoted.add(s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s);
            }
            sb.append(String.join(",", quoted)).append('\n');
        }
        return sb.toString();
    }
}
