package org.densereg.infer;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.densereg.data.body.BodyJoints;
import org.densereg.data.lsp.LspJoint;
import org.densereg.model.ModelArchive;
import org.densereg.model.ModelMetadata;
import org.densereg.network.BodyNetworkFactory;
import org.densereg.network.DenseRegNetworkFactory;
import org.densereg.network.HeadOutputs;
import org.densereg.network.InputNormalisation;
import org.densereg.quantize.BodyPartCodec;
import org.densereg.supervision.body.BodyCrop;
import org.densereg.supervision.body.BodyFlip;
import org.densereg.supervision.body.BodyMaps;
import org.densereg.supervision.body.BodyPart;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Runs a trained body network (a loaded {@link ModelArchive} of task {@code body}, written by {@code train-body}) on
 * person crops and decodes its outputs (DESIGN §8).
 *
 * <p>Localisation: there is no person detector. A person is given as a {@link BodyCrop} of a source image (around a
 * box, or the whole image). The crop is resampled to the network input ({@code inputSize × inputSize},
 * {@link BodyCrop#toImage}) and normalised as in training; the heads are decoded at the network's output resolution
 * exactly as validation does ({@link #decodePerson}: {@link BodyPartCodec#decode}, joints from the dense maps by
 * {@link BodyJointExtractor}, from the heatmap head by {@link HeatmapJointExtractor}), then joints are mapped back to
 * the source image through the crop (output pixels → input pixels with aligned corners → image).
 *
 * <p>The primary joint source is the one the model was trained for: the heatmap head when it exists and its loss
 * weight in the archive's network configuration is &gt; 0, else the dense maps (the variants of
 * {@code train.body.BodyTask}).
 *
 * <p>Test-time flip ({@code flipTest}; by default what the archive asks for, {@link ModelMetadata#testTimeFlip()},
 * else off): the heatmap head is also run on the input mirrored left ↔
 * right ({@link BodyFlip#flip(BufferedImage)}); its heatmaps are mirrored back (x ↦ W − 1 − x at the output
 * resolution, which the aligned-corner mapping between input and output makes exact) with left and right joints
 * swapped ({@link BodyFlip#mirror(LspJoint)}), and averaged with the unflipped heatmaps before the joints are read.
 * The dense maps and their joints come from the unflipped pass only. It doubles the forward passes.
 *
 * <p>Thread-safe: forward passes through the shared network are serialised; decoding runs in the caller's thread.
 * Every person gets its own forward pass (a batch of one), so results are bit-identical whichever other crops are
 * predicted with it.
 */
public final class BodyPredictor {

    private final ComputationGraph graph;
    private final ModelMetadata metadata;
    private final BodyPartCodec codec;
    private final InputNormalisation normalisation;
    private final int inputSize;
    private final int[] denseIndex;
    private final int heatmapIndex;
    private final boolean denseTrained;
    private final boolean heatmapTrained;
    private final boolean flipTest;
    private final Object forwardLock = new Object();

    /**
     * One person's decoded outputs in the network's output frame.
     *
     * @param maps    part, u, v per output pixel ({@link BodyPartCodec#decode})
     * @param dense   the joints from the dense maps, output pixels (NaN where missing)
     * @param heatmap [28] the joints from the heatmap head, output pixels (x, y per LSP joint); null without the head
     */
    public record DecodedPerson(BodyMaps maps, BodyJoints dense, double[] heatmap) {
    }

    /**
     * A predictor with the archive's own test-time flip setting ({@link ModelMetadata#testTimeFlip()}).
     *
     * @param model a loaded archive of a body network (task {@code body}, {@code bins} = 12 parts)
     * @throws IllegalArgumentException when the archive is not a body model, has another number of parts or lacks a
     *                                  dense head
     */
    public BodyPredictor(ModelArchive.Loaded model) {
        this(model, model.metadata().testTimeFlip());
    }

    /**
     * @param model    a loaded archive of a body network (task {@code body}, {@code bins} = 12 parts)
     * @param flipTest average the heatmaps of the input and of its mirror image (see the class comment); no effect
     *                 on a network without a heatmap head
     * @throws IllegalArgumentException when the archive is not a body model, has another number of parts or lacks a
     *                                  dense head
     */
    public BodyPredictor(ModelArchive.Loaded model, boolean flipTest) {
        this.flipTest = flipTest;
        this.graph = model.graph();
        this.metadata = model.metadata();
        if (!"body".equals(metadata.task())) {
            throw new IllegalArgumentException("model task is '" + metadata.task() + "', expected 'body'");
        }
        if (metadata.bins() != BodyPart.COUNT) {
            throw new IllegalArgumentException("body model has " + metadata.bins() + " parts, expected " + BodyPart.COUNT);
        }
        this.codec = new BodyPartCodec(metadata.bins());
        this.normalisation = new InputNormalisation(metadata.inputMean(), metadata.inputScale());
        this.inputSize = metadata.inputSize();
        List<String> outputs = graph.getConfiguration().getNetworkOutputs();
        this.denseIndex = new int[BodyNetworkFactory.BODY_OUTPUTS.size()];
        for (int i = 0; i < denseIndex.length; i++) {
            denseIndex[i] = outputs.indexOf(BodyNetworkFactory.BODY_OUTPUTS.get(i));
            if (denseIndex[i] < 0) {
                throw new IllegalArgumentException("network has no output '" + BodyNetworkFactory.BODY_OUTPUTS.get(i)
                        + "' (outputs: " + outputs + ")");
            }
        }
        this.heatmapIndex = outputs.indexOf(DenseRegNetworkFactory.HEATMAP_OUTPUT);
        Map<String, Object> network = metadata.network() == null ? Map.of() : metadata.network();
        this.denseTrained = positive(network.get("clsWeight")) || positive(network.get("regWeight"));
        this.heatmapTrained = heatmapIndex >= 0 && positive(network.get("heatmapWeight"));
    }

    /** A loss weight from the archive's network map; absent counts as trained. */
    private static boolean positive(Object weight) {
        return !(weight instanceof Number n) || n.doubleValue() > 0;
    }

    /** True when the heatmaps are averaged with those of the mirrored input (and the network has a heatmap head). */
    public boolean flipTest() {
        return flipTest && heatmapIndex >= 0;
    }

    /** Side of the square network input in pixels. */
    public int inputSize() {
        return inputSize;
    }

    /** The archive's metadata. */
    public ModelMetadata metadata() {
        return metadata;
    }

    /** True when the network has a heatmap head (its joints are then in every prediction). */
    public boolean hasHeatmapHead() {
        return heatmapIndex >= 0;
    }

    /** True when the dense heads were trained (a part or (u, v) loss weight &gt; 0, or no weights recorded). */
    public boolean denseTrained() {
        return denseTrained;
    }

    /** True when the heatmap head exists and was trained (its loss weight &gt; 0, or no weight recorded). */
    public boolean heatmapTrained() {
        return heatmapTrained;
    }

    /** The joint source the model was trained for: the heatmap head when it was trained, else the dense maps. */
    public BodyPrediction.Source primarySource() {
        return heatmapTrained ? BodyPrediction.Source.HEATMAP : BodyPrediction.Source.DENSE;
    }

    /**
     * Predicts a person crop: the whole image is the person ({@link BodyCrop#wholeImage}, letterboxed).
     *
     * @param personCrop an image showing one person, roughly centred and filling it
     */
    public BodyPrediction predict(BufferedImage personCrop) {
        return predictInImage(personCrop, BodyCrop.wholeImage(personCrop.getWidth(), personCrop.getHeight(), inputSize));
    }

    /**
     * Predicts the person inside {@code crop} of {@code image}.
     *
     * @param image the source image
     * @param crop  where the person is (any size; resampled to the network input with the same source square)
     * @return maps in the output frame, joints in {@code image}'s 0-based pixels
     */
    public BodyPrediction predictInImage(BufferedImage image, BodyCrop crop) {
        BodyCrop c = crop.resampled(inputSize);
        return predictCrops(List.of(c.toImage(image)), List.of(c)).get(0);
    }

    /**
     * Predicts already resampled network inputs, one forward pass each (a batch of one), so a person's result does
     * not depend on which other crops are in the list.
     *
     * @param inputs {@code inputSize × inputSize} images
     * @param crops  the crop each input was taken with (size {@code inputSize}), for mapping back to the image
     * @return one prediction per input, in order
     */
    public List<BodyPrediction> predictCrops(List<BufferedImage> inputs, List<BodyCrop> crops) {
        if (inputs.size() != crops.size()) {
            throw new IllegalArgumentException(inputs.size() + " inputs but " + crops.size() + " crops");
        }
        List<BodyPrediction> result = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            result.add(predictOne(inputs.get(i), crops.get(i)));
        }
        return result;
    }

    private BodyPrediction predictOne(BufferedImage input, BodyCrop crop) {
        if (crop.size() != inputSize) {
            throw new IllegalArgumentException("crop size " + crop.size() + " differs from the input size " + inputSize);
        }
        INDArray[] heads = forward(input, true);
        BodyPartCodec.Decoded decoded = codec.decode(heads[0], heads[1], heads[2]);
        float[] heatmaps = heads[3] == null ? null : heads[3].data().asFloat();
        if (heatmaps != null && flipTest) {
            float[] mirrored = forward(BodyFlip.flip(input), false)[3].data().asFloat();
            averageWithMirrored(heatmaps, mirrored, decoded.width(), decoded.height());
        }
        DecodedPerson person = decodePerson(decoded, 0, heatmaps);
        BodyCrop outputCrop = crop.resampled(decoded.width());
        BodyJoints heat = person.heatmap() == null ? null
                : outputCrop.invert(new BodyJoints(person.heatmap(), allVisible()));
        return new BodyPrediction(outputCrop, person.maps(), outputCrop.invert(person.dense()), heat, primarySource());
    }

    /**
     * One forward pass of a batch of one.
     *
     * @param dense whether the dense heads are wanted (else only the heatmap head is read)
     * @return [part, u, v, heatmap] heads as float arrays ([1, C, H, W]); null where not read or absent
     */
    private INDArray[] forward(BufferedImage input, boolean dense) {
        INDArray features = normalisation.toBatch(List.of(input));
        if (features.size(2) != inputSize || features.size(3) != inputSize) {
            throw new IllegalArgumentException("inputs must be " + inputSize + "x" + inputSize + ", got "
                    + features.size(3) + "x" + features.size(2));
        }
        INDArray[] heads = new INDArray[4];
        synchronized (forwardLock) {
            HeadOutputs.read(graph, features, out -> {
                for (int i = 0; dense && i < denseIndex.length; i++) {
                    heads[i] = out[denseIndex[i]].castTo(DataType.FLOAT).detach();
                }
                if (heatmapIndex >= 0) {
                    heads[3] = out[heatmapIndex].castTo(DataType.FLOAT).detach();
                }
                return heads;
            });
        }
        return heads;
    }

    /**
     * Averages heatmaps with those of the mirrored input, mirrored back: joint j's map becomes the mean of its own
     * and of the mirror joint's map of the flipped pass read at x ↦ W − 1 − x.
     *
     * @param heatmaps [14·H·W] planar, replaced by the average
     * @param mirrored [14·H·W] planar, the heatmaps of the mirrored input
     */
    static void averageWithMirrored(float[] heatmaps, float[] mirrored, int width, int height) {
        int plane = width * height;
        for (LspJoint j : LspJoint.values()) {
            int own = j.ordinal() * plane;
            int other = BodyFlip.mirror(j).ordinal() * plane;
            for (int y = 0; y < height; y++) {
                int row = y * width;
                for (int x = 0; x < width; x++) {
                    heatmaps[own + row + x] = 0.5f * (heatmaps[own + row + x] + mirrored[other + row + width - 1 - x]);
                }
            }
        }
    }

    private static boolean[] allVisible() {
        boolean[] v = new boolean[LspJoint.COUNT];
        Arrays.fill(v, true);
        return v;
    }

    /**
     * Decodes image {@code index} of a decoded batch: its maps, the joints from the dense maps
     * ({@link BodyJointExtractor}) and from the heatmaps ({@link HeatmapJointExtractor}), all in output pixels. Shared
     * by inference and training-time validation so both read joints the same way.
     *
     * @param decoded  the batch's decoded dense heads ({@link BodyPartCodec#decode}), N × H × W
     * @param index    the image in the batch
     * @param heatmaps [N·14·H·W] the heatmap head of the batch, planar NCHW; null when the network has none
     * @return the person's maps and joints in output pixels
     */
    public static DecodedPerson decodePerson(BodyPartCodec.Decoded decoded, int index, float[] heatmaps) {
        int w = decoded.width();
        int h = decoded.height();
        int plane = w * h;
        byte[] parts = new byte[plane];
        int[] all = decoded.parts();
        for (int p = 0; p < plane; p++) {
            parts[p] = (byte) all[index * plane + p];
        }
        float[] u = Arrays.copyOfRange(decoded.u(), index * plane, (index + 1) * plane);
        float[] v = Arrays.copyOfRange(decoded.v(), index * plane, (index + 1) * plane);
        BodyMaps maps = new BodyMaps(w, h, parts, u, v);
        BodyJoints dense = BodyJointExtractor.extract(maps);
        double[] heat = null;
        if (heatmaps != null) {
            int per = LspJoint.COUNT * plane;
            heat = HeatmapJointExtractor.extract(Arrays.copyOfRange(heatmaps, index * per, (index + 1) * per),
                    LspJoint.COUNT, w, h);
        }
        return new DecodedPerson(maps, dense, heat);
    }
}
