package org.densereg.train.face;

import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.densereg.data.Landmarks;
import org.densereg.infer.UvLandmarkExtractor;
import org.densereg.network.HeadOutputs;
import org.densereg.network.InputNormalisation;
import org.densereg.train.Validator;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Validation of a face network on held-out faces with exact ground truth (DESIGN §7 "dense UV error"):
 * <ul>
 *   <li>{@code landmarkNme}: per image, the mean over defined landmarks of the distance between the landmark
 *       found in the predicted (u, v) map ({@link UvLandmarkExtractor}, sub-pixel) and the true landmark, divided
 *       by the true outer-eye-corner distance (points 36, 45); averaged over images. A landmark that cannot be
 *       found (empty prediction) is placed at the image centre. Primary metric, lower is better.</li>
 *   <li>{@code foregroundIoU}: per image |P ∩ G| / |P ∪ G| of predicted and true foreground, averaged.</li>
 *   <li>{@code uError}, {@code vError}: mean |Δu|, |Δv| over pixels that are foreground in both maps.</li>
 * </ul>
 * All figures are computed at the network's output resolution (the input size unless the network outputs at
 * stride 8, in which case landmarks are scaled accordingly).
 */
public final class FaceValidator implements Validator {

    /** Name of the primary metric. */
    public static final String LANDMARK_NME = "landmarkNme";

    private final FaceValidationSet set;
    private final FaceBatchEncoder encoder;
    private final InputNormalisation normalisation;
    private final UvLandmarkExtractor extractor;
    private final int batchSize;
    private final int inputSize;

    /**
     * @param set                held-out faces
     * @param encoder            the training encoder (codec, output size)
     * @param normalisation      input normalisation
     * @param templateLandmarkUv [136] template (u, v) of the 68 landmarks
     * @param batchSize          images per forward pass
     */
    public FaceValidator(FaceValidationSet set, FaceBatchEncoder encoder, InputNormalisation normalisation,
            double[] templateLandmarkUv, int batchSize) {
        this.set = set;
        this.encoder = encoder;
        this.normalisation = normalisation;
        this.extractor = new UvLandmarkExtractor(templateLandmarkUv, UvLandmarkExtractor.Mode.SUBPIXEL);
        this.batchSize = batchSize;
        this.inputSize = set.images().get(0).getWidth();
    }

    @Override
    public Map<String, Double> validate(ComputationGraph graph) {
        int out = encoder.outputSize();
        int plane = out * out;
        double scale = (out - 1) / (double) (inputSize - 1);
        double nmeSum = 0;
        double iouSum = 0;
        double uErrSum = 0;
        double vErrSum = 0;
        long both = 0;
        for (int start = 0; start < set.size(); start += batchSize) {
            int end = Math.min(set.size(), start + batchSize);
            INDArray features = normalisation.toBatch(set.images().subList(start, end));
            float[] predicted = HeadOutputs.read(graph, features, heads -> encoder.codec()
                    .decode(heads[0], heads[1], heads[2], heads[3]).dup('c').data().asFloat());
            float[] truth = encoder.groundTruth(set.u().subList(start, end), set.v().subList(start, end))
                    .dup('c').data().asFloat();
            for (int i = 0; i < end - start; i++) {
                int base = 2 * i * plane;
                float[] pu = new float[plane];
                float[] pv = new float[plane];
                System.arraycopy(predicted, base, pu, 0, plane);
                System.arraycopy(predicted, base + plane, pv, 0, plane);
                long inter = 0;
                long union = 0;
                for (int p = 0; p < plane; p++) {
                    boolean pf = pu[p] >= 0;
                    boolean gf = truth[base + p] >= 0;
                    if (pf && gf) {
                        inter++;
                        both++;
                        uErrSum += Math.abs(pu[p] - truth[base + p]);
                        vErrSum += Math.abs(pv[p] - truth[base + plane + p]);
                    }
                    if (pf || gf) {
                        union++;
                    }
                }
                iouSum += union == 0 ? 1.0 : inter / (double) union;
                Landmarks truthLandmarks = set.landmarks().get(start + i).scaleTranslate(scale, scale, 0, 0);
                Landmarks found = extractor.extract(pu, pv, out, out).points();
                nmeSum += nme(found, truthLandmarks, (out - 1) / 2.0);
            }
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put(LANDMARK_NME, nmeSum / set.size());
        metrics.put("foregroundIoU", iouSum / set.size());
        metrics.put("uError", both == 0 ? Double.NaN : uErrSum / both);
        metrics.put("vError", both == 0 ? Double.NaN : vErrSum / both);
        return metrics;
    }

    /** Mean landmark error over defined true landmarks / outer-eye-corner distance; missing predictions at the centre. */
    static double nme(Landmarks predicted, Landmarks truth, double centre) {
        double norm = Math.hypot(truth.x(36) - truth.x(45), truth.y(36) - truth.y(45));
        double sum = 0;
        int count = 0;
        for (int k = 0; k < truth.count(); k++) {
            if (!Double.isFinite(truth.x(k)) || !Double.isFinite(truth.y(k))) {
                continue;
            }
            double px = Double.isFinite(predicted.x(k)) ? predicted.x(k) : centre;
            double py = Double.isFinite(predicted.y(k)) ? predicted.y(k) : centre;
            sum += Math.hypot(px - truth.x(k), py - truth.y(k));
            count++;
        }
        return count == 0 || !(norm > 0) ? Double.NaN : sum / count / norm;
    }

    @Override
    public String primaryMetric() {
        return LANDMARK_NME;
    }

    @Override
    public boolean lowerIsBetter() {
        return true;
    }
}
