package org.densereg.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.densereg.data.Landmarks;
import org.densereg.data.face.Face300wLayout;
import org.densereg.data.face.Face300wSubset;
import org.densereg.data.face.PtsReader;
import org.densereg.io.BadInputException;
import org.densereg.io.TextFiles;

/**
 * Evaluates 68-point face predictions against 300W ground truth: {@link FaceNme} per face, {@link CedCurve} per
 * subset. Predictions are a folder of {@code .pts} files (matched to a ground-truth face by the path relative to
 * the 300W root, e.g. {@code ibug/image_003_1.pts}, else by file name when that is unique) or a JSON file
 * {@code {"coordinate_base": 1, "predictions": {"<id or file name without .pts>": [[x, y] × 68], …}}}
 * (1-based like {@code .pts} unless {@code coordinate_base} is 0). Every face must have a prediction.
 */
public final class Face300wEvaluation {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Face300wEvaluation() {
    }

    /**
     * Options.
     *
     * @param normalisation NME normaliser (default outer eye corners)
     * @param rule          AUC integration rule (default Simpson)
     * @param threshold     CED limit and failure threshold (default 0.08)
     * @param steps         CED samples minus one (default 800)
     */
    public record Options(FaceNormalisation normalisation, IntegrationRule rule, double threshold, int steps) {
        /** Eye corners, Simpson, 0.08, 800. */
        public static Options defaults() {
            return new Options(FaceNormalisation.EYE_CORNERS, IntegrationRule.SIMPSON, CedCurve.DEFAULT_MAX, CedCurve.DEFAULT_STEPS);
        }
    }

    /** One evaluated group of faces: name and ground-truth files with their ids. */
    private record Group(String name, List<Path> files) {
    }

    /**
     * Evaluates a subset of the released layout. For {@code full} the table also has rows for common and
     * challenging; for {@code competition}, for indoor and outdoor.
     *
     * @throws BadInputException when the subset is empty, a prediction is missing or malformed
     * @throws IOException       on a read error
     */
    public static EvaluationReport run(Face300wLayout layout, Face300wSubset subset, Path predictions, Options options)
            throws IOException {
        List<Face300wSubset> parts = switch (subset) {
            case FULL -> List.of(Face300wSubset.COMMON, Face300wSubset.CHALLENGING, Face300wSubset.FULL);
            case COMPETITION -> List.of(Face300wSubset.COMPETITION_INDOOR, Face300wSubset.COMPETITION_OUTDOOR,
                    Face300wSubset.COMPETITION);
            default -> List.of(subset);
        };
        List<Group> groups = new ArrayList<>();
        for (Face300wSubset s : parts) {
            groups.add(new Group(s.cliName(), layout.annotations(s)));
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("root", layout.root().toAbsolutePath().normalize().toString());
        Map<String, Object> counts = new LinkedHashMap<>();
        layout.counts().forEach((k, v) -> counts.put(k.cliName(), v + " (published " + k.expectedCount() + ")"));
        extra.put("counts", counts);
        extra.put("count_problems", layout.problems());
        return evaluate(layout.root(), subset.cliName(), groups, predictions, options, extra);
    }

    /**
     * Evaluates every {@code .pts} under {@code gtFolder} (recursively), as one group named after the folder.
     *
     * @throws BadInputException when no face is found, a prediction is missing or malformed
     * @throws IOException       on a read error
     */
    public static EvaluationReport runFolder(Path gtFolder, Path predictions, Options options) throws IOException {
        if (!Files.isDirectory(gtFolder)) {
            throw new BadInputException(gtFolder, "ground-truth folder of .pts files not found");
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(gtFolder)) {
            files = s.filter(p -> p.toString().toLowerCase(Locale.ROOT).endsWith(".pts")).sorted().toList();
        }
        String name = gtFolder.getFileName() == null ? "faces" : gtFolder.getFileName().toString();
        return evaluate(gtFolder, name, List.of(new Group(name, files)), predictions, options, Map.of());
    }

    private static EvaluationReport evaluate(Path root, String subsetName, List<Group> groups, Path predictions,
                                             Options options, Map<String, Object> extra) throws IOException {
        Group all = groups.get(groups.size() - 1);
        if (all.files().isEmpty()) {
            throw new BadInputException(root, "no .pts ground truth found for subset '" + subsetName + "'");
        }
        PredictionSource source = PredictionSource.open(predictions);
        Map<Path, Double> nme = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        Map<Path, Landmarks> gts = new LinkedHashMap<>();
        Map<Path, Landmarks> preds = new HashMap<>();
        java.util.Set<Path> faces = new java.util.LinkedHashSet<>();
        for (Group g : groups) {
            faces.addAll(g.files());
        }
        Map<String, Integer> nameCounts = new HashMap<>();
        for (Path f : faces) {
            nameCounts.merge(f.getFileName().toString(), 1, Integer::sum);
        }
        for (Path f : faces) {
            String id = id(root, f);
            String file = f.getFileName().toString();
            Landmarks p = source.find(id, nameCounts.get(file) == 1 ? file.substring(0, file.length() - 4) : null);
            if (p == null) {
                missing.add(id);
                continue;
            }
            gts.put(f, PtsReader.read(f, Landmarks.IBUG_68));
            preds.put(f, p);
        }
        if (!missing.isEmpty()) {
            throw new BadInputException(predictions, missing.size() + " face(s) without a prediction, e.g. "
                    + String.join(", ", missing.subList(0, Math.min(5, missing.size())))
                    + " (expected <id>.pts by path relative to the ground-truth root, or a unique file name)");
        }
        for (Map.Entry<Path, Landmarks> e : gts.entrySet()) {
            Landmarks p = preds.get(e.getKey());
            if (p.count() != Landmarks.IBUG_68) {
                throw new BadInputException(predictions, "prediction for " + id(root, e.getKey()) + ": expected 68 points, found " + p.count());
            }
            double d = options.normalisation().of(e.getValue());
            if (!(d > 0)) {
                throw new BadInputException(e.getKey(), "normaliser " + options.normalisation() + " of the ground truth is " + d);
            }
            nme.put(e.getKey(), FaceNme.of(p, e.getValue(), options.normalisation()));
        }
        Map<String, Object> prov = new LinkedHashMap<>();
        prov.put("ground_truth_root", root.toAbsolutePath().normalize().toString());
        prov.putAll(extra);
        prov.put("predictions", Provenance.file(predictions));
        prov.put("faces", all.files().size());
        prov.put("normalisation", switch (options.normalisation()) {
            case EYE_CORNERS -> "outer eye corners: |g36 - g45| (0-based)";
            case PUPILS -> "inter-pupil: centroids of points 36-41 and 42-47";
            case BOX -> "box size: sqrt(w*h) of the ground-truth landmark bounding box";
        });
        prov.put("nme", "mean over 68 points of the point-to-point distance / normaliser");
        prov.put("ced", "fraction of faces with NME <= t, t = 0.." + options.threshold() + " in " + options.steps() + " steps");
        prov.put("auc", "integral of the CED over [0, " + options.threshold() + "] / " + options.threshold() + ", "
                + options.rule().name().toLowerCase(Locale.ROOT) + " rule on the CED samples");
        prov.put("failure", "fraction of faces with NME > " + options.threshold());
        prov.put("versions", Provenance.versions());
        List<EvaluationReport.Row> rows = new ArrayList<>();
        Map<String, Double> metrics = new LinkedHashMap<>();
        List<EvaluationReport.Curve> curves = new ArrayList<>();
        for (Group g : groups) {
            double[] errors = g.files().stream().mapToDouble(nme::get).toArray();
            if (errors.length == 0) {
                continue;
            }
            double mean = 0;
            for (double e : errors) {
                mean += e;
            }
            mean /= errors.length;
            CedCurve ced = CedCurve.of(errors, options.threshold(), options.steps(), options.rule());
            rows.add(new EvaluationReport.Row(g.name(), new double[] {errors.length, 100 * mean, 100 * ced.auc(),
                100 * ced.failureRate()}));
            metrics.put(g.name() + ".faces", (double) errors.length);
            metrics.put(g.name() + ".nme", mean);
            metrics.put(g.name() + ".auc", ced.auc());
            metrics.put(g.name() + ".failure_rate", ced.failureRate());
            curves.add(new EvaluationReport.Curve(g.name(), ced.thresholds(), scale(ced.fractions(), 100)));
        }
        EvaluationReport.Table table = new EvaluationReport.Table(List.of("Subset", "Faces", "NME (%)",
                "AUC@" + options.threshold() + " (%)", "Failure (%)"), rows, 2);
        List<List<String>> perImage = new ArrayList<>();
        for (Path f : all.files()) {
            perImage.add(List.of(id(root, f), Decimals.format(nme.get(f), 6),
                    nme.get(f) > options.threshold() ? "1" : "0"));
        }
        return new EvaluationReport("300w", subsetName, "NME", prov, table, metrics, curves, "ced_curve.png",
                "NME (" + options.normalisation().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ")", "faces (%)",
                List.of("face", "nme", "failure"), perImage);
    }

    private static double[] scale(double[] v, double s) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * s;
        }
        return out;
    }

    private static String id(Path root, Path pts) {
        String rel = root.relativize(pts).toString().replace('\\', '/');
        return rel.substring(0, rel.length() - 4);
    }

    /** Predictions from a folder of .pts or a JSON object. */
    private record PredictionSource(Path folder, Map<String, Landmarks> json, Path file) {

        static PredictionSource open(Path p) throws IOException {
            if (Files.isDirectory(p)) {
                return new PredictionSource(p, null, p);
            }
            if (!Files.isRegularFile(p)) {
                throw new BadInputException(p, "predictions not found (expected a folder of .pts files or a .json file)");
            }
            JsonNode root;
            try {
                root = JSON.readTree(TextFiles.read(p));
            } catch (JsonProcessingException e) {
                throw new BadInputException(p, "not valid JSON: " + e.getOriginalMessage());
            }
            JsonNode preds = root == null ? null : root.get("predictions");
            if (preds == null || !preds.isObject()) {
                throw new BadInputException(p, "expected {\"predictions\": {\"<face id>\": [[x, y] x 68], ...}}");
            }
            double base = root.has("coordinate_base") ? root.get("coordinate_base").asDouble() : 1;
            Map<String, Landmarks> map = new HashMap<>();
            for (Map.Entry<String, JsonNode> e : preds.properties()) {
                JsonNode pts = e.getValue();
                if (!pts.isArray()) {
                    throw new BadInputException(p, "predictions." + e.getKey() + ": expected an array of [x, y]");
                }
                double[] xy = new double[pts.size() * 2];
                for (int k = 0; k < pts.size(); k++) {
                    JsonNode q = pts.get(k);
                    if (!q.isArray() || q.size() < 2 || !q.get(0).isNumber() || !q.get(1).isNumber()
                            || !Double.isFinite(q.get(0).asDouble()) || !Double.isFinite(q.get(1).asDouble())) {
                        throw new BadInputException(p, "predictions." + e.getKey() + "[" + k + "]: expected finite [x, y]");
                    }
                    xy[2 * k] = q.get(0).asDouble() - base;
                    xy[2 * k + 1] = q.get(1).asDouble() - base;
                }
                map.put(e.getKey(), new Landmarks(xy));
            }
            return new PredictionSource(null, map, p);
        }

        Landmarks find(String id, String uniqueName) throws IOException {
            if (json != null) {
                Landmarks l = json.get(id);
                return l != null || uniqueName == null ? l : json.get(uniqueName);
            }
            Path byId = folder.resolve(id + ".pts");
            if (Files.isRegularFile(byId)) {
                return PtsReader.read(byId, -1);
            }
            if (uniqueName != null) {
                Path byName = folder.resolve(uniqueName + ".pts");
                if (Files.isRegularFile(byName)) {
                    return PtsReader.read(byName, -1);
                }
            }
            return null;
        }
    }
}
