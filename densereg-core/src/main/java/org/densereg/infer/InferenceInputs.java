package org.densereg.infer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.densereg.data.face.AnnotationProblem;
import org.densereg.data.face.AnnotationScan;
import org.densereg.data.face.DlibXmlReader;
import org.densereg.data.face.FaceAnnotation;
import org.densereg.data.face.ImagePtsFolderReader;
import org.densereg.io.BadInputException;
import org.densereg.io.OutputIds;
import org.densereg.io.TextFiles;

/**
 * Turns command-line inputs into {@link InferenceItem}s located in one of three ways (the face detector's items are
 * made from {@link #wholeImages} by {@link FaceDetectionScan}):
 * <ul>
 *   <li>{@link #wholeImages}: every image file is one face crop (the whole image is the face);</li>
 *   <li>{@link #withPts}: 300W-style folders, each image located by the 68 landmarks of the {@code .pts} beside it
 *       (cropped as {@code densereg supervise} does; see {@link ImagePtsFolderReader} for the pairing rules);</li>
 *   <li>{@link #withBoxes}: a boxes file, either a dlib/imglab XML ({@link DlibXmlReader}: boxes with their 68
 *       parts), a JSON array of {@code {"image": ..., "boxes": [[x, y, w, h], ...]}} entries (one per image) or a
 *       CSV {@code image,x,y,w,h} (one row per face, optional header row); image paths relative to the boxes
 *       file's folder, box left/top/width/height in 0-based pixels.</li>
 * </ul>
 * Ids are the input's path relative to the given folder (or its file name), without extension, made safe by
 * {@link OutputIds#sanitize} (path separators, whitespace and characters unsafe in file names become {@code _};
 * letters and digits of any script are kept); box faces get {@code _<k>} (k = 0-based box index in the image; from a
 * JSON boxes file only when the image has several). Ids are unique within a scan, ignoring case: a later input whose
 * id is taken gets {@code ~2}, {@code ~3}, ... ({@link OutputIds#claim}), listed in {@link Scan#renamed}. Image files
 * are recognised by extension ({@link ImagePtsFolderReader#IMAGE_EXTENSIONS}); they are not decoded here.
 */
public final class InferenceInputs {

    /**
     * The items found and the inputs that could not be used.
     *
     * @param items    faces to predict, in a stable order
     * @param problems unusable inputs (listed in {@code failures.csv})
     * @param renamed  inputs whose id got a {@code ~n} suffix because an earlier input had taken it
     */
    public record Scan(List<InferenceItem> items, List<InferenceFailure> problems,
            List<OutputIds.Renamed> renamed) {

        /** Copies the lists. */
        public Scan {
            items = List.copyOf(items);
            problems = List.copyOf(problems);
            renamed = List.copyOf(renamed);
        }

        /** A scan in which no input was renamed. */
        public Scan(List<InferenceItem> items, List<InferenceFailure> problems) {
            this(items, problems, List.of());
        }

        /**
         * The renamed inputs as {@code summary.json} lists them ({@link OutputIds.Renamed#forSummary}).
         *
         * @return one {@code {"input": ..., "wanted": ..., "id": ...}} map per renamed input, in input order
         */
        public List<Map<String, String>> renamedForSummary() {
            return OutputIds.Renamed.forSummary(renamed);
        }
    }

    private InferenceInputs() {
    }

    /**
     * Expands command-line input arguments into files and folders, in argument order:
     * <ul>
     *   <li>{@code @LIST}: a list file, one path per line (file or folder); blank lines and lines starting with
     *       {@code #} are ignored, surrounding spaces trimmed, relative paths resolved against the list file's
     *       folder. A line naming nothing that exists is an error naming the list file and the line.</li>
     *   <li>a path that exists (file or folder) is kept as it is, even when its name contains glob characters;</li>
     *   <li>otherwise, an argument with a glob character (<code>* ? [ {</code>) is a pattern the shell did not expand
     *       (quoted, or on a shell without globbing): it is matched with {@link java.nio.file.FileSystem#getPathMatcher}
     *       {@code glob:} syntax ({@code *} within one folder, {@code **} across folders), relative to the working
     *       folder unless absolute; the matches (files and folders) are sorted by path. A pattern matching nothing
     *       is an error.</li>
     * </ul>
     * Other arguments are returned resolved against {@code workingDir}; whether they exist is checked by the scans.
     *
     * @param arguments  the arguments as typed
     * @param workingDir the folder relative arguments and patterns are resolved against ({@code Path.of("")} for
     *                   the process's working folder, which keeps relative paths relative)
     * @return the paths, in argument order (each pattern's or list's entries in place)
     * @throws BadInputException when a list file is missing or has a bad line, or a pattern matches nothing
     */
    public static List<Path> expand(List<String> arguments, Path workingDir) throws IOException {
        List<Path> out = new ArrayList<>();
        for (String arg : arguments) {
            if (arg.startsWith("@") && arg.length() > 1) {
                out.addAll(readList(workingDir.resolve(arg.substring(1))));
            } else if (Files.exists(workingDir.resolve(arg)) || !isPattern(arg)) {
                out.add(workingDir.resolve(arg));
            } else {
                out.addAll(glob(arg, workingDir));
            }
        }
        return out;
    }

    private static boolean isPattern(String arg) {
        return arg.indexOf('*') >= 0 || arg.indexOf('?') >= 0 || arg.indexOf('[') >= 0 || arg.indexOf('{') >= 0;
    }

    private static List<Path> readList(Path list) throws IOException {
        if (!Files.isRegularFile(list)) {
            throw new BadInputException(list, "list file not found");
        }
        Path folder = list.toAbsolutePath().getParent();
        List<String> lines = TextFiles.readLines(list);
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Path p;
            try {
                p = folder.resolve(line);
            } catch (java.nio.file.InvalidPathException e) {
                throw new BadInputException(list, i + 1, "not a valid path: '" + line + "'");
            }
            if (!Files.exists(p)) {
                throw new BadInputException(list, i + 1, "expected an image file or folder, '" + line
                        + "' does not exist (relative paths are resolved against " + folder + ")");
            }
            out.add(p);
        }
        return out;
    }

    private static List<Path> glob(String pattern, Path workingDir) throws IOException {
        String normalised = pattern;
        String[] parts = normalised.split("/", -1);
        int first = 0;
        while (first < parts.length && !isPattern(parts[first])) {
            first++;
        }
        String prefix = String.join("/", java.util.Arrays.copyOfRange(parts, 0, first));
        String rest = String.join("/", java.util.Arrays.copyOfRange(parts, first, parts.length));
        Path base = prefix.isEmpty() ? workingDir : normalised.startsWith("/") && first == 1
                ? Path.of("/") : workingDir.resolve(prefix);
        PathMatcher matcher;
        try {
            matcher = FileSystems.getDefault().getPathMatcher("glob:" + rest);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(Path.of(pattern), "not a valid glob pattern: " + e.getMessage());
        }
        Set<Path> matches = new TreeSet<>();
        if (Files.isDirectory(base)) {
            int depth = rest.contains("**") ? Integer.MAX_VALUE : parts.length - first;
            Path walkRoot = base.toString().isEmpty() ? Path.of(".") : base;
            try (Stream<Path> s = Files.walk(walkRoot, depth)) {
                s.filter(p -> !p.equals(walkRoot))
                        .filter(p -> matcher.matches(walkRoot.relativize(p)))
                        .forEach(p -> matches.add(base.resolve(walkRoot.relativize(p))));
            }
        }
        if (matches.isEmpty()) {
            throw new BadInputException(Path.of(pattern), "no file or folder matches this pattern (relative to "
                    + workingDir.toAbsolutePath() + ")");
        }
        return new ArrayList<>(matches);
    }

    /**
     * Whole-image faces from files and folders.
     *
     * @param inputs    image files (any extension) and folders (their image files)
     * @param recursive descend into sub-folders
     * @throws BadInputException when an input does not exist
     */
    public static Scan wholeImages(List<Path> inputs, boolean recursive) throws IOException {
        List<InferenceItem> items = new ArrayList<>();
        OutputIds ids = new OutputIds();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                for (Path f : listImages(input, recursive)) {
                    items.add(InferenceItem.whole(ids.claim(id(input.relativize(f).toString()), f.toString()), f));
                }
            } else if (Files.exists(input)) {
                items.add(InferenceItem.whole(ids.claim(id(input.getFileName().toString()), input.toString()), input));
            } else {
                throw new BadInputException(input, "input not found");
            }
        }
        return new Scan(items, List.of(), ids.renamed());
    }

    /**
     * Faces located by the {@code .pts} beside each image.
     *
     * @param inputs    folders (a file input scans its folder and keeps that image's faces)
     * @param recursive descend into sub-folders
     */
    public static Scan withPts(List<Path> inputs, boolean recursive) throws IOException {
        List<InferenceItem> items = new ArrayList<>();
        List<InferenceFailure> problems = new ArrayList<>();
        List<OutputIds.Renamed> renamed = new ArrayList<>();
        OutputIds ids = new OutputIds();
        for (Path input : inputs) {
            boolean file = Files.isRegularFile(input);
            Path folder = file ? input.toAbsolutePath().getParent() : input;
            AnnotationScan scan = ImagePtsFolderReader.scan(folder, recursive && !file);
            Set<String> kept = new HashSet<>();
            for (FaceAnnotation f : scan.faces()) {
                if (file && !Files.isSameFile(f.image(), input)) {
                    continue;
                }
                kept.add(f.id());
                items.add(new InferenceItem(ids.claim(f.id(), f.image().toString()), f.image(), f.landmarks(), null));
            }
            for (OutputIds.Renamed r : scan.renamed()) {
                if (kept.contains(r.id())) {
                    renamed.add(r);
                }
            }
            for (AnnotationProblem p : scan.problems()) {
                problems.add(new InferenceFailure(name(p.file()), p.file(), p.message()));
            }
        }
        renamed.addAll(ids.renamed());
        return new Scan(items, problems, renamed);
    }

    /**
     * Faces located by boxes: a dlib XML ({@code .xml}), a JSON file ({@code .json}: an array of
     * {@code {"image": "a.jpg", "boxes": [[x, y, w, h], ...]}}, one entry per image, one or more boxes each, ids
     * {@code <stem>} for one box and {@code <stem>_<k>} for several) or a CSV ({@code image,x,y,w,h}).
     *
     * @throws BadInputException when the file is missing or malformed (names the line)
     */
    public static Scan withBoxes(Path boxes) throws IOException {
        if (!Files.isRegularFile(boxes)) {
            throw new BadInputException(boxes, "boxes file not found");
        }
        if (boxes.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".xml")) {
            AnnotationScan scan = DlibXmlReader.scan(boxes);
            List<InferenceItem> items = new ArrayList<>();
            List<InferenceFailure> problems = new ArrayList<>();
            for (FaceAnnotation f : scan.faces()) {
                double[] box = f.box();
                items.add(box == null ? new InferenceItem(f.id(), f.image(), f.landmarks(), null)
                        : new InferenceItem(f.id(), f.image(), null, box));
            }
            for (AnnotationProblem p : scan.problems()) {
                problems.add(new InferenceFailure(name(p.file()), p.file(), p.message()));
            }
            return new Scan(items, problems, scan.renamed());
        }
        if (boxes.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
            return readJson(boxes);
        }
        return readCsv(boxes);
    }

    /**
     * Reads a JSON boxes file: an array of {@code {"image": "a.jpg", "boxes": [[x, y, w, h], ...]}} entries, one
     * per image, each with at least one box (left, top, width, height in 0-based pixels; w, h > 0). Image paths are
     * relative to the JSON file's folder (or absolute); other members of an entry (e.g. detector scores) are
     * ignored. An image with one box gets the id {@code <stem>}, one with several {@code <stem>_<k>} (k = 0-based
     * box index).
     */
    private static Scan readJson(Path json) throws IOException {
        Path folder = json.toAbsolutePath().getParent();
        List<InferenceItem> items = new ArrayList<>();
        Map<String, Integer> firstLine = new HashMap<>();
        OutputIds ids = new OutputIds();
        try (JsonParser p = new JsonFactory().createParser(TextFiles.read(json))) {
            expect(json, p, JsonToken.START_ARRAY, "a JSON array of {\"image\": ..., \"boxes\": [[x, y, w, h], ...]} entries");
            int entry = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                if (p.currentToken() != JsonToken.START_OBJECT) {
                    throw new BadInputException(json, line(p), "entry " + entry + ": expected an object {\"image\": ..., "
                            + "\"boxes\": ...}, found " + found(p));
                }
                int entryLine = line(p);
                String image = null;
                List<double[]> boxes = null;
                while (p.nextToken() != JsonToken.END_OBJECT) {
                    String field = p.currentName();
                    JsonToken value = p.nextToken();
                    if ("image".equals(field)) {
                        if (value != JsonToken.VALUE_STRING || p.getText().isBlank()) {
                            throw new BadInputException(json, line(p), "entry " + entry + ", \"image\": expected a"
                                    + " non-empty path string, found " + found(p));
                        }
                        image = p.getText();
                    } else if ("boxes".equals(field)) {
                        boxes = readBoxes(json, p, entry);
                    } else {
                        p.skipChildren();
                    }
                }
                if (image == null || boxes == null) {
                    throw new BadInputException(json, entryLine, "entry " + entry + ": missing \""
                            + (image == null ? "image" : "boxes") + "\"");
                }
                Integer seen = firstLine.putIfAbsent(image, entryLine);
                if (seen != null) {
                    throw new BadInputException(json, entryLine, "entry " + entry + ": image '" + image
                            + "' is listed again (first at line " + seen + "); give all its boxes in one entry");
                }
                Path path = folder.resolve(image);
                for (int k = 0; k < boxes.size(); k++) {
                    String id = boxes.size() == 1 ? id(image) : id(image) + "_" + k;
                    items.add(new InferenceItem(ids.claim(id, boxes.size() == 1 ? image : image + " box " + k),
                            path, null, boxes.get(k)));
                }
                entry++;
            }
            if (p.nextToken() != null) {
                throw new BadInputException(json, line(p), "unexpected content after the top-level array: " + found(p));
            }
        } catch (JsonProcessingException e) {
            int line = e.getLocation() != null ? e.getLocation().getLineNr() : 0;
            throw new BadInputException(json, line, "malformed JSON: " + e.getOriginalMessage());
        }
        return new Scan(items, List.of(), ids.renamed());
    }

    private static List<double[]> readBoxes(Path json, JsonParser p, int entry) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new BadInputException(json, line(p), "entry " + entry + ", \"boxes\": expected an array of"
                    + " [x, y, w, h] boxes, found " + found(p));
        }
        List<double[]> boxes = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            String where = "entry " + entry + ", \"boxes\"[" + boxes.size() + "]";
            if (p.currentToken() != JsonToken.START_ARRAY) {
                throw new BadInputException(json, line(p), where + ": expected [x, y, w, h], found " + found(p));
            }
            double[] box = new double[4];
            int n = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                if (!p.currentToken().isNumeric()) {
                    throw new BadInputException(json, line(p), where + "[" + n + "]: expected a number, found " + found(p));
                }
                if (n < 4) {
                    box[n] = p.getDoubleValue();
                }
                n++;
            }
            if (n != 4) {
                throw new BadInputException(json, line(p), where + ": expected 4 numbers [x, y, w, h], found " + n);
            }
            if (!(box[2] > 0) || !(box[3] > 0) || !Double.isFinite(box[0]) || !Double.isFinite(box[1])
                    || !Double.isFinite(box[2]) || !Double.isFinite(box[3])) {
                throw new BadInputException(json, line(p), where + ": box width and height must be > 0 and"
                        + " coordinates finite");
            }
            boxes.add(box);
        }
        if (boxes.isEmpty()) {
            throw new BadInputException(json, line(p), "entry " + entry + ", \"boxes\": expected at least one box");
        }
        return boxes;
    }

    private static void expect(Path json, JsonParser p, JsonToken token, String what) throws IOException {
        if (p.nextToken() != token) {
            throw new BadInputException(json, Math.max(1, line(p)), "expected " + what + ", found " + found(p));
        }
    }

    private static int line(JsonParser p) {
        return p.currentTokenLocation().getLineNr();
    }

    private static String found(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == null) {
            return "end of file";
        }
        return switch (t) {
            case VALUE_STRING -> "\"" + p.getText() + "\"";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE, VALUE_NULL -> p.getText();
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            default -> t.asString() != null ? t.asString() : t.name();
        };
    }

    private static Scan readCsv(Path csv) throws IOException {
        Path folder = csv.toAbsolutePath().getParent();
        List<String> lines = TextFiles.readLines(csv);
        List<InferenceItem> items = new ArrayList<>();
        Map<String, Integer> perImage = new HashMap<>();
        OutputIds ids = new OutputIds();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(",");
            if (i == 0 && f.length == 5 && f[1].trim().equalsIgnoreCase("x")) {
                continue; // header
            }
            if (f.length != 5) {
                throw new BadInputException(csv, i + 1, "expected image,x,y,w,h, found " + f.length + " fields");
            }
            double[] box = new double[4];
            for (int k = 0; k < 4; k++) {
                try {
                    box[k] = Double.parseDouble(f[k + 1].trim());
                } catch (NumberFormatException e) {
                    throw new BadInputException(csv, i + 1, "field " + (k + 2) + " is not a number: '" + f[k + 1].trim() + "'");
                }
            }
            if (!(box[2] > 0) || !(box[3] > 0) || !Double.isFinite(box[0]) || !Double.isFinite(box[1])) {
                throw new BadInputException(csv, i + 1, "box width and height must be > 0 and coordinates finite");
            }
            String image = f[0].trim();
            Path path = folder.resolve(image);
            int k = perImage.merge(image, 1, Integer::sum) - 1;
            items.add(new InferenceItem(ids.claim(id(image) + "_" + k, image + " box " + k), path, null, box));
        }
        return new Scan(items, List.of(), ids.renamed());
    }

    private static List<Path> listImages(Path folder, boolean recursive) throws IOException {
        try (Stream<Path> s = recursive ? Files.walk(folder) : Files.list(folder)) {
            return s.filter(Files::isRegularFile).filter(InferenceInputs::isImageName)
                    .sorted((a, b) -> folder.relativize(a).toString().compareTo(folder.relativize(b).toString()))
                    .toList();
        }
    }

    /** True when the file name has one of {@link ImagePtsFolderReader#IMAGE_EXTENSIONS}. */
    public static boolean isImageName(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return dot > 0 && ImagePtsFolderReader.IMAGE_EXTENSIONS.contains(name.substring(dot + 1));
    }

    /** The id of a relative path: without extension, made safe by {@link OutputIds#sanitize} (separators too). */
    static String id(String relative) {
        String s = relative.replace('\\', '/');
        int slash = s.lastIndexOf('/');
        int dot = s.lastIndexOf('.');
        if (dot > slash + 1) {
            s = s.substring(0, dot);
        }
        return OutputIds.sanitize(s);
    }

    private static String name(Path file) {
        return file == null || file.getFileName() == null ? "" : id(file.getFileName().toString());
    }
}
