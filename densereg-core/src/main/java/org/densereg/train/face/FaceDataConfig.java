package org.densereg.train.face;

import java.util.ArrayList;
import java.util.List;
import org.densereg.trainingdata.face.FaceAugmentation;
import org.densereg.trainingdata.synthetic.RenderStyle;

/**
 * Where training faces come from and how many per batch.
 *
 * @param source              {@code synthetic} (faces rendered on the fly from the built-in model) or the path
 *                            of a {@code densereg supervise} output folder
 * @param template            the face model whose cylindrical (u, v) the network learns: {@code default} or a model
 *                            path as for {@code densereg supervise --model} (must match the folder's supervision)
 * @param batchSize           images per batch, &gt; 0
 * @param validationImages    held-out images used by each validation, &gt; 0 (synthetic: rendered from seeds
 *                            that training never uses; folder: taken from a fixed split)
 * @param validationSeed      seed of the held-out set
 * @param maxYaw              synthetic faces: largest |yaw| in degrees
 * @param occluderProbability synthetic faces: probability of an occluder
 * @param validationFraction  supervision folder: share of faces held out for validation (split by id hash)
 * @param augmentation        supervision folder: random transform of each training face (synthetic faces are
 *                            random already and are not augmented)
 * @param renderStyle         synthetic faces: {@code basic} (the original renderer, used by {@code quickstart}) or
 *                            {@code photo} (towards photographs: textures, hair, neck, degradations; see
 *                            {@code docs/synthetic-faces.md})
 */
public record FaceDataConfig(String source, String template, int batchSize, int validationImages, long validationSeed, double maxYaw,
        double occluderProbability, double validationFraction, FaceAugmentation augmentation, String renderStyle) {

    /** The value of {@link #source()} that selects the built-in synthetic faces. */
    public static final String SYNTHETIC = "synthetic";

    /**
     * @return synthetic faces in the basic style, batches of 8, 64 validation images, yaw ±60°, a third occluded;
     *         for folders 10 % held out and the default augmentation
     */
    public static FaceDataConfig defaults() {
        return new FaceDataConfig(SYNTHETIC, "default", 8, 64, 20_171_717L, 60, 0.3, 0.1, FaceAugmentation.defaults(),
                RenderStyle.BASIC.key());
    }

    /** @return true when the data are the built-in synthetic faces */
    public boolean synthetic() {
        return SYNTHETIC.equals(source);
    }

    /**
     * @param prefix key prefix for messages, e.g. {@code data.}
     * @return every problem as {@code key: what}
     */
    public List<String> problems(String prefix) {
        List<String> problems = new ArrayList<>();
        if (source == null || source.isBlank()) {
            problems.add(prefix + "source: expected 'synthetic' or a supervision folder");
        }
        if (template == null || template.isBlank()) {
            problems.add(prefix + "template: expected 'default' or a model path");
        }
        if (batchSize < 1) {
            problems.add(prefix + "batchSize: must be > 0, got " + batchSize);
        }
        if (validationImages < 1) {
            problems.add(prefix + "validationImages: must be > 0, got " + validationImages);
        }
        if (!(maxYaw >= 0 && maxYaw <= 90)) {
            problems.add(prefix + "maxYaw: must be in [0, 90], got " + maxYaw);
        }
        if (!(validationFraction > 0 && validationFraction < 1)) {
            problems.add(prefix + "validationFraction: must be in (0, 1), got " + validationFraction);
        }
        if (!(occluderProbability >= 0 && occluderProbability <= 1)) {
            problems.add(prefix + "occluderProbability: must be in [0, 1], got " + occluderProbability);
        }
        try {
            RenderStyle.parse(renderStyle);
        } catch (IllegalArgumentException e) {
            problems.add(prefix + "renderStyle: " + e.getMessage());
        }
        return problems;
    }

    /** @return the parsed {@link #renderStyle()} */
    public RenderStyle style() {
        return RenderStyle.parse(renderStyle);
    }
}
