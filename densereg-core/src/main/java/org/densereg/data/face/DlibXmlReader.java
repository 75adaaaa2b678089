package org.densereg.data.face;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.densereg.data.Landmarks;
import org.densereg.io.BadInputException;
import org.densereg.io.OutputIds;

/**
 * Reads dlib/imglab XML datasets: {@code <dataset><images><image file="a.jpg"><box top left width height>
 * <part name="00" x y/>…</box></image></images></dataset>}. Coordinates are 0-based pixels (dlib's convention)
 * and are kept as they are. Image paths are relative to the XML file's folder (or absolute).
 *
 * <p>Each {@code <box>} with exactly the 68 parts {@code 00}..{@code 67} becomes one {@link FaceAnnotation}
 * with id {@code <image stem>_<box index>} (box index 0-based within its {@code <image>}, counting every box;
 * the stem made safe by {@link OutputIds#sanitize}; an id taken by an earlier box, e.g. of {@code a/x.jpg} and
 * {@code b/x.jpg}, gets {@code ~2}, {@code ~3}, ..., see {@link AnnotationScan#renamed}) and box {@code [left, top, width, height]}. Boxes marked {@code ignore="1"} are skipped silently. A box with
 * missing, duplicate, out-of-range or non-numeric parts, or an image file that does not exist, is reported as
 * an {@link AnnotationProblem} naming the XML file and line, and the scan goes on. Images are not decoded.
 */
public final class DlibXmlReader {

    private DlibXmlReader() {
    }

    /**
     * Scans one XML file.
     *
     * @param xml the dataset file
     * @return the complete faces in document order, and the skipped boxes/images
     * @throws BadInputException when the file is missing or is not well-formed XML (names the line)
     * @throws IOException on other I/O failures
     */
    public static AnnotationScan scan(Path xml) throws IOException {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        Path folder = xml.toAbsolutePath().getParent();
        List<FaceAnnotation> faces = new ArrayList<>();
        List<AnnotationProblem> problems = new ArrayList<>();
        OutputIds ids = new OutputIds();
        try (InputStream in = Files.newInputStream(xml)) {
            XMLStreamReader r = factory.createXMLStreamReader(in);
            ImageState image = null;
            BoxState box = null;
            while (r.hasNext()) {
                int event = r.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    int line = r.getLocation().getLineNumber();
                    switch (r.getLocalName()) {
                        case "image" -> image = startImage(xml, folder, r, line, problems);
                        case "box" -> {
                            if (image != null) {
                                box = new BoxState(image.boxCount++, line);
                                box.ignored = "1".equals(r.getAttributeValue(null, "ignore"));
                                box.box = readBox(xml, r, line, box);
                            }
                        }
                        case "part" -> {
                            if (box != null) {
                                readPart(xml, r, line, box);
                            }
                        }
                        default -> {
                        }
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    String name = r.getLocalName();
                    if (name.equals("box") && box != null && image != null) {
                        finishBox(xml, image, box, faces, problems, ids);
                        box = null;
                    } else if (name.equals("image")) {
                        image = null;
                    }
                }
            }
            r.close();
        } catch (NoSuchFileException e) {
            throw new BadInputException(xml, "file not found");
        } catch (XMLStreamException e) {
            int line = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNumber());
            throw new BadInputException(xml, line, "malformed XML: " + firstLine(e.getMessage()));
        }
        return new AnnotationScan(faces, problems, ids.renamed());
    }

    private static ImageState startImage(Path xml, Path folder, XMLStreamReader r, int line,
            List<AnnotationProblem> problems) {
        String file = r.getAttributeValue(null, "file");
        ImageState s = new ImageState();
        if (file == null || file.isBlank()) {
            problems.add(AnnotationProblem.of(new BadInputException(xml, line, "<image> without a file attribute")));
            s.skip = true;
            return s;
        }
        s.path = folder.resolve(file).normalize();
        s.stem = FaceIds.sanitize(FaceIds.stem(s.path.getFileName().toString()));
        if (!Files.isRegularFile(s.path)) {
            problems.add(AnnotationProblem.of(new BadInputException(xml, line, "image file not found: " + s.path)));
            s.skip = true;
        }
        return s;
    }

    private static double[] readBox(Path xml, XMLStreamReader r, int line, BoxState box) {
        double[] b = new double[4];
        String[] names = {"left", "top", "width", "height"};
        for (int i = 0; i < 4; i++) {
            String v = r.getAttributeValue(null, names[i]);
            if (v == null) {
                box.error = "box without a '" + names[i] + "' attribute";
                box.errorLine = line;
                return null;
            }
            try {
                b[i] = Double.parseDouble(v.trim());
            } catch (NumberFormatException e) {
                box.error = "box attribute '" + names[i] + "': expected a number, found \"" + v + "\"";
                box.errorLine = line;
                return null;
            }
        }
        return b;
    }

    private static void readPart(Path xml, XMLStreamReader r, int line, BoxState box) {
        if (box.error != null) {
            return;
        }
        String name = r.getAttributeValue(null, "name");
        int index;
        try {
            index = Integer.parseInt(name == null ? "" : name.trim());
        } catch (NumberFormatException e) {
            box.fail(line, "part name: expected 00..67, found \"" + name + "\"");
            return;
        }
        if (index < 0 || index >= Landmarks.IBUG_68) {
            box.fail(line, "part name: expected 00..67, found \"" + name + "\"");
            return;
        }
        if (box.seen[index]) {
            box.fail(line, "duplicate part " + name);
            return;
        }
        double[] xy = new double[2];
        String[] axes = {"x", "y"};
        for (int c = 0; c < 2; c++) {
            String v = r.getAttributeValue(null, axes[c]);
            try {
                xy[c] = Double.parseDouble(v == null ? "" : v.trim());
            } catch (NumberFormatException e) {
                box.fail(line, "part " + name + " attribute '" + axes[c] + "': expected a number, found \""
                        + (v == null ? "" : v) + "\"");
                return;
            }
            if (!Double.isFinite(xy[c])) {
                box.fail(line, "part " + name + " attribute '" + axes[c] + "': expected a finite number, found \"" + v + "\"");
                return;
            }
        }
        box.seen[index] = true;
        box.parts++;
        box.xy[2 * index] = xy[0];
        box.xy[2 * index + 1] = xy[1];
    }

    private static void finishBox(Path xml, ImageState image, BoxState box, List<FaceAnnotation> faces,
            List<AnnotationProblem> problems, OutputIds ids) {
        if (image.skip || box.ignored) {
            return;
        }
        if (box.error != null) {
            problems.add(AnnotationProblem.of(new BadInputException(xml, box.errorLine, box.error)));
            return;
        }
        if (box.parts != Landmarks.IBUG_68) {
            problems.add(AnnotationProblem.of(new BadInputException(xml, box.line,
                    "box " + box.index + " of " + image.path.getFileName() + ": expected 68 parts 00..67, found "
                            + box.parts)));
            return;
        }
        String id = ids.claim(image.stem + "_" + box.index, image.path + " box " + box.index);
        faces.add(new FaceAnnotation(id, image.path, new Landmarks(box.xy), box.box));
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        String[] lines = s.split("\\R");
        return lines[lines.length - 1].trim();
    }

    private static final class ImageState {
        Path path;
        String stem;
        boolean skip;
        int boxCount;
    }

    private static final class BoxState {
        final int index;
        final int line;
        final double[] xy = new double[2 * Landmarks.IBUG_68];
        final boolean[] seen = new boolean[Landmarks.IBUG_68];
        int parts;
        boolean ignored;
        double[] box;
        String error;
        int errorLine;

        BoxState(int index, int line) {
            this.index = index;
            this.line = line;
        }

        void fail(int atLine, String what) {
            error = what;
            errorLine = atLine;
        }
    }
}
