package org.densereg.supervision;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.densereg.data.Landmarks;
import org.densereg.data.face.AnnotationProblem;
import org.densereg.data.face.AnnotationScan;
import org.densereg.data.face.FaceAnnotation;
import org.densereg.data.face.FaceCrop;
import org.densereg.fit.FitConfig;
import org.densereg.fit.FitResult;
import org.densereg.fit.LandmarkFitter;
import org.densereg.io.BadInputException;
import org.densereg.io.ImageIo;
import org.densereg.model3d.MorphableModel;
import org.densereg.runtime.Futures;
import org.densereg.runtime.ProgressListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ground truth from sparse landmarks (DESIGN §5.1), for whole datasets: for each annotated face, crop a square
 * around its landmarks ({@link FaceCrop#aroundLandmarks}), fit the morphable model to the 68 landmarks in crop
 * coordinates, rasterise the model's (u, v) and parts, measure the fit quality and write the sample atomically.
 *
 * <p>Batches go on past bad items: an unreadable image, NaN landmarks or landmarks far outside their image
 * fail that face only, with the reason in the summary. Faces whose complete output already exists are kept
 * (resumable runs). Images are processed in parallel; the output does not depend on the thread count.
 */
public final class FaceSupervisionGenerator {

    private static final Logger LOG = LoggerFactory.getLogger(FaceSupervisionGenerator.class);

    /** Landmarks may lie outside their image by at most this fraction of the landmarks' box size. */
    public static final double MAX_OUTSIDE_FRACTION = 0.25;

    private final MorphableModel model;
    private final LandmarkFitter fitter;
    private final FaceUvRenderer renderer;
    private final double[] templateUv;
    private final SupervisionOptions options;

    /**
     * @param model     the morphable model to fit (its UVs are the ground-truth parameterisation)
     * @param fitConfig fitting settings
     * @param options   crop size and threads
     */
    public FaceSupervisionGenerator(MorphableModel model, FitConfig fitConfig, SupervisionOptions options) {
        this.model = model;
        this.fitter = new LandmarkFitter(model, fitConfig);
        this.renderer = new FaceUvRenderer(model);
        this.templateUv = model.landmarkUv();
        this.options = options;
    }

    /**
     * Generates the ground truth of one face.
     *
     * @param face  the annotation (landmarks in the image's 0-based pixels)
     * @param image the decoded image the annotation refers to
     * @return the sample: crop, U/V maps, parts, crop landmarks and quality figures
     * @throws BadInputException when the landmarks are not finite or lie far outside the image
     */
    public FaceSupervisionSample generate(FaceAnnotation face, BufferedImage image) {
        checkLandmarks(face, image);
        int size = options.size();
        FaceCrop crop = FaceCrop.aroundLandmarks(face.landmarks(), size);
        BufferedImage cropImage = crop.toImage(image);
        Landmarks cropLandmarks = crop.apply(face.landmarks());
        FitResult fit = fitter.fit(cropLandmarks);
        UvMaps maps = renderer.render(fit.projected(), size, size);
        LandmarkConsistency consistency = LandmarkConsistency.measure(maps, cropLandmarks, templateUv);
        Map<String, Object> quality = new LinkedHashMap<>();
        quality.put("model", model.name());
        putFinite(quality, "reprojectionNme", fit.reprojectionNme());
        putFinite(quality, "meanLandmarkUvError", consistency.meanUvError());
        putFinite(quality, "maxLandmarkUvError", consistency.maxUvError());
        quality.put("landmarksOffSurface", consistency.offSurface());
        putFinite(quality, "yawDegrees", fit.camera().yawDegrees());
        putFinite(quality, "pitchDegrees", fit.camera().pitchDegrees());
        putFinite(quality, "rollDegrees", fit.camera().rollDegrees());
        quality.put("foregroundPixels", maps.foregroundPixels());
        return new FaceSupervisionSample(face.id(), cropImage, maps.u(), maps.v(), maps.parts(), cropLandmarks,
                crop, quality);
    }

    /**
     * Runs the generator over a scanned dataset and writes {@code summary.json} (listing the scan's renamed faces
     * under {@code "renamed"}) and {@code failures.csv}.
     *
     * @param scan     annotations found by a dataset reader, with the problems met while scanning
     * @param outDir   output folder (created when missing)
     * @param progress progress callback (one step per face)
     * @return the summary that was written
     * @throws IOException when the output folder cannot be written
     */
    public SupervisionSummary run(AnnotationScan scan, Path outDir, ProgressListener progress) throws IOException {
        long start = System.nanoTime();
        Files.createDirectories(outDir);
        FaceSupervisionWriter.removeStaleTemporaries(outDir);
        Map<Path, List<FaceAnnotation>> byImage = new LinkedHashMap<>();
        for (FaceAnnotation face : scan.faces()) {
            byImage.computeIfAbsent(face.image(), k -> new ArrayList<>()).add(face);
        }
        progress.start("supervise", scan.faces().size());
        AtomicLong done = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(options.threads());
        List<Future<List<FaceOutcome>>> futures = new ArrayList<>();
        try {
            for (Map.Entry<Path, List<FaceAnnotation>> entry : byImage.entrySet()) {
                futures.add(pool.submit(() -> processImage(entry.getKey(), entry.getValue(), outDir, done, progress)));
            }
            List<FaceOutcome> outcomes = new ArrayList<>();
            for (AnnotationProblem problem : scan.problems()) {
                String name = problem.file().getFileName().toString();
                int dot = name.lastIndexOf('.');
                outcomes.add(FaceOutcome.failed(dot > 0 ? name.substring(0, dot) : name, problem.file().toString(),
                        problem.message()));
            }
            for (Future<List<FaceOutcome>> future : futures) {
                outcomes.addAll(Futures.await(future));
            }
            SupervisionSummary summary = new SupervisionSummary(model.name(), options.size(), outcomes,
                    scan.renamed(), (System.nanoTime() - start) / 1e9);
            summary.write(outDir);
            progress.finish(String.format("%d written, %d existing, %d failed; mean reprojection NME %.4f",
                    summary.count(FaceOutcome.OK), summary.count(FaceOutcome.EXISTING),
                    summary.count(FaceOutcome.FAILED), summary.meanReprojectionNme()));
            return summary;
        } finally {
            pool.shutdownNow();
        }
    }

    private List<FaceOutcome> processImage(Path imagePath, List<FaceAnnotation> faces, Path outDir, AtomicLong done,
            ProgressListener progress) throws IOException {
        List<FaceOutcome> outcomes = new ArrayList<>();
        List<FaceAnnotation> todo = new ArrayList<>();
        for (FaceAnnotation face : faces) {
            if (FaceSupervisionWriter.isComplete(outDir, face.id())) {
                outcomes.add(FaceOutcome.existing(face.id(), imagePath.toString()));
                progress.advance(done.incrementAndGet(), face.id() + " (existing)");
            } else {
                todo.add(face);
            }
        }
        if (todo.isEmpty()) {
            return outcomes;
        }
        BufferedImage image;
        try {
            image = ImageIo.read(imagePath);
        } catch (BadInputException e) {
            for (FaceAnnotation face : todo) {
                outcomes.add(failure(face, e.getMessage()));
                progress.advance(done.incrementAndGet(), face.id() + " (failed)");
            }
            return outcomes;
        }
        for (FaceAnnotation face : todo) {
            try {
                FaceSupervisionSample sample = generate(face, image);
                FaceSupervisionWriter.write(outDir, sample);
                FitQuality q = FitQuality.of(sample.quality());
                outcomes.add(new FaceOutcome(face.id(), imagePath.toString(), FaceOutcome.OK, q.nme(), q.uvError(),
                        q.yaw(), ""));
            } catch (BadInputException | IllegalArgumentException e) {
                outcomes.add(failure(face, e.getMessage()));
            }
            progress.advance(done.incrementAndGet(), face.id());
        }
        return outcomes;
    }

    private static FaceOutcome failure(FaceAnnotation face, String message) {
        LOG.warn("{}: {}", face.id(), message);
        return FaceOutcome.failed(face.id(), face.image().toString(), message);
    }

    /** Quality maps hold finite numbers only (they become JSON); undefined figures are left out. */
    private static void putFinite(Map<String, Object> quality, String key, double value) {
        if (Double.isFinite(value)) {
            quality.put(key, value);
        }
    }

    /** Rejects NaN landmarks and landmarks far outside their image. */
    static void checkLandmarks(FaceAnnotation face, BufferedImage image) {
        Landmarks landmarks = face.landmarks();
        if (landmarks.count() != Landmarks.IBUG_68) {
            throw new BadInputException(face.image(), "face " + face.id() + " has " + landmarks.count()
                    + " landmarks, expected 68");
        }
        for (int k = 0; k < landmarks.count(); k++) {
            if (!Double.isFinite(landmarks.x(k)) || !Double.isFinite(landmarks.y(k))) {
                throw new BadInputException(face.image(), "face " + face.id() + ": landmark " + k
                        + " is not a finite number");
            }
        }
        double[] b = landmarks.bounds();
        double extent = Math.max(b[2] - b[0], b[3] - b[1]);
        double margin = MAX_OUTSIDE_FRACTION * Math.max(extent, 1);
        for (int k = 0; k < landmarks.count(); k++) {
            double x = landmarks.x(k);
            double y = landmarks.y(k);
            if (x < -margin || y < -margin || x > image.getWidth() - 1 + margin || y > image.getHeight() - 1 + margin) {
                throw new BadInputException(face.image(), String.format(
                        "face %s: landmark %d at (%.1f, %.1f) lies far outside the %d×%d image", face.id(), k, x, y,
                        image.getWidth(), image.getHeight()));
            }
        }
    }


    /** The numbers a summary keeps from a sample's quality map. */
    private record FitQuality(double nme, double uvError, double yaw) {
        static FitQuality of(Map<String, Object> quality) {
            return new FitQuality(number(quality.get("reprojectionNme")), number(quality.get("meanLandmarkUvError")),
                    number(quality.get("yawDegrees")));
        }

        private static double number(Object value) {
            return value instanceof Number n ? n.doubleValue() : Double.NaN;
        }
    }
}
