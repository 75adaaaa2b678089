package org.densereg.data.body;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.densereg.data.lsp.LspJoints;
import org.densereg.data.lsp.LspLayout;
import org.densereg.data.lsp.LspReader;
import org.densereg.data.mpii.MpiiJoint;
import org.densereg.data.mpii.MpiiJsonAnnotation;
import org.densereg.data.mpii.MpiiJsonReader;
import org.densereg.data.mpii.MpiiPerson;
import org.densereg.data.mpii.MpiiReleaseReader;
import org.densereg.io.BadInputException;

/**
 * Reads the person annotations of the body datasets (LSP, LSP Extended, MPII Human Pose) into {@link BodyAnnotation}s in LSP
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
        List<BodyAnnotation> out = new ArrayList<>();
        for (int i = 0; i < joints.count(); i++) {
            int number = joints.firstImage() + i;
            out.add(new BodyAnnotation(lspId(number), lspImage(root, number), BodyJoints.fromLsp(joints, i)));
        }
        return out;
    }

    /** The LSP id of a 1-based image number: {@code im0001} … {@code im2000}. */
    public static String lspId(int number) {
        return String.format(Locale.ROOT, "im%04d", number);
    }

    /**
     * The image file of an LSP image number: {@code <root>/images/imNNNN.jpg}, or {@code <root>/imNNNN.jpg} when there
     * is no {@code images} folder (the layout {@link #lsp} reads). The file is not checked.
     *
     * @param root   the LSP folder
     * @param number 1-based image number
     */
    public static Path lspImage(Path root, int number) {
        Path images = Files.isDirectory(root.resolve("images")) ? root.resolve("images") : root;
        return images.resolve(lspId(number) + ".jpg");
    }

    /**
     * The LSP Extended (LSPet) training set: {@code <root>/joints.mat} (14×3×N, flag 1 = <b>visible</b>, read by
     * {@link LspReader}, 1-based → 0-based) and images {@code <root>/images/imNNNNN.jpg} (or {@code <root>/imNNNNN.jpg}
     * without an {@code images} folder); ids {@code im00001} …, one person per image. LSPet is a training set only: it
     * has no test split, so every image is returned.
     *
     * <p>A joint flagged 0 (not visible) is <b>missing</b> (NaN): in the released file such joints carry no position
     * (every one of them has x ≤ 0 or y ≤ 0 in the 1-based file: one coordinate 0 and the other negative, or both 0),
     * so they mark joints the annotator could not place rather than occluded ones. A joint flagged 1 is present and
     * counted as visible (the file has no separate occlusion flag).
     *
     * @throws BadInputException when {@code joints.mat} is missing, malformed or not in the 14×3×N layout
     * @throws IOException       on a read error
     */
    public static List<BodyAnnotation> lspet(Path root) throws IOException {
        Path mat = root.resolve("joints.mat");
        if (!Files.isRegularFile(mat)) {
            throw new BadInputException(mat, "missing: expected the LSPet joints.mat (14x3xN) in the dataset root");
        }
        LspJoints joints = LspReader.readGroundTruth(mat);
        if (joints.layout() != LspLayout.EXTENDED_14x3xN) {
            throw new BadInputException(mat, "expected the LSPet layout 14x3xN (flag 1 = visible), found "
                    + joints.layout().description() + " (is this LSP's joints.mat? use --dataset lsp)");
        }
        Path images = Files.isDirectory(root.resolve("images")) ? root.resolve("images") : root;
        List<BodyAnnotation> out = new ArrayList<>(joints.count());
        for (int i = 0; i < joints.count(); i++) {
            double[] xy = new double[2 * BodyJoints.COUNT];
            boolean[] visible = new boolean[BodyJoints.COUNT];
            for (int j = 0; j < BodyJoints.COUNT; j++) {
                visible[j] = joints.visible(i, j);
                xy[2 * j] = visible[j] ? joints.x(i, j) : Double.NaN;
                xy[2 * j + 1] = visible[j] ? joints.y(i, j) : Double.NaN;
            }
            String id = lspetId(joints.firstImage() + i);
            out.add(new BodyAnnotation(id, images.resolve(id + ".jpg"), new BodyJoints(xy, visible)));
        }
        return out;
    }

    /** The LSPet id of a 1-based image number: {@code im00001} … */
    public static String lspetId(int number) {
        return String.format(Locale.ROOT, "im%05d", number);
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
