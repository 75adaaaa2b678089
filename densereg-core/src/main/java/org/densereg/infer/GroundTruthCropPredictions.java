package org.densereg.infer;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.densereg.data.Landmarks;
import org.densereg.data.face.FaceCrop;
import org.densereg.data.face.ImagePtsFolderReader;
import org.densereg.data.face.PtsReader;
import org.densereg.data.face.PtsWriter;
import org.densereg.io.BadInputException;
import org.densereg.io.ImageIo;
import org.densereg.runtime.ProgressListener;

/**
 * Model predictions for evaluation on annotated faces (300W layout or a folder of image + {@code .pts}).
 *
 * <p>Localisation uses the ground truth: each face is cropped around the bounding box of its ground-truth
 * landmarks ({@link FaceCrop#aroundLandmarks}, the crop {@code densereg supervise} and training use), because
 * the boxes of the 300W protocol are not distributed with the data (and so that scores measure the landmarks, not
 * the face detector of {@code infer}). Scores
 * are therefore those of landmark localisation given a face box derived from the ground truth, as is common
 * for DenseReg-style evaluations; state it when comparing with detector-based numbers.
 *
 * <p>A landmark the model cannot find (a prediction with no foreground) is placed at the crop centre, so every
 * face gets 68 points and counts in the metrics (never silently dropped).
 */
public final class GroundTruthCropPredictions {

    private static final Pattern FACE_SUFFIX = Pattern.compile("(.+)_\\d+");

    private GroundTruthCropPredictions() {
    }

    /**
     * Predicts every face and writes {@code <outFolder>/<path of the pts relative to root>} (1-based {@code .pts}).
     *
     * @param predictor the model
     * @param root      folder the ground-truth files are relative to
     * @param ptsFiles  ground-truth {@code .pts} files under {@code root}
     * @param outFolder prediction folder
     * @param progress  progress sink
     * @return the number of faces where at least one landmark was not found (placed at the crop centre)
     * @throws BadInputException when a ground-truth file is malformed or its image is missing
     * @throws IOException       on a read or write error
     */
    public static int predict(FacePredictor predictor, Path root, List<Path> ptsFiles, Path outFolder,
            ProgressListener progress) throws IOException {
        progress.start("predict", ptsFiles.size());
        int incomplete = 0;
        int done = 0;
        for (Path pts : ptsFiles) {
            Landmarks gt = PtsReader.read(pts, Landmarks.IBUG_68);
            BufferedImage image = ImageIo.read(imageOf(pts));
            FaceCrop crop = FaceCrop.aroundLandmarks(gt, predictor.inputSize());
            FacePrediction p = predictor.predictInImage(image, crop);
            Landmarks found = p.landmarks();
            if (!found.allFinite()) {
                incomplete++;
                found = completed(found, crop);
            }
            String rel = root.relativize(pts).toString();
            PtsWriter.write(outFolder.resolve(rel), found);
            progress.advance(++done, rel);
        }
        progress.finish(done + " faces predicted" + (incomplete > 0 ? ", " + incomplete + " with missing landmarks" : ""));
        return incomplete;
    }

    /**
     * Landmarks with every point the model did not find (not finite) placed at the centre of the crop, so that a face
     * always has all its points and counts in the metrics.
     *
     * @param found predicted points in image pixels, some possibly NaN
     * @param crop  the crop the face was predicted in
     * @return the points, the missing ones at the crop centre (in image pixels)
     */
    public static Landmarks completed(Landmarks found, FaceCrop crop) {
        if (found.allFinite()) {
            return found;
        }
        double c = (crop.size() - 1) / 2.0;
        double[] xy = found.xy();
        double cx = (c - crop.offsetX()) / crop.scale();
        double cy = (c - crop.offsetY()) / crop.scale();
        for (int k = 0; k < xy.length / 2; k++) {
            if (!Double.isFinite(xy[2 * k]) || !Double.isFinite(xy[2 * k + 1])) {
                xy[2 * k] = cx;
                xy[2 * k + 1] = cy;
            }
        }
        return new Landmarks(xy);
    }

    /**
     * Every {@code .pts} under a folder, recursively, sorted.
     *
     * @throws BadInputException when the folder does not exist
     */
    public static List<Path> ptsFiles(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new BadInputException(folder, "ground-truth folder of .pts files not found");
        }
        try (Stream<Path> s = Files.walk(folder)) {
            return s.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".pts")).sorted().toList();
        }
    }

    /**
     * The image of a {@code .pts} file, with {@link ImagePtsFolderReader}'s rules: same stem with an image
     * extension, else the stem without a {@code _<digits>} suffix.
     *
     * @throws BadInputException when there is none
     */
    public static Path imageOf(Path pts) throws IOException {
        String name = pts.getFileName().toString();
        String stem = name.substring(0, name.length() - 4);
        Path dir = pts.toAbsolutePath().getParent();
        Path found = find(dir, stem);
        if (found == null) {
            Matcher m = FACE_SUFFIX.matcher(stem);
            if (m.matches()) {
                found = find(dir, m.group(1));
            }
        }
        if (found == null) {
            throw new BadInputException(pts, "no image beside it named " + stem + ".{"
                    + String.join(",", ImagePtsFolderReader.IMAGE_EXTENSIONS) + "}");
        }
        return found;
    }

    private static Path find(Path dir, String stem) throws IOException {
        for (String ext : ImagePtsFolderReader.IMAGE_EXTENSIONS) {
            for (String e : new String[] {ext, ext.toUpperCase(Locale.ROOT)}) {
                Path p = dir.resolve(stem + "." + e);
                if (Files.isRegularFile(p)) {
                    return p;
                }
            }
        }
        return null;
    }
}
