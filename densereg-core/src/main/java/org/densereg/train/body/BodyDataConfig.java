package org.densereg.train.body;

import java.util.ArrayList;
import java.util.List;

/**
 * Where body training data come from and how they are used.
 *
 * @param source           a {@code densereg supervise-body} output folder (samples named {@code im0001} …)
 * @param task             the supervision variant
 * @param batchSize        crops per batch, &gt; 0
 * @param trainFirst       first LSP image number (1-based) used for training (default 1)
 * @param trainLast        last LSP image number used for training (default 900)
 * @param validationFirst  first LSP image number of the validation images, which pick {@code model-best} (default 901:
 *                         images 901–1000 are held out of LSP's training split 1–1000, so that the test images
 *                         1001–2000 are touched only by {@code densereg evaluate})
 * @param validationLast   last LSP image number of the validation images (default 1000)
 * @param validationImages at most this many validation images (the first of the range present in the folder), &gt; 0
 *                         (default 100: all of 901–1000)
 * @param heatmapSigma     σ of the Gaussian joint targets in output pixels, &gt; 0
 * @param flipProbability  probability of a horizontal flip (parts and joints swapped left ↔ right), in [0, 1]
 * @param extraSources     more {@code densereg supervise-body} folders whose every complete sample (any id, e.g. LSP
 *                         Extended's {@code im00001} … from {@code supervise-body --dataset lspet}) is added to the
 *                         <em>training</em> images; never to validation, which stays {@code validationFirst..validationLast}
 *                         of {@code source}. Each must exist, hold samples and differ from {@code source}. Default
 *                         empty: LSP's images only. YAML {@code extraSources: [a, b]}; {@code --set
 *                         data.extraSources=[a,b]}
 * @param dataset          the dataset of {@code source} ({@link BodyDataset}): {@code LSP} (default; also when
 *                         absent, as in configurations written before the key existed) or {@code MPII}. With MPII
 *                         the LSP image ranges ({@code trainFirst} … {@code validationLast}) are not used: the persons
 *                         of the first {@code validationImages} images of {@code source} (by image name, ascending)
 *                         validate and are held out of training, every other person trains, and validation reports
 *                         PCKh@0.5 instead of LSP PCK@0.2
 * @param maxScale         zoom augmentation: the crop is zoomed by s, log-uniform in [1 / (1 + maxScale), 1 + maxScale]
 *                         about its centre, ≥ 0 (default 0: none; 0.25 ≈ 0.8–1.25)
 * @param maxRotationDegrees rotation augmentation: uniform in [−maxRotationDegrees, maxRotationDegrees] about the crop
 *                         centre, in [0, 180] (default 0: none)
 * @param maxShift         translation augmentation: each axis uniform in [−maxShift, maxShift] × the input side, in
 *                         [0, 1] (default 0: none)
 * @param colourJitter     brightness, contrast and saturation factors each uniform in [1 − colourJitter, 1 +
 *                         colourJitter], in [0, 1] (default 0: none)
 */
public record BodyDataConfig(String source, BodyTask task, int batchSize, int trainFirst, int trainLast,
        int validationFirst, int validationLast, int validationImages, double heatmapSigma, double flipProbability,
        List<String> extraSources, BodyDataset dataset, double maxScale, double maxRotationDegrees, double maxShift,
        double colourJitter) {

    /**
     * A null {@code extraSources} (a configuration written before the key existed) reads as empty, a null
     * {@code dataset} as {@link BodyDataset#LSP}.
     */
    public BodyDataConfig {
        extraSources = extraSources == null ? List.of()
                : java.util.Collections.unmodifiableList(new ArrayList<>(extraSources)); // nulls left to problems()
        dataset = dataset == null ? BodyDataset.LSP : dataset;
    }

    /** A configuration without augmentation beyond the flip. */
    public BodyDataConfig(String source, BodyTask task, int batchSize, int trainFirst, int trainLast,
            int validationFirst, int validationLast, int validationImages, double heatmapSigma,
            double flipProbability, List<String> extraSources, BodyDataset dataset) {
        this(source, task, batchSize, trainFirst, trainLast, validationFirst, validationLast, validationImages,
                heatmapSigma, flipProbability, extraSources, dataset, 0, 0, 0, 0);
    }

    /** An LSP configuration ({@code dataset} {@link BodyDataset#LSP}) without augmentation beyond the flip. */
    public BodyDataConfig(String source, BodyTask task, int batchSize, int trainFirst, int trainLast,
            int validationFirst, int validationLast, int validationImages, double heatmapSigma,
            double flipProbability, List<String> extraSources) {
        this(source, task, batchSize, trainFirst, trainLast, validationFirst, validationLast, validationImages,
                heatmapSigma, flipProbability, extraSources, BodyDataset.LSP);
    }

    /** A configuration without extra training folders ({@code extraSources} empty) and without augmentation. */
    public BodyDataConfig(String source, BodyTask task, int batchSize, int trainFirst, int trainLast,
            int validationFirst, int validationLast, int validationImages, double heatmapSigma,
            double flipProbability) {
        this(source, task, batchSize, trainFirst, trainLast, validationFirst, validationLast, validationImages,
                heatmapSigma, flipProbability, List.of(), BodyDataset.LSP);
    }

    /** A copy for another dataset. */
    public BodyDataConfig withDataset(BodyDataset newDataset) {
        return new BodyDataConfig(source, task, batchSize, trainFirst, trainLast, validationFirst, validationLast,
                validationImages, heatmapSigma, flipProbability, extraSources, newDataset, maxScale, maxRotationDegrees,
                maxShift, colourJitter);
    }

    /** True when any of zoom, rotation, shift or colour augmentation is on. */
    public boolean augments() {
        return maxScale > 0 || maxRotationDegrees > 0 || maxShift > 0 || colourJitter > 0;
    }

    /**
     * @return no source (must be set), heatmap + dense, batch 8, LSP train 1–900, validation 901–1000 (100 images, held
     *         out of the training split; the test split 1001–2000 is left to {@code evaluate}), σ 2, flip ½, no
     *         extra training folders, dataset LSP, no zoom, rotation, shift or colour augmentation
     */
    public static BodyDataConfig defaults() {
        return new BodyDataConfig("", BodyTask.HEATMAP_DENSE, 8, 1, 900, 901, 1000, 100, 2.0, 0.5);
    }

    /**
     * @param first first image number of a range
     * @param last  last image number
     * @return true when {@code first..last} includes any LSP test image (1001–2000)
     */
    public static boolean touchesLspTest(int first, int last) {
        return first <= LSP_TEST_LAST && LSP_TEST_FIRST <= last;
    }

    /** First LSP test image. */
    public static final int LSP_TEST_FIRST = 1001;
    /** Last LSP test image. */
    public static final int LSP_TEST_LAST = 2000;

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
        if (!(maxScale >= 0) || Double.isInfinite(maxScale)) {
            p.add(prefix + "maxScale: must be >= 0, got " + maxScale);
        }
        if (!(maxRotationDegrees >= 0 && maxRotationDegrees <= 180)) {
            p.add(prefix + "maxRotationDegrees: must be in [0, 180], got " + maxRotationDegrees);
        }
        if (!(maxShift >= 0 && maxShift <= 1)) {
            p.add(prefix + "maxShift: must be in [0, 1], got " + maxShift);
        }
        if (!(colourJitter >= 0 && colourJitter <= 1)) {
            p.add(prefix + "colourJitter: must be in [0, 1], got " + colourJitter);
        }
        for (int i = 0; i < extraSources.size(); i++) {
            String extra = extraSources.get(i);
            if (extra == null || extra.isBlank()) {
                p.add(prefix + "extraSources[" + i + "]: expected a densereg supervise-body output folder, got an empty"
                        + " entry");
            }
        }
        return p;
    }
}
