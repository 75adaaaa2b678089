package org.densereg.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.densereg.io.TextFiles;

/** {@code metrics.csv} and {@code val.jsonl} of a run folder (appended; cut back to a checkpoint on resume). */
final class RunLog {

    static final String METRICS_HEADER = "iteration,loss,learning_rate,images_per_second,elapsed_seconds";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path metrics;
    private final Path validation;

    RunLog(Path runDir) {
        this.metrics = runDir.resolve("metrics.csv");
        this.validation = runDir.resolve("val.jsonl");
    }

    void start() throws IOException {
        Files.writeString(metrics, METRICS_HEADER + "\n", StandardCharsets.UTF_8);
        Files.writeString(validation, "", StandardCharsets.UTF_8);
    }

    void metric(long iteration, double loss, double lr, double imagesPerSecond, double elapsed) throws IOException {
        append(metrics, String.format(Locale.ROOT, "%d,%.8g,%.8g,%.3f,%.3f", iteration, loss, lr,
                imagesPerSecond, elapsed));
    }

    void validation(long iteration, Map<String, Double> values, boolean best) throws IOException {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("iteration", iteration);
        row.put("metrics", values);
        row.put("best", best);
        append(validation, JSON.writeValueAsString(row));
    }

    /** Removes rows written after {@code iteration} (by a run that was killed after that checkpoint). */
    void truncateAfter(long iteration) throws IOException {
        if (Files.isRegularFile(metrics)) {
            List<String> keep = new ArrayList<>();
            for (String line : TextFiles.readLines(metrics)) {
                int comma = line.indexOf(',');
                if (keep.isEmpty() || (comma > 0 && isAtMost(line.substring(0, comma), iteration))) {
                    keep.add(line);
                }
            }
            Files.write(metrics, keep, StandardCharsets.UTF_8);
        } else {
            Files.writeString(metrics, METRICS_HEADER + "\n", StandardCharsets.UTF_8);
        }
        List<String> keepVal = new ArrayList<>();
        if (Files.isRegularFile(validation)) {
            for (String line : TextFiles.readLines(validation)) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    JsonNode n = JSON.readTree(line);
                    if (n.path("iteration").asLong(Long.MAX_VALUE) <= iteration) {
                        keepVal.add(line);
                    }
                } catch (JsonProcessingException e) {
                    // a torn last line from a killed run: dropped
                }
            }
        }
        Files.write(validation, keepVal, StandardCharsets.UTF_8);
    }

    private static boolean isAtMost(String field, long iteration) {
        try {
            return Long.parseLong(field.trim()) <= iteration;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void append(Path file, String line) throws IOException {
        Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }
}
