package org.densereg.infer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.densereg.data.body.BodyJoints;
import org.densereg.data.lsp.LspJoint;
import org.densereg.io.ImageIo;
import org.densereg.supervision.body.BodyCrop;
import org.densereg.supervision.body.BodyMaps;
import org.densereg.supervision.body.BodyPart;
import org.densereg.supervision.body.BodyPreview;
import org.densereg.supervision.body.BodySupervisionWriter;

/**
 * Writes the per-person output files of body inference (DESIGN §8) into one folder, named {@code <id><suffix>}
 * ({@link #suffix}). Every map is in the frame of the source image (same width and height), resampled from the
 * network's maps by {@link BodyPrediction#inImage}. Each file is written atomically; the joints JSON is written last
 * and marks the person complete ({@link #files()}).
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

    private final ItemOutputFiles files;
    private final Map<String, Object> model;

    /**
     * @param outDir  output folder (created when needed)
     * @param formats the files to write: a non-empty subset of {@link #FORMATS}
     * @param model   model description copied into each JSON file (e.g. archive path and SHA-256)
     * @throws IllegalArgumentException when no format is selected or one does not exist for bodies
     */
    public BodyOutputWriter(Path outDir, Set<OutputFormat> formats, Map<String, Object> model) {
        for (OutputFormat f : formats) {
            if (!FORMATS.contains(f)) {
                throw new IllegalArgumentException("output format '" + f.cliName() + "' does not exist for body models"
                        + " (body formats: iuv, parts, vis, json)");
            }
        }
        this.files = new ItemOutputFiles(outDir, formats, BodyOutputWriter::suffix);
        this.model = new LinkedHashMap<>(model);
    }

    /**
     * The output files: folder, selected formats, each file's path and completeness
     * ({@link ItemOutputFiles#isComplete}: the JSON file when selected, written last).
     */
    public ItemOutputFiles files() {
        return files;
    }

    /** The file-name suffix of a body format: {@code .joints.json} for JSON, otherwise {@link OutputFormat#suffix()}. */
    public static String suffix(OutputFormat format) {
        return format == OutputFormat.JSON ? JOINTS_SUFFIX : format.suffix();
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
        return files.write(id, (format, target) -> {
            switch (format) {
                case IUV -> ImageIo.writePng(BodySupervisionWriter.iuvImage(maps), target);
                case PARTS -> ImageIo.writePng(partsImage(maps), target);
                case VIS -> ImageIo.writePng(BodyPreview.render(image, maps, prediction.joints()), target);
                default -> throw new IllegalStateException("not a body file format: " + format);
            }
            return true;
        }, () -> JSON.writeValueAsBytes(json(id, source, w, h, prediction, settings)));
    }

    private Map<String, Object> json(String id, Path source, int w, int h, BodyPrediction p, BodyPredictor settings) {
        Map<String, Object> root = OutputJson.header(id, source, w, h);
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
        root.put("crop", OutputJson.crop(c.scale(), c.offsetX(), c.offsetY(), c.size(), "x_map = scale * x + offset_x,"
                + " y_map = scale * y + offset_y (0-based pixel centres; map = the network output, size x size)"));
        root.put("foreground_pixels_in_crop", p.maps().foregroundPixels());
        root.put("model", model);
        return root;
    }

    private static List<Object> points(BodyJoints joints) {
        return OutputJson.points(joints.xy());
    }

    /** The part map as an 8-bit palette image: sample = part label (0..12), palette entry = {@link BodyPart#rgb()}. */
    public static BufferedImage partsImage(BodyMaps maps) {
        int[] palette = new int[BodyPart.values().length];
        for (BodyPart p : BodyPart.values()) {
            palette[p.label()] = p.rgb();
        }
        return OutputJson.paletteImage(maps.parts(), maps.width(), maps.height(), palette);
    }
}
