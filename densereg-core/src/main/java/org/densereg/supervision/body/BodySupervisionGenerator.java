package org.densereg.supervision.body;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.densereg.data.body.BodyAnnotation;
import org.densereg.data.body.BodyJoints;
import org.densereg.data.body.BodySplit;
import org.densereg.data.lsp.LspJoint;
import org.densereg.data.lsp.LspJoints;
import org.densereg.data.lsp.LspReader;
import org.densereg.data.mpii.MpiiJoint;
import org.densereg.data.mpii.MpiiJsonAnnotation;
import org.densereg.data.mpii.MpiiJsonReader;
import org.densereg.data.mpii.MpiiPerson;
import org.densereg.data.mpii.MpiiReleaseReader;
import org.densereg.io.BadInputException;
import org.densereg.io.ImageIo;
import org.densereg.io.OutputIds;
import org.densereg.runtime.Futures;
import org.densereg.runtime.ProgressListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Body ground truth from sparse joints (DESIGN §5.2), for whole datasets: for each person, crop a square around
 * the joints ({@link BodyCrop#aroundJoints}) or take the whole image ({@link BodyFraming}), fit the part template to the crop joints ({@link BodyPartModel}),
 * rasterise part index, u, v and mask, and write the sample atomically ({@link BodySupervisionWriter}).
 *
 * <p>A batch goes on past bad items: an unreadable image, fewer than {@value #MIN_JOINTS} present joints or joints
 * far outside their image fail that item only, with the reason in {@code summary.json} / {@code failures.csv}.
 * Items whose complete output exists are kept (resumable). Items run in parallel; the output does not depend on
 * the thread count.
 *
 * <p>Output ids are made safe as file names ({@link OutputIds#sanitize}) and unique within the run, ignoring case:
 * an item whose id an earlier item took gets {@code ~2}, {@code ~3}, ... ({@link OutputIds#claim}) and is listed in
 * {@link BodySupervisionSummary#renamed}. LSP ids ({@code imNNNN}) never collide; MPII ids
 * ({@code <image stem>_<person>}) do when two images share a stem ({@code a.jpg} and {@code a.png}, or the same
 * name in two folders) or one image is listed twice.
 */
public final class BodySupervisionGenerator {

    private static final Logger LOG = LoggerFactory.getLogger(BodySupervisionGenerator.class);

    /** Joints may lie outside their image by at most this fraction of the joints' box size. */
    public static final double MAX_OUTSIDE_FRACTION = 0.25;
    /** Fewest present joints for a sample. */
    public static final int MIN_JOINTS = 2;

    private final BodySupervisionOptions options;

    /** A generator with the given crop size and threads. */
    public BodySupervisionGenerator(BodySupervisionOptions options) {
        this.options = options;
    }

    /**
     * Generates the ground truth of one person.
     *
     * @param item  the annotation (joints in the image's 0-based pixels)
     * @param image the decoded image
     * @return crop, maps, crop joints and quality figures ({@code torsoSize}, {@code facesCamera},
     *         {@code drawOrder}, {@code skippedParts}, {@code foregroundPixels}, {@code jointCoverage})
     * @throws BadInputException when too few joints are present or joints lie far outside the image
     */
    public BodySupervisionSample generate(BodyAnnotation item, BufferedImage image) {
        checkJoints(item, image);
        BodyCrop crop = options.framing().crop(item.joints(), image.getWidth(), image.getHeight(), options.size());
        BodyJoints joints = crop.apply(item.joints());
        BodyPartModel model = BodyPartModel.fit(joints);
        BodyMaps maps = model.render(options.size(), options.size());
        Map<String, Object> quality = new LinkedHashMap<>();
        if (Double.isFinite(model.torsoSize())) {
            quality.put("torsoSize", model.torsoSize());
        }
        quality.put("facesCamera", model.facesCamera());
        quality.put("drawOrder", model.drawOrder().stream().map(Enum::name).toList());
        quality.put("skippedParts", model.skipped().stream().map(Enum::name).toList());
        quality.put("foregroundPixels", maps.foregroundPixels());
        double coverage = jointCoverage(maps, joints);
        if (Double.isFinite(coverage)) {
            quality.put("jointCoverage", coverage);
        }
        return new BodySupervisionSample(item.id(), crop.toImage(image), maps, joints, crop, quality);
    }

    /**
     * The fraction of present joints inside the maps whose nearest pixel is a body pixel.
     *
     * @return a value in [0, 1], NaN when no present joint lies inside
     */
    public static double jointCoverage(BodyMaps maps, BodyJoints joints) {
        int inside = 0;
        int covered = 0;
        for (LspJoint j : LspJoint.values()) {
            if (!joints.present(j)) {
                continue;
            }
            long x = Math.round(joints.x(j));
            long y = Math.round(joints.y(j));
            if (x < 0 || y < 0 || x >= maps.width() || y >= maps.height()) {
                continue;
            }
            inside++;
            if (maps.isForeground((int) (y * maps.width() + x))) {
                covered++;
            }
        }
        return inside == 0 ? Double.NaN : (double) covered / inside;
    }

    /**
     * Runs over the annotations and writes {@code summary.json} and {@code failures.csv} into {@code outDir}. Items
     * whose id is taken by an earlier one are written under {@code <id>~n} and listed under {@code "renamed"}.
     *
     * @param dataset  dataset label for the summary, e.g. {@code lsp}
     * @param items    the annotations
     * @param outDir   output folder (created when missing)
     * @param progress one step per item
     * @return the summary that was written
     * @throws IOException when the output folder cannot be written
     */
    public BodySupervisionSummary run(String dataset, List<BodyAnnotation> items, Path outDir, ProgressListener progress)
            throws IOException {
        long start = System.nanoTime();
        checkExistingFraming(outDir);
        Files.createDirectories(outDir);
        OutputIds ids = new OutputIds();
        List<BodyAnnotation> unique = new ArrayList<>(items.size());
        for (BodyAnnotation item : items) {
            String id = ids.claim(OutputIds.sanitize(item.id()), item.image().toString());
            unique.add(id.equals(item.id()) ? item : new BodyAnnotation(id, item.image(), item.joints()));
        }
        progress.start("supervise-body", items.size());
        AtomicLong done = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(options.threads());
        try {
            List<Future<BodyOutcome>> futures = new ArrayList<>();
            for (BodyAnnotation item : unique) {
                futures.add(pool.submit(() -> {
                    BodyOutcome o = process(item, outDir);
                    progress.advance(done.incrementAndGet(), item.id() + (o.status().equals(BodyOutcome.OK) ? ""
                            : " (" + o.status() + ")"));
                    return o;
                }));
            }
            List<BodyOutcome> outcomes = new ArrayList<>();
            for (Future<BodyOutcome> f : futures) {
                outcomes.add(Futures.await(f));
            }
            BodySupervisionSummary summary = new BodySupervisionSummary(dataset, options.size(), options.framing(), outcomes,
                    ids.renamed(), (System.nanoTime() - start) / 1e9);
            summary.write(outDir);
            progress.finish(String.format("%d written, %d existing, %d failed; mean joint coverage %.4f",
                    summary.count(BodyOutcome.OK), summary.count(BodyOutcome.EXISTING),
                    summary.count(BodyOutcome.FAILED), summary.meanJointCoverage()));
            return summary;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Refuses to add to a folder written with another crop size or framing: its samples would mix two framings
     * (a folder from before framings were recorded counts as {@link BodyFraming#JOINTS}).
     */
    private void checkExistingFraming(Path outDir) throws IOException {
        Optional<BodySupervisionSummary.CropLayout> existing = BodySupervisionSummary.layoutOf(outDir);
        if (existing.isPresent() && !existing.get().equals(
                new BodySupervisionSummary.CropLayout(options.size(), options.framing()))) {
            throw new BadInputException(outDir.resolve("summary.json"), "the folder holds supervision with --size "
                    + existing.get().size() + " --framing " + existing.get().framing().label() + ", this run asks for"
                    + " --size " + options.size() + " --framing " + options.framing().label()
                    + "; use another --out folder");
        }
    }

    private BodyOutcome process(BodyAnnotation item, Path outDir) throws IOException {
        String image = item.image().toString();
        if (BodySupervisionWriter.isComplete(outDir, item.id())) {
            return BodyOutcome.existing(item.id(), image);
        }
        try {
            BufferedImage img = ImageIo.read(item.image());
            BodySupervisionSample sample = generate(item, img);
            BodySupervisionWriter.write(outDir, sample);
            double t = sample.quality().get("torsoSize") instanceof Number n ? n.doubleValue() : Double.NaN;
            double c = sample.quality().get("jointCoverage") instanceof Number n ? n.doubleValue() : Double.NaN;
            return new BodyOutcome(item.id(), image, BodyOutcome.OK, t, c, "");
        } catch (BadInputException | IllegalArgumentException e) {
            LOG.warn("{}: {}", item.id(), e.getMessage());
            return BodyOutcome.failed(item.id(), image, e.getMessage());
        }
    }

    /** Rejects too few joints and joints far outside their image. */
    static void checkJoints(BodyAnnotation item, BufferedImage image) {
        BodyJoints joints = item.joints();
        if (joints.presentCount() < MIN_JOINTS) {
            throw new BadInputException(item.image(), item.id() + ": " + joints.presentCount()
                    + " joints present, need at least " + MIN_JOINTS);
        }
        double[] b = joints.bounds();
        double margin = MAX_OUTSIDE_FRACTION * Math.max(1, Math.max(b[2] - b[0], b[3] - b[1]));
        for (LspJoint j : LspJoint.values()) {
            if (!joints.present(j)) {
                continue;
            }
            double x = joints.x(j);
            double y = joints.y(j);
            if (x < -margin || y < -margin || x > image.getWidth() - 1 + margin || y > image.getHeight() - 1 + margin) {
                throw new BadInputException(item.image(), String.format(java.util.Locale.ROOT,
                        "%s: joint %s at (%.1f, %.1f) lies far outside the %dx%d image", item.id(),
                        j.name().toLowerCase(java.util.Locale.ROOT), x, y, image.getWidth(), image.getHeight()));
            }
        }
    }

}
