package org.densereg.supervision;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.densereg.io.AtomicFiles;
import org.densereg.io.BadInputException;
import org.densereg.io.ImageIo;
import org.densereg.io.NpyWriter;
import org.densereg.io.TextFiles;

/**
 * The on-disk layout that face ({@link FaceSupervisionWriter}) and body
 * ({@link org.densereg.supervision.body.BodySupervisionWriter}) supervision samples share: a group of files
 * {@code <outDir>/<id>.*} holding the crop ({@code .png}), the U/V maps ({@code .uv.npy}, float32 [2, H, W], u then
 * v, −1 on background), the foreground mask ({@code .mask.png}, 8-bit, 255 / 0), the part labels
 * ({@code .parts.png}, 8-bit), a preview ({@code .preview.png}) and task files, and last the metadata
 * ({@code .json}), the completion marker. Every file is written atomically; the marker is deleted before a group is
 * rewritten ({@link #begin}) and written only after all the others ({@link #finish}), so a group with its marker is
 * complete. An instance describes one task's groups: the metadata's {@code format} and {@code version} and the
 * task's own data files.
 */
public final class SupervisionFileGroup {

    /** Suffix of the crop image. */
    public static final String IMAGE_SUFFIX = ".png";
    /** Suffix of the U/V maps. */
    public static final String UV_SUFFIX = ".uv.npy";
    /** Suffix of the foreground mask. */
    public static final String MASK_SUFFIX = ".mask.png";
    /** Suffix of the part label map. */
    public static final String PARTS_SUFFIX = ".parts.png";
    /** Suffix of the preview. */
    public static final String PREVIEW_SUFFIX = ".preview.png";
    /** Suffix of the metadata file, the completion marker. */
    public static final String MARKER_SUFFIX = ".json";

    private static final List<String> COMMON_DATA_SUFFIXES =
            List.of(IMAGE_SUFFIX, UV_SUFFIX, MASK_SUFFIX, PARTS_SUFFIX, PREVIEW_SUFFIX);

    /** The JSON writer of the metadata (indented). */
    public static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final String format;
    private final int version;
    private final List<String> dataSuffixes;

    /**
     * @param format       the metadata's {@code format} field, e.g. {@code densereg-face-supervision}
     * @param version      the metadata's {@code version} field
     * @param taskSuffixes the suffixes of the task's own data files (e.g. {@code .pts}, {@code .iuv.png})
     */
    public SupervisionFileGroup(String format, int version, String... taskSuffixes) {
        this.format = format;
        this.version = version;
        List<String> suffixes = new ArrayList<>(COMMON_DATA_SUFFIXES);
        suffixes.addAll(List.of(taskSuffixes));
        this.dataSuffixes = List.copyOf(suffixes);
    }

    /** The metadata's {@code format} field. */
    public String format() {
        return format;
    }

    /** The metadata's {@code version} field. */
    public int version() {
        return version;
    }

    /**
     * Starts (re)writing a group: creates the folder and deletes the group's marker, so that the group reads as
     * incomplete until {@link #finish}.
     *
     * @param outDir the output folder (created when missing)
     * @param id     the sample id, a safe file-name stem
     * @throws IOException when the folder cannot be created or the marker not deleted
     */
    public void begin(Path outDir, String id) throws IOException {
        Files.createDirectories(outDir);
        Files.deleteIfExists(outDir.resolve(id + MARKER_SUFFIX));
    }

    /**
     * Writes the files every group has: crop, U/V maps, mask and part labels.
     *
     * @param outDir the output folder
     * @param id     the sample id
     * @param crop   the crop image, W × H
     * @param width  W
     * @param height H
     * @param u      [H·W] row-major u, −1 on background
     * @param v      [H·W] row-major v, −1 on background
     * @param mask   [H·W] row-major 255 on the foreground, 0 on background
     * @param parts  [H·W] row-major part labels, 0 on background
     * @throws IOException when a file cannot be written
     */
    public void writeMaps(Path outDir, String id, BufferedImage crop, int width, int height, float[] u,
            float[] v, byte[] mask, byte[] parts) throws IOException {
        int w = width;
        int h = height;
        int n = w * h;
        ImageIo.writePng(ImageIo.toRgb(crop), outDir.resolve(id + IMAGE_SUFFIX));
        float[] uv = new float[2 * n];
        System.arraycopy(u, 0, uv, 0, n);
        System.arraycopy(v, 0, uv, n, n);
        NpyWriter.writeFloats(outDir.resolve(id + UV_SUFFIX), new int[] {2, h, w}, uv);
        ImageIo.writePng8Gray(mask, w, h, outDir.resolve(id + MASK_SUFFIX));
        ImageIo.writePng8Gray(parts, w, h, outDir.resolve(id + PARTS_SUFFIX));
    }

    /**
     * The metadata entries every group starts with: {@code format}, {@code version}, {@code id}, {@code width},
     * {@code height} and {@code crop}.
     *
     * @param id     the sample id
     * @param width  the crop width
     * @param height the crop height
     *
     * @param crop the {@link #crop} entry, or null when the sample has no crop
     * @return a mutable, ordered map to add the task's entries to
     */
    public Map<String, Object> metadata(String id, int width, int height, Map<String, Object> crop) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("format", format);
        meta.put("version", version);
        meta.put("id", id);
        meta.put("width", width);
        meta.put("height", height);
        meta.put("crop", crop);
        return meta;
    }

    /**
     * The metadata's {@code crop} entry: the source-image → crop transform {@code x_crop = scale · x + offsetX}.
     *
     * @return {@code scale}, {@code offsetX}, {@code offsetY}, {@code size}, in that order
     */
    public static Map<String, Object> crop(double scale, double offsetX, double offsetY, int size) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("scale", scale);
        c.put("offsetX", offsetX);
        c.put("offsetY", offsetY);
        c.put("size", size);
        return c;
    }

    /**
     * Completes a group: writes its metadata, the marker, atomically.
     *
     * @throws IOException when the file cannot be written
     */
    public void finish(Path outDir, String id, Map<String, Object> metadata) throws IOException {
        AtomicFiles.writeBytes(outDir.resolve(id + MARKER_SUFFIX), JSON.writeValueAsBytes(metadata));
    }

    /** True when the group of {@code id} is complete: its marker and every data file (common and the task's) exist. */
    public boolean isComplete(Path outDir, String id) {
        if (!Files.isRegularFile(outDir.resolve(id + MARKER_SUFFIX))) {
            return false;
        }
        for (String s : dataSuffixes) {
            if (!Files.isRegularFile(outDir.resolve(id + s))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads a group's metadata, its marker {@code <outDir>/<id>.json}, and checks its format and version.
     *
     * @return the metadata tree
     * @throws BadInputException when the marker is missing, malformed, or of another format or version (names the
     *                           file and the line or field)
     * @throws IOException       on other I/O failures
     */
    public JsonNode readMetadata(Path outDir, String id) throws IOException {
        Path metaFile = outDir.resolve(id + MARKER_SUFFIX);
        JsonNode meta;
        try {
            meta = JSON.readTree(TextFiles.read(metaFile));
        } catch (NoSuchFileException e) {
            throw new BadInputException(metaFile, "missing: the sample is incomplete or was never written");
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new BadInputException(metaFile, line, "malformed JSON: " + e.getOriginalMessage());
        }
        if (meta == null || !format.equals(meta.path("format").asText())) {
            throw new BadInputException(metaFile, "field 'format': expected \"" + format + "\"");
        }
        if (meta.path("version").asInt(-1) != version) {
            throw new BadInputException(metaFile, "field 'version': expected " + version + ", found "
                    + meta.path("version"));
        }
        return meta;
    }
}
