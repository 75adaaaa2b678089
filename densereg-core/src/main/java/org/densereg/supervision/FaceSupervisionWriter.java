package org.densereg.supervision;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.densereg.data.face.FaceCrop;
import org.densereg.data.face.PtsWriter;
import org.densereg.io.AtomicFiles;
import org.densereg.io.ImageIo;
import org.densereg.io.NpyWriter;
import org.densereg.io.OutputIds;

/**
 * Writes {@link FaceSupervisionSample}s as a group of files {@code <outDir>/<id>.*} (layout in
 * {@code docs/formats.md}): {@code .png} crop, {@code .uv.npy} float32 [2, H, W] (u then v, -1 background),
 * {@code .mask.png} (8-bit, 255 face / 0 background), {@code .parts.png} (8-bit labels), {@code .pts}
 * (crop landmarks, 1-based), {@code .preview.png} ({@link UvPreview}) and, last, {@code .json} (metadata:
 * crop transform, exact 0-based landmarks, quality). Every file is written atomically; the {@code .json} file
 * is the completion marker: it is removed before a group is rewritten and written only after all the others,
 * so a group with its marker is complete and a killed run leaves at most stray temporaries
 * ({@link #removeStaleTemporaries}).
 */
public final class FaceSupervisionWriter {

    /** Suffix of the crop image. */
    public static final String IMAGE_SUFFIX = ".png";
    /** Suffix of the U/V maps. */
    public static final String UV_SUFFIX = ".uv.npy";
    /** Suffix of the foreground mask. */
    public static final String MASK_SUFFIX = ".mask.png";
    /** Suffix of the part label map. */
    public static final String PARTS_SUFFIX = ".parts.png";
    /** Suffix of the crop landmarks. */
    public static final String PTS_SUFFIX = ".pts";
    /** Suffix of the preview. */
    public static final String PREVIEW_SUFFIX = ".preview.png";
    /** Suffix of the metadata file, the completion marker. */
    public static final String MARKER_SUFFIX = ".json";
    /** Value of the metadata's {@code format} field. */
    public static final String FORMAT = "densereg-face-supervision";
    /** Value of the metadata's {@code version} field. */
    public static final int VERSION = 1;

    private static final List<String> DATA_SUFFIXES =
            List.of(IMAGE_SUFFIX, UV_SUFFIX, MASK_SUFFIX, PARTS_SUFFIX, PTS_SUFFIX, PREVIEW_SUFFIX);

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private FaceSupervisionWriter() {
    }

    /**
     * Writes (or rewrites) one sample's file group.
     *
     * @param outDir the output folder (created when missing)
     * @param sample the sample
     * @throws IllegalArgumentException when the id is not a safe file-name stem
     */
    public static void write(Path outDir, FaceSupervisionSample sample) throws IOException {
        String id = sample.id();
        checkId(id);
        Files.createDirectories(outDir);
        Files.deleteIfExists(outDir.resolve(id + MARKER_SUFFIX));
        int w = sample.width();
        int h = sample.height();
        int n = w * h;

        ImageIo.writePng(ImageIo.toRgb(sample.image()), outDir.resolve(id + IMAGE_SUFFIX));
        float[] uv = new float[2 * n];
        System.arraycopy(sample.u(), 0, uv, 0, n);
        System.arraycopy(sample.v(), 0, uv, n, n);
        NpyWriter.writeFloats(outDir.resolve(id + UV_SUFFIX), new int[] {2, h, w}, uv);
        byte[] mask = new byte[n];
        for (int i = 0; i < n; i++) {
            mask[i] = sample.isForeground(i) ? (byte) 255 : 0;
        }
        ImageIo.writePng8Gray(mask, w, h, outDir.resolve(id + MASK_SUFFIX));
        ImageIo.writePng8Gray(sample.parts(), w, h, outDir.resolve(id + PARTS_SUFFIX));
        PtsWriter.write(outDir.resolve(id + PTS_SUFFIX), sample.landmarks());
        ImageIo.writePng(UvPreview.render(sample), outDir.resolve(id + PREVIEW_SUFFIX));

        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("format", FORMAT);
        meta.put("version", VERSION);
        meta.put("id", id);
        meta.put("width", w);
        meta.put("height", h);
        FaceCrop crop = sample.crop();
        if (crop != null) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("scale", crop.scale());
            c.put("offsetX", crop.offsetX());
            c.put("offsetY", crop.offsetY());
            c.put("size", crop.size());
            meta.put("crop", c);
        } else {
            meta.put("crop", null);
        }
        meta.put("landmarks", sample.landmarks().xy());
        meta.put("quality", sample.quality());
        byte[] json = JSON.writeValueAsBytes(meta);
        AtomicFiles.writeBytes(outDir.resolve(id + MARKER_SUFFIX), json);
    }

    /** True when the group of {@code id} is complete: its marker and every data file exist. */
    public static boolean isComplete(Path outDir, String id) {
        if (!Files.isRegularFile(outDir.resolve(id + MARKER_SUFFIX))) {
            return false;
        }
        for (String s : DATA_SUFFIXES) {
            if (!Files.isRegularFile(outDir.resolve(id + s))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Deletes the temporaries an interrupted atomic write left in {@code outDir} (files named
     * {@code .<name>.<random>.tmp}, not in sub-folders). Call it only when no writer is running on the folder.
     *
     * @return the deleted files
     */
    public static List<Path> removeStaleTemporaries(Path outDir) throws IOException {
        List<Path> removed = new ArrayList<>();
        if (!Files.isDirectory(outDir)) {
            return removed;
        }
        List<Path> stale;
        try (Stream<Path> s = Files.list(outDir)) {
            stale = s.filter(p -> {
                String name = p.getFileName().toString();
                return name.startsWith(".") && name.endsWith(".tmp") && Files.isRegularFile(p);
            }).sorted().toList();
        }
        for (Path p : stale) {
            if (Files.deleteIfExists(p)) {
                removed.add(p);
            }
        }
        return removed;
    }

    static void checkId(String id) {
        if (!OutputIds.isSafe(id)) {
            throw new IllegalArgumentException("face id must be safe as a file name (no path separators, whitespace,"
                    + " control characters or : * ? \" < > |, not starting with '.'): \"" + id + "\"");
        }
    }
}
