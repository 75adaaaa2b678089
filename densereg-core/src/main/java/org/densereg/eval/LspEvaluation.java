package org.densereg.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.densereg.data.lsp.LspJoint;
import org.densereg.data.lsp.LspJoints;
import org.densereg.data.lsp.LspReader;
import org.densereg.io.BadInputException;

/** Evaluates an LSP prediction file against {@code joints.mat}: {@link LspPck} plus a report. */
public final class LspEvaluation {

    private LspEvaluation() {
    }

    /**
     * Options.
     *
     * @param threshold  PCK threshold (default 0.2)
     * @param comparison default {@code ≤} as the reference {@code eval_pck.m}
     * @param curveSteps curve intervals from 0 to the threshold (default 20: step 0.01)
     */
    public record Options(double threshold, Comparison comparison, int curveSteps) {
        /** 0.2, ≤, 20. */
        public static Options defaults() {
            return new Options(0.2, Comparison.LESS_OR_EQUAL, 20);
        }
    }

    /**
     * Reads both files, validates the counts (1000 = test split images 1001–2000, or 2000 = all) and evaluates.
     *
     * @throws BadInputException for wrong layouts, counts or non-finite values (names file and field)
     * @throws IOException       on a read error
     */
    public static EvaluationReport run(Path groundTruth, Path predictionsFile, Options options) throws IOException {
        LspJoints gt = LspReader.readGroundTruth(groundTruth);
        LspJoints pred = LspReader.readPredictions(predictionsFile);
        int n = pred.count();
        if (n != LspJoints.SPLIT_SIZE && n != gt.count()) {
            throw new BadInputException(predictionsFile, "expected " + LspJoints.SPLIT_SIZE + " predictions (test split, images "
                    + "1001-2000) or " + gt.count() + " (all images of " + groundTruth.getFileName() + "), found " + n);
        }
        if (gt.count() < pred.firstImage() + n - 1) {
            throw new BadInputException(groundTruth, "has " + gt.count() + " images; the predictions need images "
                    + pred.firstImage() + "-" + (pred.firstImage() + n - 1));
        }
        LspPck.Result r = LspPck.evaluate(gt, pred, options.threshold(), options.comparison(), options.curveSteps());
        String subset = n == LspJoints.SPLIT_SIZE ? "test" : "all";
        Map<String, Object> prov = new LinkedHashMap<>();
        prov.put("ground_truth", Provenance.file(groundTruth));
        prov.put("ground_truth_layout", gt.layout().description());
        prov.put("predictions", Provenance.file(predictionsFile));
        prov.put("predictions_layout", pred.layout().description());
        prov.put("images", pred.firstImage() + "-" + (pred.firstImage() + n - 1));
        prov.put("normalisation", "ground-truth torso: distance of left shoulder (joint 10) and right hip (joint 3)");
        prov.put("joints", "all 14, visible or not");
        prov.put("threshold", options.threshold());
        prov.put("comparison", options.comparison().symbol());
        prov.put("curve", "thresholds 0.." + options.threshold() + " in " + options.curveSteps() + " steps; AUC by trapezoid rule "
                + "over thresholds rescaled to [0, 1], percent");
        prov.put("versions", Provenance.versions());
        String metric = "PCK@" + options.threshold();
        List<String> cols = new ArrayList<>(List.of("Method"));
        cols.addAll(List.of(LspPck.GROUPS));
        cols.add("Mean");
        cols.add("AUC");
        double[] row = new double[LspPck.GROUPS.length + 2];
        System.arraycopy(r.groups(), 0, row, 0, LspPck.GROUPS.length);
        row[LspPck.GROUPS.length] = r.mean();
        row[LspPck.GROUPS.length + 1] = r.auc();
        EvaluationReport.Table table = new EvaluationReport.Table(cols,
                List.of(new EvaluationReport.Row(metric, row)), 1);
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (int g = 0; g < LspPck.GROUPS.length; g++) {
            metrics.put("pck." + LspPck.GROUPS[g].toLowerCase(java.util.Locale.ROOT), r.groups()[g]);
        }
        metrics.put("pck.mean", r.mean());
        metrics.put("pck.auc", r.auc());
        for (LspJoint j : LspJoint.values()) {
            metrics.put("pck.joint." + j.name().toLowerCase(java.util.Locale.ROOT), r.perJoint()[j.ordinal()]);
        }
        metrics.put("images", (double) n);
        List<String> header = new ArrayList<>(List.of("image"));
        for (LspJoint j : LspJoint.values()) {
            header.add("err_" + j.name().toLowerCase(java.util.Locale.ROOT));
        }
        header.add("correct");
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<String> cells = new ArrayList<>();
            cells.add(String.format(java.util.Locale.ROOT, "im%04d", r.imageNumbers()[i]));
            int correct = 0;
            for (int j = 0; j < LspJoint.COUNT; j++) {
                double e = r.normalisedErrors()[i * LspJoint.COUNT + j];
                cells.add(Decimals.format(e, 6));
                if (options.comparison().accepts(e, options.threshold())) {
                    correct++;
                }
            }
            cells.add(Integer.toString(correct));
            rows.add(cells);
        }
        List<EvaluationReport.Curve> curves = List.of(new EvaluationReport.Curve("mean (all 14 joints)", r.curveThresholds(),
                r.curveMean()));
        return new EvaluationReport("lsp", subset, metric, prov, table, metrics, curves, "pck_curve.png",
                "normalised distance (torso)", "PCK (%)", header, rows);
    }
}
