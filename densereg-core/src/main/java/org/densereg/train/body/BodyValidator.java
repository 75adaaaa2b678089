package org.densereg.train.body;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.densereg.data.body.BodyJoints;
import org.densereg.data.lsp.LspJoint;
import org.densereg.data.lsp.LspJoints;
import org.densereg.data.lsp.LspLayout;
import org.densereg.eval.Comparison;
import org.densereg.eval.HeadSegmentPckh;
import org.densereg.eval.LspPck;
import org.densereg.eval.MpiiPckh;
import org.densereg.infer.BodyJointExtractor;
import org.densereg.infer.BodyPredictor;
import org.densereg.infer.HeatmapJointExtractor;
import org.densereg.network.HeadOutputs;
import org.densereg.quantize.BodyPartCodec;
import org.densereg.supervision.body.BodyCrop;
import org.densereg.train.Validator;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * LSP PCK@0.2 ({@link LspPck}, reference {@code ≤}, torso = left shoulder – right hip of the ground truth) of a body
 * network on held-out LSP images, or for {@link BodyDataset#MPII} PCKh@0.5 ({@link HeadSegmentPckh}, MPII's
 * {@code <}, head size = the ground truth's head segment; metrics {@code pckhHeatmap}, {@code pckhDense} and their
 * groups) on held-out MPII persons, for both joint sources:
 * <ul>
 *   <li>{@code pckHeatmap}: joints by sub-pixel argmax of the heatmap head ({@link HeatmapJointExtractor});</li>
 *   <li>{@code pckDense}: joints from the decoded (part, u, v) maps ({@link BodyJointExtractor}).</li>
 * </ul>
 * Predicted joints are mapped output pixels → input pixels → supervision-crop pixels → original image through the
 * crop, and compared with the original annotation (every joint counts, visible or not, as in the reference). A
 * joint the dense maps do not give is placed at the crop centre (a miss, normally). For LSP every joint counts; for
 * MPII only annotated ones, as in MPII's evaluation. The primary metric is the
 * source of the task ({@code pckDense} for {@link BodyTask#DENSE}, else {@code pckHeatmap}); higher is better.
 * Also reported: {@code pckHeatmap.<group>} and {@code pckDense.<group>} for the 7 groups of {@link LspPck#GROUPS}.
 */
public final class BodyValidator implements Validator {

    /** Metric name of the heatmap joints' mean PCK@0.2. */
    public static final String PCK_HEATMAP = "pckHeatmap";
    /** Metric name of the dense joints' mean PCK@0.2. */
    public static final String PCK_DENSE = "pckDense";
    /** Metric name of the heatmap joints' mean PCKh@0.5 (MPII). */
    public static final String PCKH_HEATMAP = "pckhHeatmap";
    /** Metric name of the dense joints' mean PCKh@0.5 (MPII). */
    public static final String PCKH_DENSE = "pckhDense";
    /** The PCK threshold. */
    public static final double THRESHOLD = 0.2;

    /**
     * One joint source's score.
     *
     * @param groups [7] per group ({@link LspPck#GROUPS}, the same names as {@link MpiiPckh#GROUPS}), percent
     * @param mean   the mean, percent
     */
    public record Score(double[] groups, double mean) {
    }

    /**
     * Full results of one evaluation.
     *
     * @param metric  the metric in words: {@code LSP PCK@0.2} or {@code PCKh@0.5 (head segment)}
     * @param heatmap the score of the heatmap joints
     * @param dense   the score of the dense joints
     */
    public record Evaluation(String metric, Score heatmap, Score dense) {
    }

    private final BodyValidationSet set;
    private final BodyBatchEncoder encoder;
    private final BodyTask task;
    private final int batchSize;
    private final BodyDataset dataset;

    /**
     * @param set       held-out images
     * @param encoder   the training encoder (codec, output size, normalisation)
     * @param task      decides the primary metric
     * @param batchSize images per forward pass
     */
    public BodyValidator(BodyValidationSet set, BodyBatchEncoder encoder, BodyTask task, int batchSize) {
        this(set, encoder, task, batchSize, BodyDataset.LSP);
    }

    /**
     * @param set       held-out images
     * @param encoder   the training encoder (codec, output size, normalisation)
     * @param task      decides the primary metric
     * @param batchSize images per forward pass
     * @param dataset   decides the metric: LSP PCK@0.2 or PCKh@0.5 for MPII
     */
    public BodyValidator(BodyValidationSet set, BodyBatchEncoder encoder, BodyTask task, int batchSize,
            BodyDataset dataset) {
        this.set = set;
        this.encoder = encoder;
        this.task = task;
        this.batchSize = batchSize;
        this.dataset = dataset;
    }

    /**
     * Joints predicted for every image of the set, in original-image pixels (0-based).
     *
     * @param heatmap [M·14·2] joints from the heatmap head, (x, y) of joint j of image i at (i·14 + j)·2
     * @param dense   [M·14·2] joints from the dense maps, same layout; a joint the maps do not give is at the crop centre
     * @param truth   [M·14·2] ground-truth joints, same layout
     * @param visible [M·14] ground-truth visibility
     */
    public record Predictions(double[] heatmap, double[] dense, double[] truth, boolean[] visible) {
    }

    /** Predicts the validation images and evaluates both joint sources. */
    public Evaluation evaluate(ComputationGraph graph) {
        Predictions p = predict(graph);
        if (dataset == BodyDataset.MPII) {
            HeadSegmentPckh.Result heat = HeadSegmentPckh.evaluate(p.truth(), p.heatmap(), HeadSegmentPckh.THRESHOLD,
                    Comparison.LESS_THAN);
            HeadSegmentPckh.Result dense = HeadSegmentPckh.evaluate(p.truth(), p.dense(), HeadSegmentPckh.THRESHOLD,
                    Comparison.LESS_THAN);
            return new Evaluation("PCKh@0.5 (head segment)", new Score(heat.groups(), heat.mean()),
                    new Score(dense.groups(), dense.mean()));
        }
        LspJoints g = new LspJoints(1, p.truth(), p.visible(), LspLayout.JSON);
        boolean[] all = new boolean[p.visible().length];
        java.util.Arrays.fill(all, true);
        LspPck.Result heat = LspPck.evaluate(g, new LspJoints(1, p.heatmap(), all, LspLayout.JSON), THRESHOLD,
                Comparison.LESS_OR_EQUAL, 20);
        LspPck.Result dense = LspPck.evaluate(g, new LspJoints(1, p.dense(), all, LspLayout.JSON), THRESHOLD,
                Comparison.LESS_OR_EQUAL, 20);
        return new Evaluation("LSP PCK@0.2", new Score(heat.groups(), heat.mean()),
                new Score(dense.groups(), dense.mean()));
    }

    /**
     * Runs the network on every image of the set (batches of {@code batchSize}, inference mode) and maps both joint
     * sources back to the original images.
     *
     * @param graph a body network with outputs part, u, v, heatmap (in this order)
     * @return the joints of both sources and the ground truth
     */
    public Predictions predict(ComputationGraph graph) {
        int m = set.size();
        double[] gt = new double[m * 28];
        boolean[] visible = new boolean[m * 14];
        double[] heat = new double[m * 28];
        double[] dense = new double[m * 28];
        BodyPartCodec codec = encoder.codec();
        for (int start = 0; start < m; start += batchSize) {
            int end = Math.min(m, start + batchSize);
            List<java.awt.image.BufferedImage> images = new ArrayList<>();
            for (int i = start; i < end; i++) {
                images.add(set.examples().get(i).image());
            }
            record Read(BodyPartCodec.Decoded decoded, float[] heatmaps) {
            }
            Read read = HeadOutputs.read(graph, encoder.normalisation().toBatch(images),
                    out -> new Read(codec.decode(out[0], out[1], out[2]), out[3].dup('c').data().asFloat()));
            BodyPartCodec.Decoded decoded = read.decoded();
            float[] heatmaps = read.heatmaps();
            for (int i = start; i < end; i++) {
                BodyPredictor.DecodedPerson person = BodyPredictor.decodePerson(decoded, i - start, heatmaps);
                BodyJoints fromDense = person.dense();
                double[] fromHeat = person.heatmap();
                toOriginal(fromDense.xy(), i, dense);
                toOriginal(fromHeat, i, heat);
                BodyJoints truth = set.truth().get(i);
                System.arraycopy(truth.xy(), 0, gt, i * 28, 28);
                System.arraycopy(truth.visible(), 0, visible, i * 14, 14);
            }
        }
        return new Predictions(heat, dense, gt, visible);
    }

    /** Output pixels → original image pixels for image i; NaN → crop centre. */
    private void toOriginal(double[] outputXy, int i, double[] into) {
        BodyCrop crop = set.crops().get(i);
        double toInput = 1 / encoder.outputScale();
        double toCrop = set.examples().get(i).toSupervision();
        double centre = (crop.size() - 1) / 2.0;
        for (int j = 0; j < LspJoint.COUNT; j++) {
            double x = outputXy[2 * j];
            double y = outputXy[2 * j + 1];
            double cx = Double.isFinite(x) && Double.isFinite(y) ? x * toInput * toCrop : centre;
            double cy = Double.isFinite(x) && Double.isFinite(y) ? y * toInput * toCrop : centre;
            into[i * 28 + 2 * j] = (cx - crop.offsetX()) / crop.scale();
            into[i * 28 + 2 * j + 1] = (cy - crop.offsetY()) / crop.scale();
        }
    }

    @Override
    public Map<String, Double> validate(ComputationGraph graph) {
        Evaluation e = evaluate(graph);
        String heat = dataset == BodyDataset.MPII ? PCKH_HEATMAP : PCK_HEATMAP;
        String dense = dataset == BodyDataset.MPII ? PCKH_DENSE : PCK_DENSE;
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put(heat, e.heatmap().mean());
        metrics.put(dense, e.dense().mean());
        for (int k = 0; k < LspPck.GROUPS.length; k++) {
            metrics.put(heat + "." + LspPck.GROUPS[k], e.heatmap().groups()[k]);
        }
        for (int k = 0; k < LspPck.GROUPS.length; k++) {
            metrics.put(dense + "." + LspPck.GROUPS[k], e.dense().groups()[k]);
        }
        return metrics;
    }

    @Override
    public String primaryMetric() {
        if (dataset == BodyDataset.MPII) {
            return task == BodyTask.DENSE ? PCKH_DENSE : PCKH_HEATMAP;
        }
        return task == BodyTask.DENSE ? PCK_DENSE : PCK_HEATMAP;
    }

    @Override
    public boolean lowerIsBetter() {
        return false;
    }
}
