package org.densereg.infer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.densereg.data.lsp.LspJoint;
import org.densereg.io.AtomicFiles;
import org.densereg.io.ImageIo;
import org.densereg.supervision.body.BodyCrop;
import org.densereg.data.body.BodyJoints;
import org.densereg.supervision.body.BodyMaps;
import org.densereg.supervision.body.BodyPart;
import org.densereg.supervision.body.BodyPreview;
import org.densereg.supervision.body.BodySupervisionWriter;

/**
 * Writes the per-person output files of body inference (DESIGN §8) into one folder, named {@code <id><suffix>}
 * ({@link #suffix}). Every map is in the frame of the source image (same width and height), resampled from the
 * network's maps by {@link BodyPrediction#inImage}. Each file is written atomically; the joints JSON is written last
 * and marks the person complete ({@link #isComplete}).
 *
 * <p>Formats ({@link #FORMATS}): {@link OutputFormat#IUV} (DensePose IUV, the encoding of {@code supervise-body}'s
 * {@code .iuv.png}: B = part index I, G = round(255·u), R = round(255·v)), {@link OutputFormat#PARTS} (8-bit
 * palette, value = part label), {@link OutputFormat#VIS} (parts, u/v iso-lines and skeleton over the image,
 * {@link BodyPreview}) and {@link OutputFormat#JSON} ({@code .joints.json}). The face-only {@code uv} and {@code pts}
 * are refused.
 *
 * <p>Thread-safe (immutable settings); distinct ids may be written concurrently.
 */
public final class BodyOutputWriter {

    /** The formats that exist for bodies. */
    public static final Set<OutputFormat> FORMATS = EnumSet.of(OutputFormat.IUV, OutputFormat.PARTS, OutputFormat.VIS,
            OutputFormat.JSON);
    /** Suffix of the joints file. */
    public static final String JOINTS_SUFFIX = ".joints.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path outDir;
    private final Set<OutputFormat> formats;
    private final Map<String, Object> model;

    /**
     * @param outDir  output folder (created when needed)
     * @param formats the files to write: a non-empty subset of {@link #FORMATS}
     * @param model   model description copied into each JSON file (e.g. archive path and SHA-256)
     * @throws IllegalArgumentException when no format is selected or one does not exist for bodies
     */
    public BodyOutputWriter(Path outDir, Set<OutputFormat> formats, Map<String, Object> model) {
        if (formats.isEmpty()) {
            throw new IllegalArgumentException("no output format selected");
        }
        for (OutputFormat f : formats) {
            if (!FORMATS.contains(f)) {
                throw new IllegalArgumentException("output format '" + f.cliName() + "' does not exist for body models"
                        + " (body formats: iuv, parts, vis, json)");
            }
        }
        this.outDir = outDir;
        this.formats = EnumSet.copyOf(formats);
        this.model = new LinkedHashMap<>(model);
    }

    /** The output folder. */
    public Path outDir() {
        return outDir;
    }

    /** The file-name suffix of a body format: {@code .joints.json} for JSON, otherwise {@link OutputFormat#suffix()}. */
    public static String suffix(OutputFormat format) {
        return format == OutputFormat.JSON ? JOINTS_SUFFIX : format.suffix();
    }

    /** The path of one output file of a person. */
    public Path file(String id, OutputFormat format) {
        return outDir.resolve(id + suffix(format));
    }

    /** True when the person's outputs exist from an earlier run: its JSON file when selected, else every selected file. */
    public boolean isComplete(String id) {
        if (formats.contains(OutputFormat.JSON)) {
            return Files.isRegularFile(file(id, OutputFormat.JSON));
        }
        for (OutputFormat f : formats) {
            if (!Files.isRegularFile(file(id, f))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Writes the selected files of one person.
     *
     * @param id         output name
     * @param source     the source image file (recorded in the JSON)
     * @param image      the decoded source image
     * @param prediction the person's prediction
     * @param settings   the model's joint sources (recorded in the JSON): whether its dense and heatmap heads were trained
     * @return the files written
     * @throws IOException when a file cannot be written
     */
    public List<Path> write(String id, Path source, BufferedImage image, BodyPrediction prediction,
            BodyPredictor settings) throws IOException {
        int w = image.getWidth();
        int h = image.getHeight();
        BodyMaps maps = prediction.inImage(w, h);
        List<Path> written = new ArrayList<>();
        for (OutputFormat f : formats) {
            Path target = file(id, f);
            switch (f) {
                case IUV -> ImageIo.writePng(BodySupervisionWriter.iuvImage(maps), target);
                case PARTS -> ImageIo.writePng(partsImage(maps), target);
                case VIS -> ImageIo.writePng(BodyPreview.render(image, maps, prediction.joints()), target);
                default -> {
                    continue; // JSON last; others refused in the constructor
                }
            }
            written.add(target);
        }
        if (formats.contains(OutputFormat.JSON)) {
            Path target = file(id, OutputFormat.JSON);
            AtomicFiles.writeBytes(target, JSON.writeValueAsBytes(json(id, source, w, h, prediction, settings)));
            written.add(target);
        }
        return written;
    }

    private Map<String, Object> json(String id, Path source, int w, int h, BodyPrediction p, BodyPredictor settings) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("id", id);
        root.put("image", source == null ? null : source.toString());
        root.put("width", w);
        root.put("height", h);
        root.put("coordinate_base", 0);
        List<String> names = new ArrayList<>();
        for (LspJoint j : LspJoint.values()) {
            names.add(j.name().toLowerCase(Locale.ROOT));
        }
        root.put("joint_names", names);
        root.put("primary_source", p.primary().jsonName());
        root.put("joints", points(p.joints()));
        Map<String, Object> sources = new LinkedHashMap<>();
        Map<String, Object> dense = new LinkedHashMap<>();
        dense.put("trained", settings.denseTrained());
        dense.put("joints", points(p.denseJoints()));
        sources.put(BodyPrediction.Source.DENSE.jsonName(), dense);
        if (p.heatmapJoints() != null) {
            Map<String, Object> heat = new LinkedHashMap<>();
            heat.put("trained", settings.heatmapTrained());
            heat.put("joints", points(p.heatmapJoints()));
            sources.put(BodyPrediction.Source.HEATMAP.jsonName(), heat);
        }
        root.put("sources", sources);
        BodyCrop c = p.crop();
        Map<String, Object> crop = new LinkedHashMap<>();
        crop.put("scale", c.scale());
        crop.put("offset_x", c.offsetX());
        crop.put("offset_y", c.offsetY());
        crop.put("size", c.size());
        crop.put("formula", "x_map = scale * x + offset_x, y_map = scale * y + offset_y (0-based pixel centres; map ="
                + " the network output, size x size)");
        root.put("crop", crop);
        root.put("foreground_pixels_in_crop", p.maps().foregroundPixels());
        root.put("model", model);
        return root;
    }

    private static List<Object> points(BodyJoints joints) {
        List<Object> out = new ArrayList<>();
        for (LspJoint j : LspJoint.values()) {
            double x = joints.x(j);
            double y = joints.y(j);
            out.add(Double.isFinite(x) && Double.isFinite(y) ? new double[] {x, y} : null);
        }
        return out;
    }

    /** The part map as an 8-bit palette image: sample = part label (0..12), palette entry = {@link BodyPart#rgb()}. */
    public static BufferedImage partsImage(BodyMaps maps) {
        BodyPart[] parts = BodyPart.values();
        byte[] r = new byte[parts.length];
        byte[] g = new byte[parts.length];
        byte[] b = new byte[parts.length];
        for (BodyPart p : parts) {
            r[p.label()] = (byte) (p.rgb() >> 16);
            g[p.label()] = (byte) (p.rgb() >> 8);
            b[p.label()] = (byte) p.rgb();
        }
        IndexColorModel palette = new IndexColorModel(8, parts.length, r, g, b);
        BufferedImage img = new BufferedImage(maps.width(), maps.height(), BufferedImage.TYPE_BYTE_INDEXED, palette);
        img.getRaster().setDataElements(0, 0, maps.width(), maps.height(), maps.parts().clone());
        return img;
    }
}
