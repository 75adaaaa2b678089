package org.densereg.eval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.densereg.data.mpii.MpiiEvalGroundTruth;
import org.densereg.data.mpii.MpiiEvalReader;
import org.densereg.data.mpii.MpiiJoint;
import org.densereg.io.BadInputException;

/** Evaluates an MPII prediction file against {@code gt_valid.mat}: {@link MpiiPckh} plus a report. */
public final class MpiiEvaluation {

    private MpiiEvaluation() {
    }

    /**
     * Options.
     *
     * @param threshold  PCKh threshold (default 0.5)
     * @param comparison default {@code <} as the reference {@code eval_PCKh.m}
     * @param curveMax   last threshold of the curve (default 0.5)
     * @param curveSteps curve intervals (default 50: step 0.01)
     */
    public record Options(double threshold, Comparison comparison, double curveMax, int curveSteps) {
        /** 0.5, &lt;, 0..0.5 in 50 steps. */
        public static Options defaults() {
            return new Options(0.5, Comparison.LESS_THAN, 0.5, 50);
        }
    }

    /**
     * Reads both files, checks the person count and evaluates.
     *
     * @throws BadInputException for wrong layouts, counts or non-finite values (names file and field)
     * @throws IOException       on a read error
     */
    public static EvaluationReport run(Path groundTruth, Path predictionsFile, Options options) throws IOException {
        MpiiEvalGroundTruth gt = MpiiEvalReader.readGroundTruth(groundTruth);
        double[] pred = MpiiEvalReader.readPredictions(predictionsFile);
        int n = pred.length / (MpiiJoint.COUNT * 2);
        if (n != gt.count()) {
            throw new BadInputException(predictionsFile, "has " + n + " persons, the ground truth " + groundTruth.getFileName()
                    + " has " + gt.count() + " (predictions must follow the gt_valid.mat order)");
        }
        MpiiPckh.Result r = MpiiPckh.evaluate(gt, pred, options.threshold(), options.comparison(), options.curveMax(),
                options.curveSteps());
        Map<String, Object> prov = new LinkedHashMap<>();
        prov.put("ground_truth", Provenance.file(groundTruth));
        prov.put("predictions", Provenance.file(predictionsFile));
        prov.put("persons", n);
        prov.put("normalisation", "head size = " + MpiiPckh.HEAD_SIZE_FACTOR + " x head-box diagonal (headboxes_src)");
        prov.put("joints", "annotated joints only (jnt_missing = 0); pelvis and thorax excluded from the mean");
        prov.put("mean", "joint-count-weighted over the 14 joints (upper neck included, no column); unweighted in pckh.mean_unweighted");
        prov.put("threshold", options.threshold());
        prov.put("comparison", options.comparison().symbol());
        prov.put("curve", "thresholds 0.." + options.curveMax() + " in " + options.curveSteps() + " steps");
        prov.put("versions", Provenance.versions());
        String metric = "PCKh@" + options.threshold();
        List<String> cols = new ArrayList<>(List.of("Method"));
        cols.addAll(List.of(MpiiPckh.GROUPS));
        cols.add("Mean");
        double[] row = new double[MpiiPckh.GROUPS.length + 1];
        System.arraycopy(r.groups(), 0, row, 0, MpiiPckh.GROUPS.length);
        row[MpiiPckh.GROUPS.length] = r.mean();
        EvaluationReport.Table table = new EvaluationReport.Table(cols, List.of(new EvaluationReport.Row(metric, row)), 2);
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (int g = 0; g < MpiiPckh.GROUPS.length; g++) {
            metrics.put("pckh." + MpiiPckh.GROUPS[g].toLowerCase(Locale.ROOT), r.groups()[g]);
        }
        metrics.put("pckh.mean", r.mean());
        metrics.put("pckh.mean_unweighted", r.unweightedMean());
        int at01 = (int) Math.round(0.1 / options.curveMax() * options.curveSteps());
        if (Math.abs(r.curveThresholds()[Math.min(at01, r.curveThresholds().length - 1)] - 0.1) < 1e-12) {
            metrics.put("pckh.mean_at_0.1", r.curveMean()[at01]);
        }
        for (MpiiJoint j : MpiiJoint.values()) {
            metrics.put("pckh.joint." + j.shortName(), r.perJoint()[j.ordinal()]);
            metrics.put("count.joint." + j.shortName(), (double) r.jointCounts()[j.ordinal()]);
        }
        List<String> header = new ArrayList<>(List.of("person", "head_size"));
        for (MpiiJoint j : MpiiJoint.values()) {
            header.add("err_" + j.shortName());
        }
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<String> cells = new ArrayList<>();
            cells.add(Integer.toString(i + 1));
            cells.add(Decimals.format(gt.headDiagonal(i) * MpiiPckh.HEAD_SIZE_FACTOR, 4));
            for (int j = 0; j < MpiiJoint.COUNT; j++) {
                double e = r.normalisedErrors()[i * MpiiJoint.COUNT + j];
                cells.add(Double.isNaN(e) ? "" : Decimals.format(e, 6));
            }
            rows.add(cells);
        }
        List<EvaluationReport.Curve> curves = new ArrayList<>();
        curves.add(new EvaluationReport.Curve("mean", r.curveThresholds(), r.curveMean()));
        return new EvaluationReport("mpii", "valid", metric, prov, table, metrics, curves, "pckh_curve.png",
                "normalised distance (head size)", "PCKh (%)", header, rows);
    }
}
