package org.densereg.supervision;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.densereg.io.AtomicFiles;
import org.densereg.io.OutputIds;

/**
 * The outcome of a supervision run: one {@link FaceOutcome} per face plus the problems found while scanning
 * the annotations, with aggregate fit quality.
 *
 * @param model    id of the morphable model used
 * @param size     crop size
 * @param outcomes per face, in input order
 * @param renamed  faces whose id got a {@code ~n} suffix because an earlier face had taken it
 *                 ({@link org.densereg.data.face.AnnotationScan#renamed})
 * @param seconds  wall-clock duration
 */
public record SupervisionSummary(String model, int size, List<FaceOutcome> outcomes, List<OutputIds.Renamed> renamed,
        double seconds) {

    /** Copies the lists. */
    public SupervisionSummary {
        outcomes = List.copyOf(outcomes);
        renamed = List.copyOf(renamed);
    }

    /** @return the number of faces with the given status */
    public long count(String status) {
        return outcomes.stream().filter(o -> o.status().equals(status)).count();
    }

    /** @return mean reprojection NME over faces written by this run (NaN when none) */
    public double meanReprojectionNme() {
        return outcomes.stream().filter(o -> o.status().equals(FaceOutcome.OK))
                .mapToDouble(FaceOutcome::reprojectionNme).average().orElse(Double.NaN);
    }

    /** @return mean landmark UV error over faces written by this run, ignoring NaN (NaN when none) */
    public double meanUvError() {
        return outcomes.stream().filter(o -> o.status().equals(FaceOutcome.OK))
                .mapToDouble(FaceOutcome::meanUvError).filter(Double::isFinite).average().orElse(Double.NaN);
    }

    /**
     * Writes {@code summary.json} (totals, the renamed faces as {@code [{"input", "wanted", "id"}, ...]}
     * ({@link OutputIds.Renamed#forSummary}; empty when none) and per-face records; NaN written as null) and
     * {@code failures.csv} (id, image, message) into a folder, atomically.
     *
     * @param outDir destination folder
     * @throws IOException when writing fails
     */
    public void write(Path outDir) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("model", model);
        root.put("size", size);
        root.put("faces", outcomes.size());
        root.put("ok", count(FaceOutcome.OK));
        root.put("existing", count(FaceOutcome.EXISTING));
        root.put("failed", count(FaceOutcome.FAILED));
        root.put("meanReprojectionNme", finiteOrNull(meanReprojectionNme()));
        root.put("meanLandmarkUvError", finiteOrNull(meanUvError()));
        root.put("seconds", seconds);
        root.put("renamed", OutputIds.Renamed.forSummary(renamed));
        List<Map<String, Object>> records = new ArrayList<>();
        for (FaceOutcome o : outcomes) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("id", o.id());
            r.put("image", o.image());
            r.put("status", o.status());
            r.put("reprojectionNme", finiteOrNull(o.reprojectionNme()));
            r.put("meanLandmarkUvError", finiteOrNull(o.meanUvError()));
            r.put("yawDegrees", finiteOrNull(o.yawDegrees()));
            if (!o.message().isEmpty()) {
                r.put("message", o.message());
            }
            records.add(r);
        }
        root.put("perFace", records);
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        AtomicFiles.writeBytes(outDir.resolve("summary.json"), mapper.writeValueAsBytes(root));
        StringBuilder csv = new StringBuilder("id,image,message\n");
        for (FaceOutcome o : outcomes) {
            if (o.status().equals(FaceOutcome.FAILED)) {
                csv.append(csvField(o.id())).append(',').append(csvField(o.image())).append(',')
                        .append(csvField(o.message())).append('\n');
            }
        }
        AtomicFiles.writeString(outDir.resolve("failures.csv"), csv.toString());
    }

    private static Double finiteOrNull(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private static String csvField(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\n")) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }
}
