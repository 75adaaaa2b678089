package org.densereg.data.body;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.densereg.data.lsp.LspJoints;
import org.densereg.data.lsp.LspReader;
import org.densereg.data.mpii.MpiiJoint;
import org.densereg.data.mpii.MpiiJsonAnnotation;
import org.densereg.data.mpii.MpiiJsonReader;
import org.densereg.data.mpii.MpiiPerson;
import org.densereg.data.mpii.MpiiReleaseReader;
import org.densereg.io.BadInputException;

/**
 * Reads the person annotations of the body datasets (LSP, MPII Human Pose) into {@link BodyAnnotation}s in LSP
 * joint order, one split at a time.
 */
public final class BodyAnnotationReader {

    private BodyAnnotationReader() {
    }

    /**
     * The LSP annotations of a split: {@code <root>/joints.mat} (original 3×14×N or extended 14×3×N layout, read by
     * {@link LspReader}, 1-based → 0-based) and images {@code <root>/images/imNNNN.jpg} (or {@code <root>/imNNNN.jpg}
     * when there is no {@code images} folder); ids {@code imNNNN}.
     *
     * @throws BadInputException when {@code joints.mat} is missing or malformed, or the split is not in the file
     */
    public static List<BodyAnnotation> lsp(Path root, BodySplit split) throws IOException {
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
     * visible (the form has no occlusion flag). Persons are kept whatever their joint count: a supervision
     * run reports those with too few joints as failed items.
     *
     * <p>Ids are {@code <image stem>_<person>}: the release's 1-based {@code annorect} index, or for JSON the
     * 1-based order of the person's entries for that image in the files read (train.json before valid.json).
     * The two forms may number the same person differently (the JSON files leave out rectangles without joints).
     *
     * @throws BadInputException when neither annotation form is in {@code root}, or a file is malformed
     * @throws IOException       on a read error
     */
    public static List<BodyAnnotation> mpii(Path root, BodySplit split) throws IOException {
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
}
