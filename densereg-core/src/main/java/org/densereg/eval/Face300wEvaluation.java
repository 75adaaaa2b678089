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
import org.densereg.data.Landmarks;
import org.densereg.data.face.Face300wLayout;
import org.densereg.data.face.Face300wSubset;
import org.densereg.data.face.PtsReader;
import org.densereg.io.BadInputException;
import org.densereg.io.TextFiles;

/**
 * Evaluates 68-point face predictions against 300W ground truth (the released layout, a folder of {@code .pts} or a
 * dlib/imglab XML, {@link FaceGroundTruth}): {@link FaceNme} per face, {@link CedCurve} per subset. Predictions are a
 * folder of {@code .pts} files (matched to a ground-truth face by its id: the path relative to the 300W root, e.g.
 * {@code ibug/image_003_1.pts}, else by file name when that is unique; for XML {@code <image stem>_<box index>.pts})
 * or a JSON file
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

    /** One evaluated group of faces: name and faces. */
    private record Group(String name, List<FaceGroundTruth.Face> faces) {
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
            List<FaceGroundTruth.Face> faces = new ArrayList<>();
            for (Path f : layout.annotations(s)) {
                faces.add(new FaceGroundTruth.Face(id(layout.root(), f), f, null, null, null,
                        FaceGroundTruth.BOX_LANDMARKS));
            }
            groups.add(new Group(s.cliName(), faces));
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
        return run(FaceGroundTruth.ptsFolder(gtFolder), predictions, options);
    }

    /**
     * Evaluates the faces of a ground truth outside the released layout (a {@code .pts} folder or a dlib XML), as one
     * group named {@link FaceGroundTruth#name()}. A prediction is {@code <face id>.pts} in the prediction folder (or
     * the id's key in the JSON); for {@code .pts} ground truth also the file name alone when it is unique.
     * {@code metrics.json} records the ground truth's format under {@code provenance.ground_truth_format}, its file
     * (path, SHA-256) and, for dlib XML, {@link FaceGroundTruth#DLIB_XML_NOTE} under {@code provenance.ground_truth_note}.
     *
     * @throws BadInputException when there is no face, a prediction is missing or malformed
     * @throws IOException       on a read error
     */
    public static EvaluationReport run(FaceGroundTruth gt, Path predictions, Options options) throws IOException {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("ground_truth_format", gt.format());
        if (FaceGroundTruth.FORMAT_DLIB_XML.equals(gt.format())) {
            extra.put("ground_truth", Provenance.file(gt.source()));
            extra.put("ground_truth_note", FaceGroundTruth.DLIB_XML_NOTE);
            extra.put("boxes", "the XML's <box> of each face (faces.csv when written by densereg evaluate)");
        }
        Path root = Files.isDirectory(gt.source()) ? gt.source() : gt.source().toAbsolutePath().getParent();
        return evaluate(root, gt.name(), List.of(new Group(gt.name(), gt.faces())), predictions, options, extra);
    }

    private static EvaluationReport evaluate(Path root, String subsetName, List<Group> groups, Path predictions,
                                             Options options, Map<String, Object> extra) throws IOException {
        Group all = groups.get(groups.size() - 1);
        if (all.faces().isEmpty()) {
            throw new BadInputException(root, "no .pts ground truth found for subset '" + subsetName + "'");
        }
        PredictionSource source = PredictionSource.open(predictions);
        Map<String, Double> nme = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        Map<String, FaceGroundTruth.Face> faces = new LinkedHashMap<>();
        for (Group g : groups) {
            for (FaceGroundTruth.Face f : g.faces()) {
                faces.putIfAbsent(f.id(), f);
            }
        }
        Map<String, Integer> nameCounts = new HashMap<>();
        for (FaceGroundTruth.Face f : faces.values()) {
            if (f.pts() != null) {
                nameCounts.merge(f.pts().getFileName().toString(), 1, Integer::sum);
            }
        }
        Map<String, Landmarks> preds = new HashMap<>();
        for (FaceGroundTruth.Face f : faces.values()) {
            String file = f.pts() == null ? null : f.pts().getFileName().toString();
            Landmarks p = source.find(f.id(), file != null && nameCounts.get(file) == 1
                    ? file.substring(0, file.length() - 4) : null);
            if (p == null) {
                missing.add(f.id());
                continue;
            }
            preds.put(f.id(), p);
        }
        if (!missing.isEmpty()) {
            throw new BadInputException(predictions, missing.size() + " face(s) without a prediction, e.g. "
                    + String.join(", ", missing.subList(0, Math.min(5, missing.size())))
                    + " (expected <id>.pts by path relative to the ground-truth root, or a unique file name)");
        }
        for (FaceGroundTruth.Face f : faces.values()) {
            Landmarks p = preds.get(f.id());
            if (p.count() != Landmarks.IBUG_68) {
                throw new BadInputException(predictions, "prediction for " + f.id() + ": expected 68 points, found " + p.count());
            }
            Landmarks g = f.read();
            double d = options.normalisation().of(g);
            if (!(d > 0)) {
                throw new BadInputException(f.pts() != null ? f.pts() : root, "normaliser " + options.normalisation()
                        + " of the ground truth" + (f.pts() != null ? "" : " of face " + f.id()) + " is " + d);
            }
            nme.put(f.id(), FaceNme.of(p, g, options.normalisation()));
        }
        Map<String, Object> prov = new LinkedHashMap<>();
        prov.put("ground_truth_root", root.toAbsolutePath().normalize().toString());
        prov.putAll(extra);
        prov.put("predictions", Provenance.file(predictions));
        prov.put("faces", all.faces().size());
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
            double[] errors = g.faces().stream().mapToDouble(f -> nme.get(f.id())).toArray();
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
        for (FaceGroundTruth.Face f : all.faces()) {
            double e = nme.get(f.id());
            perImage.add(List.of(f.id(), Decimals.format(e, 6), e > options.threshold() ? "1" : "0"));
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
