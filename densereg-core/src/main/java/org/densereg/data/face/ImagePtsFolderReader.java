package org.densereg.data.face;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.densereg.data.Landmarks;
import org.densereg.io.BadInputException;
import org.densereg.io.OutputIds;

/**
 * Reads 300W-style folders of images with 68-point {@code .pts} files: the released layout ({@code afw},
 * {@code helen/trainset}, {@code helen/testset}, {@code lfpw/trainset}, {@code lfpw/testset}, {@code ibug}) when
 * scanned recursively from its root, or any plain folder of image + pts pairs.
 *
 * <p>Pairing: every {@code X.pts} is paired with the image {@code X.<ext>} in the same folder, {@code ext} one
 * of {@code jpg jpeg png bmp ppm pgm gif tif tiff webp} (any case, tried in that order). When none exists and the stem ends in
 * {@code _<digits>} (one pts file per face of a multi-face image, e.g. {@code photo_1.pts}, {@code photo_2.pts}),
 * the image {@code photo.<ext>} is used. Images without a pts file are ignored. Coordinates are converted from
 * the file's 1-based convention to 0-based by {@link PtsReader}.
 *
 * <p>The face id is the pts path relative to the scanned folder without {@code .pts}, made safe by
 * {@link OutputIds#sanitize} (path separators, whitespace and characters unsafe in file names become {@code _})
 * ({@code helen/trainset/100032540_1.pts} → {@code helen_trainset_100032540_1}); a face whose id an earlier one
 * (in sorted order) has taken, ignoring case, gets {@code ~2}, {@code ~3}, ... ({@link AnnotationScan#renamed}).
 * A malformed pts file (wrong count, non-numbers, missing braces, NaN) or a
 * missing image becomes an {@link AnnotationProblem} and the scan goes on. Images are not decoded here.
 */
public final class ImagePtsFolderReader {

    /** Image extensions tried, in this order (lower case; matched case-insensitively). */
    public static final List<String> IMAGE_EXTENSIONS = List.of("jpg", "jpeg", "png", "bmp", "ppm", "pgm", "gif", "tif", "tiff", "webp");

    private static final Pattern FACE_SUFFIX = Pattern.compile("(.+)_\\d+");

    private ImagePtsFolderReader() {
    }

    /**
     * Scans a folder.
     *
     * @param folder    the folder
     * @param recursive also scan every sub-folder (needed for the released 300W layout)
     * @return the faces sorted by relative pts path, and the skipped pts files
     * @throws BadInputException when {@code folder} is not a folder
     * @throws IOException when the folder cannot be listed
     */
    public static AnnotationScan scan(Path folder, boolean recursive) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new BadInputException(folder, Files.exists(folder) ? "not a folder" : "folder not found");
        }
        List<Path> ptsFiles;
        try (Stream<Path> s = recursive ? Files.walk(folder) : Files.list(folder)) {
            ptsFiles = s.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".pts"))
                    .filter(Files::isRegularFile)
                    .sorted((a, b) -> folder.relativize(a).toString().compareTo(folder.relativize(b).toString()))
                    .toList();
        }
        Map<Path, Map<String, Path>> listings = new HashMap<>();
        List<FaceAnnotation> faces = new ArrayList<>();
        List<AnnotationProblem> problems = new ArrayList<>();
        OutputIds ids = new OutputIds();
        for (Path pts : ptsFiles) {
            String relative = folder.relativize(pts).toString();
            String id = FaceIds.sanitize(FaceIds.stem(relative));
            String stem = FaceIds.stem(pts.getFileName().toString());
            Map<String, Path> listing = listings.computeIfAbsent(pts.toAbsolutePath().getParent(), ImagePtsFolderReader::list);
            Path image = findImage(listing, stem);
            if (image == null) {
                Matcher m = FACE_SUFFIX.matcher(stem);
                if (m.matches()) {
                    image = findImage(listing, m.group(1));
                }
            }
            if (image == null) {
                problems.add(AnnotationProblem.of(new BadInputException(pts, "no image beside it named " + stem
                        + ".{" + String.join(",", IMAGE_EXTENSIONS) + "}")));
                continue;
            }
            Landmarks landmarks;
            try {
                landmarks = PtsReader.read(pts, Landmarks.IBUG_68);
            } catch (BadInputException e) {
                problems.add(AnnotationProblem.of(e));
                continue;
            } catch (IOException e) {
                problems.add(AnnotationProblem.of(new BadInputException(pts, "cannot read: " + e.getMessage(), e)));
                continue;
            }
            faces.add(new FaceAnnotation(ids.claim(id, image.toString()), image, landmarks, null));
        }
        return new AnnotationScan(faces, problems, ids.renamed());
    }

    /**
     * The image of one {@code .pts} file by this reader's rules: the same stem with an image extension (any case),
     * else the stem without a {@code _<digits>} suffix.
     *
     * @param pts a {@code .pts} file
     * @return the image beside it, or null when there is none
     * @throws BadInputException when its folder cannot be listed
     */
    public static Path imageBeside(Path pts) {
        Map<String, Path> listing = list(pts.toAbsolutePath().getParent());
        String stem = FaceIds.stem(pts.getFileName().toString());
        Path image = findImage(listing, stem);
        if (image == null) {
            Matcher m = FACE_SUFFIX.matcher(stem);
            if (m.matches()) {
                image = findImage(listing, m.group(1));
            }
        }
        return image;
    }

    private static Path findImage(Map<String, Path> listing, String stem) {
        for (String ext : IMAGE_EXTENSIONS) {
            Path p = listing.get((stem + "." + ext).toLowerCase(Locale.ROOT));
            if (p != null) {
                return p;
            }
        }
        return null;
    }

    /** Regular files of a folder by lower-case name (the first in sorted order wins on a case clash). */
    private static Map<String, Path> list(Path dir) {
        Map<String, Path> byName = new HashMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(Files::isRegularFile).sorted()
                    .forEach(p -> byName.putIfAbsent(p.getFileName().toString().toLowerCase(Locale.ROOT), p));
        } catch (IOException e) {
            throw new BadInputException(dir, "cannot list folder: " + e.getMessage(), e);
        }
        return byName;
    }
}
