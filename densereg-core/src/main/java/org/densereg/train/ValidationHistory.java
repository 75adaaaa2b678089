package org.densereg.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.densereg.io.BadInputException;
import org.densereg.io.TextFiles;

/**
 * The validation records of a run folder ({@code val.jsonl}, one JSON object per line with {@code iteration} and a
 * {@code metrics} object), read back for curves and tables.
 *
 * @param runDir  the run folder
 * @param entries the records in file order
 */
public record ValidationHistory(Path runDir, List<Entry> entries) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One validation.
     *
     * @param iteration the iteration it was run after
     * @param metrics   metric name → value, in file order
     */
    public record Entry(long iteration, Map<String, Double> metrics) {
    }

    /**
     * Reads {@code RUN_DIR/val.jsonl}.
     *
     * @param runDir a run folder written by the trainer
     * @return its history (possibly empty when the run has not validated yet)
     * @throws IOException       when the file cannot be read (missing: the message says why it may be)
     * @throws BadInputException when a line is not a validation record (file and line named)
     */
    public static ValidationHistory read(Path runDir) throws IOException {
        Path file = runDir.resolve("val.jsonl");
        List<String> lines;
        try {
            lines = TextFiles.readLines(file);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "no val.jsonl: not a run folder, or the run never validated");
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.isBlank()) {
                entries.add(parse(line, file, i + 1));
            }
        }
        return new ValidationHistory(runDir, List.copyOf(entries));
    }

    private static Entry parse(String line, Path file, int lineNumber) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new BadInputException(file, lineNumber, "not JSON (" + e.getOriginalMessage() + ")");
        }
        JsonNode iteration = node.get("iteration");
        JsonNode metrics = node.get("metrics");
        if (iteration == null || !iteration.canConvertToLong() || metrics == null || !metrics.isObject()) {
            throw new BadInputException(file, lineNumber, "expected {\"iteration\": N, \"metrics\": {...}}");
        }
        Map<String, Double> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = metrics.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> m = it.next();
            values.put(m.getKey(), m.getValue().isNumber() ? m.getValue().asDouble() : Double.NaN);
        }
        return new Entry(iteration.asLong(), Collections.unmodifiableMap(values));
    }

    /** @return every metric name that occurs, in first-seen order */
    public Set<String> metricNames() {
        Set<String> names = new LinkedHashSet<>();
        for (Entry e : entries) {
            names.addAll(e.metrics().keySet());
        }
        return names;
    }

    /**
     * @param metric a metric name
     * @return [2][n] iterations and values of the entries that hold {@code metric}
     */
    public double[][] series(String metric) {
        List<Entry> with = entries.stream().filter(e -> e.metrics().containsKey(metric)).toList();
        double[][] xy = new double[2][with.size()];
        for (int i = 0; i < with.size(); i++) {
            xy[0][i] = with.get(i).iteration();
            xy[1][i] = with.get(i).metrics().get(metric);
        }
        return xy;
    }
}
