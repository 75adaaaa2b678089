package org.densereg.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;
import org.densereg.data.Landmarks;
import org.densereg.data.face.AnnotationProblem;
import org.densereg.data.face.AnnotationScan;
import org.densereg.data.face.DlibXmlReader;
import org.densereg.data.face.FaceAnnotation;
import org.densereg.data.face.ImagePtsFolderReader;
import org.densereg.data.face.PtsReader;
import org.densereg.io.AtomicFiles;
import org.densereg.io.BadInputException;

/**
 * The 68-point ground truth of a 300W-protocol evaluation outside the released 300W layout, with the box that locates
 * each face: a folder of {@code .pts} files, or a dlib/imglab XML ({@link DlibXmlReader}). Every method scored on it
 * gets the same faces and the same boxes ({@link #writeFacesCsv}).
 *
 * <p>Boxes are {@code [left, top, width, height]} in dlib's convention (the box covers the pixels {@code left ..
 * left + width − 1}; 0-based pixel centres): for an XML face its {@code <box>}; for a {@code .pts} face the bounding
 * box of its ground-truth landmarks, {@code [min x, min y, max x − min x + 1, max y − min y + 1]} (the datasets give no
 * other box).
 *
 * @param format {@link #FORMAT_PTS} or {@link #FORMAT_DLIB_XML}
 * @param source the folder or the XML file
 * @param name   the group name in the report: the folder's name, or the XML file's name without {@code .xml}
 * @param faces  the faces in a fixed order (sorted relative paths; XML document order)
 */
public record FaceGroundTruth(String format, Path source, String name, List<Face> faces) {

    /** A folder of {@code .pts} files. */
    public static final String FORMAT_PTS = "pts folder";
    /** A dlib/imglab XML file. */
    public static final String FORMAT_DLIB_XML = "dlib xml";
    /** Box source of an XML face. */
    public static final String BOX_XML = "xml box";
    /** Box source of a {@code .pts} face. */
    public static final String BOX_LANDMARKS = "landmark bounding box";
    /**
     * What a score on dlib's own XML sets means: their landmarks were placed by dlib's 68-point predictor (the
     * datasets' {@code <comment>} says so), so they measure agreement with dlib, not accuracy.
     */
    public static final String DLIB_XML_NOTE = "dlib's XML landmark sets (e.g. testing_with_face_landmarks.xml) were"
            + " labelled by dlib's own 68-point shape predictor: scores on them measure agreement with dlib, not accuracy";

    /**
     * One face.
     *
     * @param id        the prediction's name: {@code <id>.pts} in a prediction folder. For {@code .pts} ground truth
     *                  the path relative to the folder without {@code .pts} (may contain {@code /}); for XML the
     *                  reader's {@code <image stem>_<box index>}, unique within the file
     * @param pts       the ground-truth file of a {@code .pts} face, or null (XML)
     * @param image     the image, or null when a {@code .pts} face has none beside it (scoring needs none)
     * @param landmarks the 68 ground-truth points, 0-based pixels; null for a {@code .pts} face until read
     *                  ({@link #landmarks()})
     * @param box       {@code [left, top, width, height]}, see the class comment; null for a {@code .pts} face until
     *                  its landmarks are read
     * @param boxSource {@link #BOX_XML} or {@link #BOX_LANDMARKS}
     */
    public record Face(String id, Path pts, Path image, Landmarks landmarks, double[] box, String boxSource) {

        /** Validates and copies. */
        public Face {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(boxSource, "boxSource");
            if (pts == null && landmarks == null) {
                throw new IllegalArgumentException("a face needs a .pts file or its landmarks");
            }
            box = box == null ? null : box.clone();
        }

        /**
         * @return the 68 ground-truth points (0-based pixels), read from the {@code .pts} file when needed
         * @throws BadInputException when the file is malformed
         * @throws IOException       on a read error
         */
        public Landmarks read() throws IOException {
            return landmarks != null ? landmarks : PtsReader.read(pts, Landmarks.IBUG_68);
        }

        /**
         * @return the box {@code [left, top, width, height]} (the XML's, or the landmarks' bounding box)
         * @throws BadInputException when the {@code .pts} file is malformed
         * @throws IOException       on a read error
         */
        public double[] locatingBox() throws IOException {
            return box != null ? box.clone() : landmarkBox(read());
        }
    }

    /** Copies the list. */
    public FaceGroundTruth {
        faces = List.copyOf(faces);
    }

    /**
     * The bounding box of landmarks in dlib's convention: {@code [min x, min y, max x − min x + 1, max y − min y + 1]}.
     *
     * @param landmarks at least one finite point (0-based pixels)
     * @return {@code [left, top, width, height]}
     */
    public static double[] landmarkBox(Landmarks landmarks) {
        double[] b = landmarks.bounds();
        return new double[] {b[0], b[1], b[2] - b[0] + 1, b[3] - b[1] + 1};
    }

    /**
     * Every {@code .pts} under a folder, recursively, sorted by path. Landmarks are read lazily; images are looked up
     * beside each file ({@link ImagePtsFolderReader#imageBeside}) and may be absent.
     *
     * @throws BadInputException when the folder does not exist or holds no {@code .pts}
     * @throws IOException       when it cannot be listed
     */
    public static FaceGroundTruth ptsFolder(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new BadInputException(folder, "ground-truth folder of .pts files not found");
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(folder)) {
            files = s.filter(p -> p.toString().toLowerCase(Locale.ROOT).endsWith(".pts")).sorted().toList();
        }
        String name = folder.getFileName() == null ? "faces" : folder.getFileName().toString();
        List<Face> faces = new ArrayList<>();
        for (Path f : files) {
            String rel = folder.relativize(f).toString().replace('\\', '/');
            faces.add(new Face(rel.substring(0, rel.length() - 4), f, ImagePtsFolderReader.imageBeside(f), null, null,
                    BOX_LANDMARKS));
        }
        return new FaceGroundTruth(FORMAT_PTS, folder, name, faces);
    }

    /**
     * The faces of a dlib/imglab XML file ({@link DlibXmlReader}): each {@code <box>} with its 68 parts, ids
     * {@code <image stem>_<box index>} (as {@code densereg infer --boxes FILE.xml} names them). Ground truth must be
     * complete, so every problem the reader reports (an image file that does not exist, a box with missing or bad
     * parts) is bad input, all listed in one message.
     *
     * @throws BadInputException when the file is missing, not well-formed XML (names the line), has problems, or holds
     *                           no face
     * @throws IOException       on another read error
     */
    public static FaceGroundTruth dlibXml(Path xml) throws IOException {
        if (Files.isDirectory(xml)) {
            throw new BadInputException(xml, "expected a dlib XML file, found a folder");
        }
        AnnotationScan scan = DlibXmlReader.scan(xml);
        if (!scan.problems().isEmpty()) {
            List<AnnotationProblem> p = scan.problems();
            StringBuilder b = new StringBuilder(p.size() + " problem(s) in the ground truth: ");
            for (int i = 0; i < Math.min(5, p.size()); i++) {
                b.append(i == 0 ? "" : "; ").append(p.get(i).message());
            }
            if (p.size() > 5) {
                b.append("; ...");
            }
            throw new BadInputException(xml, b.toString());
        }
        if (scan.faces().isEmpty()) {
            throw new BadInputException(xml, "no face with 68 parts in the file");
        }
        List<Face> faces = new ArrayList<>();
        for (FaceAnnotation f : scan.faces()) {
            if (f.box() == null) {
                throw new BadInputException(xml, "face " + f.id() + " has no box");
            }
            faces.add(new Face(f.id(), null, f.image(), f.landmarks(), f.box(), BOX_XML));
        }
        String file = xml.getFileName().toString();
        String name = file.toLowerCase(Locale.ROOT).endsWith(".xml") ? file.substring(0, file.length() - 4) : file;
        return new FaceGroundTruth(FORMAT_DLIB_XML, xml, name, faces);
    }

    /**
     * Writes {@code face,image,left,top,width,height,box_source}, one row per face in order: the faces and boxes an
     * evaluation used, for running other methods on the same boxes ({@code scripts/peers-300w.sh}). Fields holding a
     * comma, quote or line break are quoted (RFC 4180); an absent image is an empty field. Written atomically.
     *
     * @param csv the file to write
     * @throws BadInputException when a {@code .pts} file is malformed
     * @throws IOException       on a read or write error
     */
    public void writeFacesCsv(Path csv) throws IOException {
        StringBuilder b = new StringBuilder("face,image,left,top,width,height,box_source\n");
        for (Face f : faces) {
            double[] box = f.locatingBox();
            b.append(csvField(f.id())).append(',')
                    .append(csvField(f.image() == null ? "" : f.image().toAbsolutePath().normalize().toString()));
            for (double v : box) {
                b.append(',').append(Decimals.format(v, 3));
            }
            b.append(',').append(f.boxSource()).append('\n');
        }
        AtomicFiles.writeString(csv, b.toString());
    }

    private static String csvField(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
