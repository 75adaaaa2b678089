package org.densereg.train.body;

import java.util.ArrayList;
import java.util.List;

/**
 * Where body training data come from and how they are used.
 *
 * @param source           a {@code densereg supervise-body} output folder (samples named {@code im0001} …)
 * @param task             the supervision variant
 * @param batchSize        crops per batch, &gt; 0
 * @param trainFirst       first LSP image number (1-based) used for training
 * @param trainLast        last LSP image number used for training
 * @param validationFirst  first LSP image number of the validation images
 * @param validationLast   last LSP image number of the validation images
 * @param validationImages at most this many validation images (the first of the range present in the folder), &gt; 0
 * @param heatmapSigma     σ of the Gaussian joint targets in output pixels, &gt; 0
 * @param flipProbability  probability of a horizontal flip (parts and joints swapped left ↔ right), in [0, 1]
 */
public record BodyDataConfig(String source, BodyTask task, int batchSize, int trainFirst, int trainLast,
        int validationFirst, int validationLast, int validationImages, double heatmapSigma, double flipProbability) {

    /** @return no source (must be set), heatmap + dense, batch 8, LSP train 1–1000, validation 1001–2000, σ 2, flip ½ */
    public static BodyDataConfig defaults() {
        return new BodyDataConfig("", BodyTask.HEATMAP_DENSE, 8, 1, 1000, 1001, 2000, 1000, 2.0, 0.5);
    }

    /**
     * @param prefix key prefix for messages, e.g. {@code data.}
     * @return every problem as {@code key: what}
     */
    public List<String> problems(String prefix) {
        List<String> p = new ArrayList<>();
        if (source == null || source.isBlank()) {
            p.add(prefix + "source: expected a densereg supervise-body output folder");
        }
        if (task == null) {
            p.add(prefix + "task: expected HEATMAP, HEATMAP_DENSE or DENSE");
        }
        if (batchSize < 1) {
            p.add(prefix + "batchSize: must be > 0, got " + batchSize);
        }
        if (trainFirst < 1 || trainLast < trainFirst) {
            p.add(prefix + "trainFirst/trainLast: expected 1 <= first <= last, got " + trainFirst + ".." + trainLast);
        }
        if (validationFirst < 1 || validationLast < validationFirst) {
            p.add(prefix + "validationFirst/validationLast: expected 1 <= first <= last, got " + validationFirst + ".."
                    + validationLast);
        }
        if (trainFirst <= validationLast && validationFirst <= trainLast) {
            p.add(prefix + "validationFirst: the validation range " + validationFirst + ".." + validationLast
                    + " overlaps the training range " + trainFirst + ".." + trainLast);
        }
        if (validationImages < 1) {
            p.add(prefix + "validationImages: must be > 0, got " + validationImages);
        }
        if (!(heatmapSigma > 0) || Double.isInfinite(heatmapSigma)) {
            p.add(prefix + "heatmapSigma: must be > 0, got " + heatmapSigma);
        }
        if (!(flipProbability >= 0 && flipProbability <= 1)) {
            p.add(prefix + "flipProbability: must be in [0, 1], got " + flipProbability);
        }
        return p;
    }
}
