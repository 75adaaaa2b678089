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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
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
import org.densereg.runtime.Futures;
import org.densereg.runtime.ProgressListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Body ground truth from sparse joints (DESIGN §5.2), for whole datasets: for each person, crop a square around
 * the joints ({@link BodyCrop#aroundJoints}), fit the part template to the crop joints ({@link BodyPartModel}),
 * rasterise part index, u, v and mask, and write the sample atomically ({@link BodySupervisionWriter}).
 *
 * <p>A batch goes on past bad items: an unreadable image, fewer than {@value #MIN_JOINTS} present joints or joints
 * far outside their image fail that item only, with the reason in {@code summary.json} / {@code failures.csv}.
 * Items whose complete output exists are kept (resumable). Items run in parallel; the output does not depend on
 * the thread count.
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
        BodyCrop crop = BodyCrop.aroundJoints(item.joints(), options.size());
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
     * The LSP annotations of a split: {@code <root>/joints.mat} (original 3×14×N or extended 14×3×N layout, read by
     * {@link LspReader}, 1-based → 0-based) and images {@code <root>/images/imNNNN.jpg} (or {@code <root>/imNNNN.jpg}
     * when there is no {@code images} folder); ids {@code imNNNN}.
     *
     * @throws BadInputException when {@code joints.mat} is missing or malformed, or the split is not in the file
     */
    public static List<BodyAnnotation> lspAnnotations(Path root, LspSplit split) throws IOException {
        Path mat = root.resolve("joints.mat");
        if (!Files.isRegularFile(mat)) {
            throw new BadInputException(mat, "missing: expected the LSP joints.mat in the dataset root");
        }
        LspJoints all = LspReader.readGroundTruth(mat);
        LspJoints joints;
        try {
            joints = switch (split) {
                case TRAIN -> all.trainSplit();
                case TEST -> all.testSplit();
                case ALL -> all;
            };
        } catch (IllegalArgumentException e) {
            throw new BadInputException(mat, "split " + split.name().toLowerCase(java.util.Locale.ROOT) + ": "
                    + e.getMessage());
        }
        Path images = Files.isDirectory(root.resolve("images")) ? root.resolve("images") : root;
        List<BodyAnnotation> out = new ArrayList<>();
        for (int i = 0; i < joints.count(); i++) {
            String id = String.format("im%04d", joints.firstImage() + i);
            out.add(new BodyAnnotation(id, images.resolve(id + ".jpg"), BodyJoints.fromLsp(joints, i)));
        }
        return out;
    }

    /** File name of the official MPII release annotation inside the dataset root. */
    public static final String MPII_RELEASE = "mpii_human_pose_v1_u12_1.mat";

    /**
     * The MPII Human Pose annotations of a split, one item per annotated person, joints mapped to LSP order by
     * {@link BodyJoints#fromMpii}. Layout of {@code root}: {@code images/} plus either the official release
     * {@value #MPII_RELEASE} (read by {@link MpiiReleaseReader}; used when both forms exist, because only it carries
     * the {@code is_visible} occlusion flags) or the HRNet / mmpose JSON files {@code annot/train.json} and
     * {@code annot/valid.json} (read by {@link MpiiJsonReader}). Both readers already convert the files' 1-based
     * coordinates to 0-based pixels; no further shift happens here.
     *
     * <p>Split: with the release, train = persons of images with {@code img_train = 1}, test = the others (the
     * release has no joints for test images, so those persons fail with "0 joints present"), all = every person;
     * with the JSON files, train = {@code train.json}, test = {@code valid.json}, all = both (train first).
     * With the JSON form a joint is present when its {@code joints_vis} flag is 1, and present joints count as
     * visible (the form has no occlusion flag). Persons with fewer than {@value #MIN_JOINTS} joints are kept: the
     * run reports them as failed items.
     *
     * <p>Ids are {@code <image stem>_<person>}: the release's 1-based {@code annorect} index, or for JSON the
     * 1-based order of the person's entries for that image in the files read (train.json before valid.json).
     * The two forms may number the same person differently (the JSON files leave out rectangles without joints).
     *
     * @throws BadInputException when neither annotation form is in {@code root}, or a file is malformed
     * @throws IOException       on a read error
     */
    public static List<BodyAnnotation> mpiiAnnotations(Path root, LspSplit split) throws IOException {
        Path images = root.resolve("images");
        Path mat = root.resolve(MPII_RELEASE);
        List<BodyAnnotation> out = new ArrayList<>();
        if (Files.isRegularFile(mat)) {
            for (MpiiPerson p : MpiiReleaseReader.read(mat)) {
                boolean keep = switch (split) {
                    case TRAIN -> p.train();
                    case TEST -> !p.train();
                    case ALL -> true;
                };
                if (keep) {
                    out.add(new BodyAnnotation(stem(p.imageName()) + "_" + p.personIndex(),
                            images.resolve(p.imageName()), BodyJoints.fromMpii(p.joints(), p.visible())));
                }
            }
            return out;
        }
        Path annot = root.resolve("annot");
        if (!Files.isDirectory(annot)) {
            throw new BadInputException(root, "no MPII annotations: expected " + MPII_RELEASE
                    + " or annot/train.json and annot/valid.json in the dataset root");
        }
        List<Path> files = switch (split) {
            case TRAIN -> List.of(annot.resolve("train.json"));
            case TEST -> List.of(annot.resolve("valid.json"));
            case ALL -> List.of(annot.resolve("train.json"), annot.resolve("valid.json"));
        };
        Map<String, Integer> perImage = new HashMap<>();
        for (Path file : files) {
            for (MpiiJsonAnnotation a : MpiiJsonReader.read(file)) {
                double[] xy = a.joints().clone();
                boolean[] visible = new boolean[MpiiJoint.COUNT];
                for (int j = 0; j < MpiiJoint.COUNT; j++) {
                    if (a.flags()[j]) {
                        visible[j] = true;
                    } else {
                        xy[2 * j] = Double.NaN;
                        xy[2 * j + 1] = Double.NaN;
                    }
                }
                int person = perImage.merge(a.image(), 1, Integer::sum);
                out.add(new BodyAnnotation(stem(a.image()) + "_" + person, images.resolve(a.image()),
                        BodyJoints.fromMpii(xy, visible)));
            }
        }
        return out;
    }

    private static String stem(String imageName) {
        String name = Path.of(imageName).getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /**
     * Runs over the annotations and writes {@code summary.json} and {@code failures.csv} into {@code outDir}.
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
        Files.createDirectories(outDir);
        progress.start("supervise-body", items.size());
        AtomicLong done = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(options.threads());
        try {
            List<Future<BodyOutcome>> futures = new ArrayList<>();
            for (BodyAnnotation item : items) {
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
            BodySupervisionSummary summary = new BodySupervisionSummary(dataset, options.size(), outcomes,
                    (System.nanoTime() - start) / 1e9);
            summary.write(outDir);
            progress.finish(String.format("%d written, %d existing, %d failed; mean joint coverage %.4f",
                    summary.count(BodyOutcome.OK), summary.count(BodyOutcome.EXISTING),
                    summary.count(BodyOutcome.FAILED), summary.meanJointCoverage()));
            return summary;
        } finally {
            pool.shutdownNow();
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
