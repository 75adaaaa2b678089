package org.densereg.bench;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.densereg.data.Landmarks;
import org.densereg.data.face.FaceCrop;
import org.densereg.data.face.PtsReader;
import org.densereg.eval.FaceNme;
import org.densereg.eval.FaceNormalisation;
import org.densereg.fit.DenseCorrespondenceFitter;
import org.densereg.fit.DenseFitResult;
import org.densereg.infer.FacePrediction;
import org.densereg.infer.FacePredictionFitter;
import org.densereg.infer.FacePredictor;
import org.densereg.infer.GroundTruthCropPredictions;
import org.densereg.io.ImageIo;
import org.densereg.runtime.ProgressListener;
import org.densereg.trainingdata.synthetic.SyntheticFace;
import org.densereg.trainingdata.synthetic.SyntheticFaceConfig;
import org.densereg.trainingdata.synthetic.SyntheticFaceRenderer;

/**
 * Measures the dense-to-3D cascade ({@code densereg bench fit3d}): landmark NME with and without it, pose error and
 * fit time, on held-out synthetic faces with exact ground truth and on real annotated faces.
 *
 * <ul>
 *   <li><b>Synthetic</b>: faces of the project's renderer ({@link SyntheticFaceRenderer}, the default configuration
 *       but yaw up to {@code maxYaw}: profiles whose far side hides itself) from seeds {@code seed, seed + 1, ...}
 *       (training draws its faces from other seeds). Ground truth: the projected landmark vertices, also where
 *       self-occluded, and the rendering pose. NME is normalised by the <b>box size</b> sqrt(w·h) of the true
 *       landmarks ({@link FaceNormalisation#BOX}), because the outer-eye-corner distance vanishes in profile. Rows by
 *       |yaw| band; also the cascade on the <b>exact</b> rendered (u, v) maps (its ceiling, with the network out of
 *       the loop).</li>
 *   <li><b>Real</b>: every {@code .pts} under a folder with its image ({@code evaluate --dataset 300w}'s
 *       conventions: crop around the ground-truth landmarks, landmarks not found placed at the crop centre, NME by
 *       the outer eye corners).</li>
 * </ul>
 * "Without" is the landmarks of the (u, v) map ({@link FacePrediction#landmarks()}), "with" the fitted model's
 * landmarks. Fit time is the fitting thread's CPU time (independent of other load on the machine) and its wall time.
 */
public final class Fit3dBenchmark {

    /** Upper edges of the |yaw| bands of the synthetic rows, degrees. */
    private static final double[] YAW_BANDS = {30, 60, 90.0001};

    private Fit3dBenchmark() {
    }

    /**
     * One row of the table.
     *
     * @param set          what was measured, e.g. {@code synthetic |yaw| < 30} or {@code real}
     * @param faces        faces in the row
     * @param normaliser   the NME's normaliser ({@code box} or {@code eye-corners})
     * @param nmeUv        mean NME of the (u, v)-map landmarks (NaN for the exact-map row)
     * @param nmeFit       mean NME of the fitted landmarks
     * @param fitFailures  faces where the cascade could not fit (too few foreground pixels; their fitted landmarks
     *                     are taken as the (u, v) ones)
     * @param yawError     mean |yaw error| of the fit, degrees (NaN for real faces)
     * @param pitchError   mean |pitch error|, degrees
     * @param rollError    mean |roll error|, degrees
     * @param fitCpuMs     mean CPU time per fit, milliseconds
     * @param fitWallMs    mean wall time per fit, milliseconds
     */
    public record Row(String set, int faces, String normaliser, double nmeUv, double nmeFit, int fitFailures,
            double yawError, double pitchError, double rollError, double fitCpuMs, double fitWallMs) {
    }

    /** Accumulates one row. */
    private static final class Sums {
        final String set;
        final String normaliser;
        int faces;
        int failures;
        double uv;
        double fit;
        double yaw;
        double pitch;
        double roll;
        double cpu;
        double wall;

        Sums(String set, String normaliser) {
            this.set = set;
            this.normaliser = normaliser;
        }

        Row row(boolean withUv, boolean withPose) {
            double n = Math.max(1, faces);
            return new Row(set, faces, normaliser, withUv ? uv / n : Double.NaN, fit / n, failures,
                    withPose ? yaw / n : Double.NaN, withPose ? pitch / n : Double.NaN, withPose ? roll / n : Double.NaN,
                    cpu / n / 1e6, wall / n / 1e6);
        }
    }

    /**
     * Runs the synthetic part.
     *
     * @param predictor the face model
     * @param fitter    the cascade (its model must be the renderer's: the template the network was trained on)
     * @param count     synthetic faces
     * @param seed      first seed
     * @param maxYaw    yaw range of the faces, degrees (uniform in [−maxYaw, maxYaw])
     * @param progress  progress sink
     * @return one row per |yaw| band with faces, the whole set, and the exact-map row
     */
    public static List<Row> synthetic(FacePredictor predictor, FacePredictionFitter fitter, int count, long seed,
            double maxYaw, ProgressListener progress) {
        SyntheticFaceConfig d = SyntheticFaceConfig.defaults();
        SyntheticFaceConfig config = new SyntheticFaceConfig(d.size(), maxYaw, d.maxPitch(), d.maxRoll(), d.shapeSigma(),
                d.expressionSigma(), d.minFaceFraction(), d.maxFaceFraction(), d.maxShift(), d.occluderProbability(), d.style());
        SyntheticFaceRenderer renderer = new SyntheticFaceRenderer(fitter.model(), config);
        DenseCorrespondenceFitter exact = new DenseCorrespondenceFitter(fitter.model(), fitter.config());
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Sums[] bands = new Sums[YAW_BANDS.length];
        double lower = 0;
        for (int b = 0; b < bands.length; b++) {
            bands[b] = new Sums(String.format(Locale.ROOT, "synthetic %2.0f <= |yaw| < %2.0f", lower,
                    Math.min(90, YAW_BANDS[b])), "box");
            lower = YAW_BANDS[b];
        }
        Sums all = new Sums("synthetic, all", "box");
        Sums oracle = new Sums("synthetic, exact (u, v) maps", "box");
        progress.start("fit3d synthetic", count);
        for (int i = 0; i < count; i++) {
            SyntheticFace face = renderer.render(seed + i);
            Landmarks truth = face.landmarks();
            FacePrediction p = predictor.predict(face.image());
            long cpu0 = threads.getCurrentThreadCpuTime();
            long wall0 = System.nanoTime();
            DenseFitResult fit = fitter.fit(p);
            long cpu = threads.getCurrentThreadCpuTime() - cpu0;
            long wall = System.nanoTime() - wall0;
            Landmarks uvLandmarks = orCentre(p.landmarks(), p.crop());
            double nmeUv = FaceNme.of(uvLandmarks, truth, FaceNormalisation.BOX);
            double nmeFit = fit == null ? nmeUv : FaceNme.of(fit.landmarks(), truth, FaceNormalisation.BOX);
            int band = 0;
            while (band < YAW_BANDS.length - 1 && Math.abs(face.yaw()) >= YAW_BANDS[band]) {
                band++;
            }
            for (Sums s : new Sums[] {bands[band], all}) {
                s.faces++;
                s.uv += nmeUv;
                s.fit += nmeFit;
                s.cpu += cpu;
                s.wall += wall;
                if (fit == null) {
                    s.failures++;
                } else {
                    s.yaw += angleError(fit.camera().yawDegrees(), face.yaw());
                    s.pitch += angleError(fit.camera().pitchDegrees(), face.pitch());
                    s.roll += angleError(fit.camera().rollDegrees(), face.roll());
                }
            }
            cpu0 = threads.getCurrentThreadCpuTime();
            wall0 = System.nanoTime();
            DenseFitResult ideal;
            try {
                ideal = exact.fit(face.u(), face.v(), config.size(), config.size());
            } catch (IllegalArgumentException tooFew) {
                ideal = null;
            }
            oracle.cpu += threads.getCurrentThreadCpuTime() - cpu0;
            oracle.wall += System.nanoTime() - wall0;
            oracle.faces++;
            if (ideal == null) {
                oracle.failures++;
                oracle.fit += nmeUv;
            } else {
                oracle.fit += FaceNme.of(ideal.landmarks(), truth, FaceNormalisation.BOX);
                oracle.yaw += angleError(ideal.camera().yawDegrees(), face.yaw());
                oracle.pitch += angleError(ideal.camera().pitchDegrees(), face.pitch());
                oracle.roll += angleError(ideal.camera().rollDegrees(), face.roll());
            }
            progress.advance(i + 1, "seed " + (seed + i));
        }
        progress.finish(count + " synthetic faces");
        List<Row> rows = new ArrayList<>();
        for (Sums s : bands) {
            if (s.faces > 0) {
                rows.add(s.row(true, true));
            }
        }
        rows.add(all.row(true, true));
        rows.add(oracle.row(false, true));
        return rows;
    }

    /**
     * Runs the real part: every {@code .pts} under {@code groundTruth} with its image.
     *
     * @param predictor   the face model
     * @param fitter      the cascade
     * @param groundTruth folder of images with 68-point {@code .pts} files
     * @param progress    progress sink
     * @return the row of these faces (outer-eye-corner NME, no pose)
     * @throws IOException when a file cannot be read
     */
    public static Row real(FacePredictor predictor, FacePredictionFitter fitter, Path groundTruth,
            ProgressListener progress) throws IOException {
        List<Path> files = GroundTruthCropPredictions.ptsFiles(groundTruth);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Sums s = new Sums("real " + groundTruth.getFileName(), "eye-corners");
        progress.start("fit3d real", files.size());
        for (Path pts : files) {
            Landmarks truth = PtsReader.read(pts, Landmarks.IBUG_68);
            BufferedImage image = ImageIo.read(GroundTruthCropPredictions.imageOf(pts));
            FacePrediction p = predictor.predictInImage(image, FaceCrop.aroundLandmarks(truth, predictor.inputSize()));
            long cpu0 = threads.getCurrentThreadCpuTime();
            long wall0 = System.nanoTime();
            DenseFitResult fit = fitter.fit(p);
            s.cpu += threads.getCurrentThreadCpuTime() - cpu0;
            s.wall += System.nanoTime() - wall0;
            double nmeUv = FaceNme.of(orCentre(p.landmarks(), p.crop()), truth, FaceNormalisation.EYE_CORNERS);
            s.faces++;
            s.uv += nmeUv;
            if (fit == null) {
                s.failures++;
                s.fit += nmeUv;
            } else {
                s.fit += FaceNme.of(fit.landmarks(), truth, FaceNormalisation.EYE_CORNERS);
            }
            progress.advance(s.faces, pts.getFileName().toString());
        }
        progress.finish(s.faces + " real faces");
        return s.row(true, false);
    }

    /** Landmarks with every missing point at the crop centre (as {@code evaluate --model} places them). */
    private static Landmarks orCentre(Landmarks found, FaceCrop crop) {
        if (found.allFinite()) {
            return found;
        }
        double c = (crop.size() - 1) / 2.0;
        double[] xy = found.xy();
        for (int k = 0; k < xy.length / 2; k++) {
            if (!Double.isFinite(xy[2 * k]) || !Double.isFinite(xy[2 * k + 1])) {
                xy[2 * k] = (c - crop.offsetX()) / crop.scale();
                xy[2 * k + 1] = (c - crop.offsetY()) / crop.scale();
            }
        }
        return new Landmarks(xy);
    }

    /** |a − b| wrapped into [0, 180] degrees. */
    static double angleError(double a, double b) {
        double d = Math.abs(a - b) % 360;
        return d > 180 ? 360 - d : d;
    }

    /**
     * The rows as a table with a header.
     *
     * @param rows rows
     * @return lines
     */
    public static List<String> table(List<Row> rows) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%-32s %5s %-11s %8s %8s %5s %22s %14s", "set", "faces", "NME by",
                "(u,v)", "cascade", "fail", "|err| yaw/pitch/roll", "fit ms cpu/wall"));
        for (Row r : rows) {
            lines.add(String.format(Locale.ROOT, "%-32s %5d %-11s %8s %8.4f %5d %22s %14s", r.set(), r.faces(),
                    r.normaliser(), Double.isNaN(r.nmeUv()) ? "-" : String.format(Locale.ROOT, "%.4f", r.nmeUv()),
                    r.nmeFit(), r.fitFailures(), Double.isNaN(r.yawError()) ? "-"
                            : String.format(Locale.ROOT, "%.1f/%.1f/%.1f", r.yawError(), r.pitchError(), r.rollError()),
                    String.format(Locale.ROOT, "%.1f/%.1f", r.fitCpuMs(), r.fitWallMs())));
        }
        return lines;
    }

    /** Visible for tests: the yaw bands' upper edges. */
    static double[] yawBands() {
        return Arrays.copyOf(YAW_BANDS, YAW_BANDS.length);
    }
}
