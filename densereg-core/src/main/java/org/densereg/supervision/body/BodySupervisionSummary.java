package org.densereg.supervision.body;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.densereg.io.AtomicFiles;
import org.densereg.io.BadInputException;
import org.densereg.io.OutputIds;
import org.densereg.supervision.SupervisionFileGroup;

/**
 * The outcome of a body supervision run.
 *
 * @param dataset  dataset label, e.g. {@code lsp}
 * @param size     crop size
 * @param framing  how the crops frame their person
 * @param outcomes one per person, in input order
 * @param renamed  items whose id got a {@code ~n} suffix because an earlier item had taken it
 * @param seconds  wall-clock duration
 */
public record BodySupervisionSummary(String dataset, int size, BodyFraming framing, List<BodyOutcome> outcomes,
        List<OutputIds.Renamed> renamed, double seconds) {

    /** Copies the lists. */
    public BodySupervisionSummary {
        outcomes = List.copyOf(outcomes);
        renamed = List.copyOf(renamed);
    }

    /**
     * How the crops of a folder were made, as its {@code summary.json} records them.
     *
     * @param size    crop side in pixels
     * @param framing the framing ({@link BodyFraming#JOINTS} for a summary written before framings were recorded)
     */
    public record CropLayout(int size, BodyFraming framing) {
    }

    /**
     * Reads the crop layout recorded in a folder's {@code summary.json}.
     *
     * @return the layout, empty when the folder has no summary
     * @throws BadInputException when the summary names an unknown framing
     * @throws IOException       when the summary exists but cannot be read
     */
    public static Optional<CropLayout> layoutOf(Path folder) throws IOException {
        Path summary = folder.resolve("summary.json");
        if (!Files.isRegularFile(summary)) {
            return Optional.empty();
        }
        JsonNode root = new ObjectMapper().readTree(summary.toFile());
        JsonNode framing = root.path("framing");
        try {
            return Optional.of(new CropLayout(root.path("size").asInt(),
                    framing.isTextual() ? BodyFraming.parse(framing.asText()) : BodyFraming.JOINTS));
        } catch (IllegalArgumentException e) {
            throw new BadInputException(summary, e.getMessage());
        }
    }

    /**
     * The framing recorded in a folder's {@code summary.json}: {@link BodyFraming#JOINTS} when the folder has no
     * summary or one written before framings were recorded.
     *
     * @throws IOException when the summary exists but cannot be read
     */
    public static BodyFraming framingOf(Path folder) throws IOException {
        return layoutOf(folder).map(CropLayout::framing).orElse(BodyFraming.JOINTS);
    }

    /** Number of outcomes with the given status. */
    public long count(String status) {
        return outcomes.stream().filter(o -> o.status().equals(status)).count();
    }

    /** Mean joint coverage over the items written by this run (NaN when none). */
    public double meanJointCoverage() {
        return outcomes.stream().filter(o -> o.status().equals(BodyOutcome.OK)).mapToDouble(BodyOutcome::jointCoverage)
                .filter(Double::isFinite).average().orElse(Double.NaN);
    }

    /**
     * Writes {@code summary.json} (totals, the renamed items as {@code [{"input", "wanted", "id"}, ...]}
     * ({@link OutputIds.Renamed#forSummary}; empty when none) and per-item records; NaN as null) and
     * {@code failures.csv} (id, image, message) into a folder, atomically.
     */
    public void write(Path outDir) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", "densereg-body-supervision-summary");
        root.put("dataset", dataset);
        root.put("size", size);
        root.put("framing", framing.label());
        root.put("items", outcomes.size());
        root.put("ok", count(BodyOutcome.OK));
        root.put("existing", count(BodyOutcome.EXISTING));
        root.put("failed", count(BodyOutcome.FAILED));
        root.put("meanJointCoverage", finiteOrNull(meanJointCoverage()));
        root.put("seconds", seconds);
        root.put("renamed", OutputIds.Renamed.forSummary(renamed));
        List<Map<String, Object>> records = new ArrayList<>();
        for (BodyOutcome o : outcomes) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("id", o.id());
            r.put("image", o.image());
            r.put("status", o.status());
            r.put("torsoSize", finiteOrNull(o.torsoSize()));
            r.put("jointCoverage", finiteOrNull(o.jointCoverage()));
            if (!o.message().isEmpty()) {
                r.put("message", o.message());
            }
            records.add(r);
        }
        root.put("perItem", records);
        AtomicFiles.writeBytes(outDir.resolve("summary.json"), SupervisionFileGroup.JSON.writeValueAsBytes(root));
        StringBuilder csv = new StringBuilder("id,image,message\n");
        for (BodyOutcome o : outcomes) {
            if (o.status().equals(BodyOutcome.FAILED)) {
                csv.append(csv(o.id())).append(',').append(csv(o.image())).append(',').append(csv(o.message()))
                        .append('\n');
            }
        }
        AtomicFiles.writeString(outDir.resolve("failures.csv"), csv.toString());
    }

    private static Double finiteOrNull(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private static String csv(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\n")) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }
}
