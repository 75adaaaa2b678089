package org.densereg.infer;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.densereg.data.Landmarks;
import org.densereg.data.face.FaceCrop;
import org.densereg.model.ModelArchive;
import org.densereg.model.ModelMetadata;
import org.densereg.network.BilinearUpsampleLayer;
import org.densereg.network.DenseRegNetworkFactory;
import org.densereg.network.HeadOutputs;
import org.densereg.network.InputNormalisation;
import org.densereg.quantize.UvCodec;
import org.densereg.supervision.FacePartChart;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Runs a trained face network (a loaded {@link ModelArchive}) on faces and decodes its outputs (DESIGN §8).
 *
 * <p>Localisation: a face is given as a {@link FaceCrop} of a source image (from landmarks, from a box, from the face
 * detector's box, or the whole image). The crop is resampled to the network input
 * ({@code inputSize × inputSize}, {@link FaceCrop#toImage}), normalised as in training, and the four heads are
 * decoded by {@link UvCodec} (foreground where both class arg-maxes are non-zero, u = v = −1 elsewhere).
 * Networks with stride-8 outputs have their heads upsampled ×8 (bilinear, aligned corners) to the input size
 * before decoding. Parts come from the template's {@link FacePartChart}; landmarks from
 * {@link UvLandmarkExtractor} in the crop frame, mapped back to the source image by {@link FaceCrop#invert}.
 *
 * <p>Thread-safe: pre- and post-processing run in the caller's thread; forward passes through the shared
 * network are serialised (one at a time), so several threads can keep decoding and writing while one runs the
 * network. Every face gets its own forward pass (a batch of one), so a face's result is bit-identical whichever
 * other faces are predicted with it ({@link #predictBatch} and {@link #predictCrops} only group the calls).
 */
public final class FacePredictor {

    private final ComputationGraph graph;
    private final ModelMetadata metadata;
    private final UvCodec codec;
    private final InputNormalisation normalisation;
    private final UvLandmarkExtractor extractor;
    private final UvLandmarkExtractor.Mode mode;
    private final FacePartChart chart;
    private final int inputSize;
    private final int[] headIndex;
    private final Object forwardLock = new Object();

    /**
     * @param model a loaded archive of a face network
     * @param mode  landmark extraction: {@link UvLandmarkExtractor.Mode#SUBPIXEL} (default) or the original's
     *              {@link UvLandmarkExtractor.Mode#ARGMIN}
     * @throws IllegalArgumentException when the archive is not a face model or lacks a face head
     */
    public FacePredictor(ModelArchive.Loaded model, UvLandmarkExtractor.Mode mode) {
        this.graph = model.graph();
        this.metadata = model.metadata();
        if (!"face".equals(metadata.task())) {
            throw new IllegalArgumentException("model task is '" + metadata.task() + "', expected 'face'");
        }
        this.codec = new UvCodec(metadata.bins());
        this.normalisation = new InputNormalisation(metadata.inputMean(), metadata.inputScale());
        this.mode = mode;
        double[] landmarkUv = metadata.landmarkUv();
        this.extractor = new UvLandmarkExtractor(landmarkUv, mode);
        this.chart = FacePartChart.fromLandmarkUv(landmarkUv);
        this.inputSize = metadata.inputSize();
        List<String> outputs = graph.getConfiguration().getNetworkOutputs();
        this.headIndex = new int[DenseRegNetworkFactory.FACE_OUTPUTS.size()];
        for (int i = 0; i < headIndex.length; i++) {
            headIndex[i] = outputs.indexOf(DenseRegNetworkFactory.FACE_OUTPUTS.get(i));
            if (headIndex[i] < 0) {
                throw new IllegalArgumentException("network has no output '" + DenseRegNetworkFactory.FACE_OUTPUTS.get(i)
                        + "' (outputs: " + outputs + ")");
            }
        }
    }

    /** Side of the square network input in pixels; every prediction's maps have this side. */
    public int inputSize() {
        return inputSize;
    }

    /** The archive's metadata. */
    public ModelMetadata metadata() {
        return metadata;
    }

    /** The landmark extraction mode. */
    public UvLandmarkExtractor.Mode mode() {
        return mode;
    }

    /** The part chart of the model's template. */
    public FacePartChart chart() {
        return chart;
    }

    /**
     * The crop that treats a whole image as the face: the square of side max(w, h) centred on the image (the
     * shorter side is padded with black), resampled to {@code size}.
     *
     * @param width  image width
     * @param height image height
     * @param size   crop side in pixels
     */
    public static FaceCrop wholeImageCrop(int width, int height, int size) {
        return FaceCrop.centredSquare((width - 1) / 2.0, (height - 1) / 2.0, Math.max(width, height), size);
    }

    /**
     * The same source square as {@code crop}, resampled to {@code size} pixels instead of {@code crop.size()}
     * (outer edges kept aligned).
     */
    public static FaceCrop resized(FaceCrop crop, int size) {
        if (crop.size() == size) {
            return crop;
        }
        double k = size / (double) crop.size();
        return new FaceCrop(crop.scale() * k, (crop.offsetX() + 0.5) * k - 0.5, (crop.offsetY() + 0.5) * k - 0.5, size);
    }

    /**
     * Predicts a face crop: the whole image is the face ({@link #wholeImageCrop}); landmarks are returned in this
     * image's pixel coordinates.
     *
     * @param faceCrop an image showing one face, roughly centred and filling it
     */
    public FacePrediction predict(BufferedImage faceCrop) {
        return predictInImage(faceCrop, wholeImageCrop(faceCrop.getWidth(), faceCrop.getHeight(), inputSize));
    }

    /**
     * Predicts the face inside {@code crop} of {@code image}.
     *
     * @param image the source image
     * @param crop  where the face is (any size; it is resampled to the network input with the same source square)
     * @return maps in the network-input frame, landmarks in {@code image}'s 0-based pixel coordinates
     */
    public FacePrediction predictInImage(BufferedImage image, FaceCrop crop) {
        return predictBatch(List.of(image), List.of(crop)).get(0);
    }

    /**
     * Predicts several faces (one forward pass each, see {@link #predictCrops}).
     *
     * @param images source images (the same image may appear several times)
     * @param crops  one crop per image, same order
     * @return one prediction per face, in order
     */
    public List<FacePrediction> predictBatch(List<BufferedImage> images, List<FaceCrop> crops) {
        if (images.size() != crops.size()) {
            throw new IllegalArgumentException(images.size() + " images but " + crops.size() + " crops");
        }
        List<FaceCrop> netCrops = new ArrayList<>(crops.size());
        List<BufferedImage> inputs = new ArrayList<>(crops.size());
        for (int i = 0; i < crops.size(); i++) {
            FaceCrop c = resized(crops.get(i), inputSize);
            netCrops.add(c);
            inputs.add(c.toImage(images.get(i)));
        }
        return predictCrops(inputs, netCrops);
    }

    /**
     * Predicts already resampled network inputs. Each input gets its own forward pass (a batch of one), so a
     * face's result does not depend on which other faces are in the list: outputs are bit-identical whatever
     * the batching of the caller (a batched forward pass would change the summation order inside the
     * convolutions and so the float round-off).
     *
     * @param inputs {@code inputSize × inputSize} images
     * @param crops  the crop each input was taken with (size {@code inputSize}), for mapping landmarks back
     * @return one prediction per input, in order
     */
    public List<FacePrediction> predictCrops(List<BufferedImage> inputs, List<FaceCrop> crops) {
        if (inputs.size() != crops.size()) {
            throw new IllegalArgumentException(inputs.size() + " inputs but " + crops.size() + " crops");
        }
        List<FacePrediction> result = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            result.add(predictOne(inputs.get(i), crops.get(i)));
        }
        return result;
    }

    private FacePrediction predictOne(BufferedImage input, FaceCrop crop) {
        INDArray features = normalisation.toBatch(List.of(input));
        if (features.size(2) != inputSize || features.size(3) != inputSize) {
            throw new IllegalArgumentException("inputs must be " + inputSize + "x" + inputSize + ", got "
                    + features.size(3) + "x" + features.size(2));
        }
        INDArray[] heads = new INDArray[headIndex.length];
        synchronized (forwardLock) {
            HeadOutputs.read(graph, features, out -> {
                for (int i = 0; i < heads.length; i++) {
                    heads[i] = out[headIndex[i]].castTo(DataType.FLOAT).detach();
                }
                return heads;
            });
        }
        long outSide = heads[0].size(2);
        if (outSide != inputSize) {
            int factor = (int) ((inputSize - 1) / (outSide - 1));
            for (int i = 0; i < heads.length; i++) {
                heads[i] = BilinearUpsampleLayer.upsample(heads[i], factor).dup('c');
            }
        }
        float[] uv = codec.decode(heads[0], heads[1], heads[2], heads[3]).dup('c').data().asFloat();
        int plane = inputSize * inputSize;
        float[] u = new float[plane];
        float[] v = new float[plane];
        System.arraycopy(uv, 0, u, 0, plane);
        System.arraycopy(uv, plane, v, 0, plane);
        byte[] parts = chart.labelMap(u, v, inputSize, inputSize);
        ExtractedLandmarks found = extractor.extract(u, v, inputSize, inputSize);
        Landmarks inCrop = found.points();
        return new FacePrediction(crop, u, v, parts, inCrop, crop.invert(inCrop), found.uvDistance());
    }
}
