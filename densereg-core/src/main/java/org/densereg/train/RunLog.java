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
import org.densereg.io.AtomicFiles;
import org.densereg.io.TextFiles;

/**
 * {@code metrics.csv} and {@code val.jsonl} of a run folder (appended; cut back to a checkpoint on resume), and
 * {@code training_summary.json} (written at the end of each session).
 */
final class RunLog {

    /** Columns before the time split was recorded; a resumed run folder with this header gets the new one. */
    static final String OLD_METRICS_HEADER = "iteration,loss,learning_rate,images_per_second,elapsed_seconds";
    static final String METRICS_HEADER = OLD_METRICS_HEADER + ",busy_fraction,data_wait_s,validation_s,checkpoint_s";
    static final String SUMMARY = "training_summary.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path runDir;
    private final Path metrics;
    private final Path validation;

    RunLog(Path runDir) {
        this.runDir = runDir;
        this.metrics = runDir.resolve("metrics.csv");
        this.validation = runDir.resolve("val.jsonl");
    }

    void start() throws IOException {
        Files.writeString(metrics, METRICS_HEADER + "\n", StandardCharsets.UTF_8);
        Files.writeString(validation, "", StandardCharsets.UTF_8);
    }

    /**
     * One row of {@code metrics.csv}.
     *
     * @param window where the wall time since the previous row went
     */
    void metric(long iteration, double loss, double lr, double imagesPerSecond, double elapsed, TrainingTimes window)
            throws IOException {
        append(metrics, String.format(Locale.ROOT, "%d,%.8g,%.8g,%.3f,%.3f,%.4f,%.3f,%.3f,%.3f", iteration, loss, lr,
                imagesPerSecond, elapsed, window.busyFraction(), window.dataWaitSeconds(),
                window.validationSeconds(), window.checkpointSeconds()));
    }

    /**
     * Writes {@code training_summary.json}: the outcome of the run and where its wall time went, over the whole run
     * ({@code busy_fraction}, ...) and over the session that just ended ({@code session}).
     */
    void summary(TrainingSummary s, TrainingTimes session) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("iterations", s.iterations());
        root.put("start_iteration", s.startIteration());
        root.put("final_loss", finite(s.finalLoss()));
        root.put("primary_metric", s.primaryMetric());
        root.put("best_metric", finite(s.bestMetric()));
        root.put("best_iteration", s.bestIteration());
        root.put("elapsed_s", s.elapsedSeconds());
        root.putAll(timeFields(s.times()));
        root.put("session", timeFields(session));
        AtomicFiles.writeString(runDir.resolve(SUMMARY),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
    }

    private static Map<String, Object> timeFields(TrainingTimes t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("wall_s", t.wallSeconds());
        m.put("busy_s", t.busySeconds());
        m.put("busy_fraction", finite(t.busyFraction()));
        m.put("data_wait_s", t.dataWaitSeconds());
        m.put("validation_s", t.validationSeconds());
        m.put("checkpoint_s", t.checkpointSeconds());
        m.put("other_s", t.otherSeconds());
        return m;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
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
            boolean oldColumns = false;
            for (String line : TextFiles.readLines(metrics)) {
                int comma = line.indexOf(',');
                if (keep.isEmpty()) {
                    // a run folder from before the time split: new header, old rows padded with empty fields
                    oldColumns = line.equals(OLD_METRICS_HEADER);
                    keep.add(oldColumns ? METRICS_HEADER : line);
                } else if (comma > 0 && isAtMost(line.substring(0, comma), iteration)) {
                    keep.add(oldColumns ? line + ",,,," : line);
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
