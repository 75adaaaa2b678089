package org.densereg.supervision.body;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.densereg.io.AtomicFiles;
import org.densereg.io.ImageIo;
import org.densereg.io.NpyWriter;
import org.densereg.io.OutputIds;

/**
 * Writes {@link BodySupervisionSample}s as a group of files {@code <outDir>/<id>.*}, mirroring the face file group
 * (see {@code docs/body-supervision.md}):
 * <ul>
 *   <li>{@code .png}: the crop;</li>
 *   <li>{@code .iuv.png}: 8-bit RGB in the DensePose IUV convention: the array OpenCV's {@code cv2.imread} returns
 *       (channel order B, G, R) is [I, U·255, V·255], i.e. the file's <b>blue</b> channel holds the part index I,
 *       <b>green</b> round(255·u) and <b>red</b> round(255·v); all three 0 on background;</li>
 *   <li>{@code .uv.npy}: float32 [2, H, W], u then v, exact, -1 on background;</li>
 *   <li>{@code .parts.png}: 8-bit grey part labels ({@link BodyPart#label()});</li>
 *   <li>{@code .mask.png}: 8-bit grey, 255 body / 0 background;</li>
 *   <li>{@code .preview.png}: {@link BodyPreview};</li>
 *   <li>{@code .json}, written last (the completion marker): format, version, size, crop, the crop joints (0-based
 *       x, y; null when missing), their visibility, the part names by label and the quality figures.</li>
 * </ul>
 * Every file is written atomically; the marker is deleted before a group is rewritten.
 */
public final class BodySupervisionWriter {

    /** Suffix of the crop image. */
    public static final String IMAGE_SUFFIX = ".png";
    /** Suffix of the DensePose-style IUV image. */
    public static final String IUV_SUFFIX = ".iuv.png";
    /** Suffix of the U/V maps. */
    public static final String UV_SUFFIX = ".uv.npy";
    /** Suffix of the part label map. */
    public static final String PARTS_SUFFIX = ".parts.png";
    /** Suffix of the foreground mask. */
    public static final String MASK_SUFFIX = ".mask.png";
    /** Suffix of the preview. */
    public static final String PREVIEW_SUFFIX = ".preview.png";
    /** Suffix of the metadata file, the completion marker. */
    public static final String MARKER_SUFFIX = ".json";
    /** Value of the metadata's {@code format} field. */
    public static final String FORMAT = "densereg-body-supervision";
    /** Value of the metadata's {@code version} field. */
    public static final int VERSION = 1;

    private static final List<String> DATA_SUFFIXES =
            List.of(IMAGE_SUFFIX, IUV_SUFFIX, UV_SUFFIX, PARTS_SUFFIX, MASK_SUFFIX, PREVIEW_SUFFIX);

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private BodySupervisionWriter() {
    }

    /**
     * Writes (or rewrites) one sample's file group.
     *
     * @throws IllegalArgumentException when the id is not a safe file-name stem
     */
    public static void write(Path outDir, BodySupervisionSample sample) throws IOException {
        String id = sample.id();
        checkId(id);
        Files.createDirectories(outDir);
        Files.deleteIfExists(outDir.resolve(id + MARKER_SUFFIX));
        BodyMaps maps = sample.maps();
        int w = maps.width();
        int h = maps.height();
        int n = w * h;
        ImageIo.writePng(ImageIo.toRgb(sample.image()), outDir.resolve(id + IMAGE_SUFFIX));
        ImageIo.writePng(iuvImage(maps), outDir.resolve(id + IUV_SUFFIX));
        float[] uv = new float[2 * n];
        System.arraycopy(maps.u(), 0, uv, 0, n);
        System.arraycopy(maps.v(), 0, uv, n, n);
        NpyWriter.writeFloats(outDir.resolve(id + UV_SUFFIX), new int[] {2, h, w}, uv);
        ImageIo.writePng8Gray(maps.parts(), w, h, outDir.resolve(id + PARTS_SUFFIX));
        ImageIo.writePng8Gray(maps.mask(), w, h, outDir.resolve(id + MASK_SUFFIX));
        ImageIo.writePng(BodyPreview.render(sample), outDir.resolve(id + PREVIEW_SUFFIX));

        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("format", FORMAT);
        meta.put("version", VERSION);
        meta.put("id", id);
        meta.put("width", w);
        meta.put("height", h);
        BodyCrop crop = sample.crop();
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
        double[] xy = sample.joints().xy();
        List<Double> joints = new ArrayList<>();
        for (double d : xy) {
            joints.add(Double.isFinite(d) ? d : null);
        }
        meta.put("jointsBase", 0);
        meta.put("joints", joints);
        meta.put("jointsVisible", sample.joints().visible());
        List<String> names = new ArrayList<>();
        for (BodyPart p : BodyPart.values()) {
            names.add(p.name());
        }
        meta.put("parts", names);
        meta.put("quality", sample.quality());
        AtomicFiles.writeBytes(outDir.resolve(id + MARKER_SUFFIX), JSON.writeValueAsBytes(meta));
    }

    /**
     * The IUV image of maps (see the class comment for the channel order).
     *
     * @return a {@link BufferedImage#TYPE_INT_RGB} image: red round(255·v), green round(255·u), blue part label
     */
    public static BufferedImage iuvImage(BodyMaps maps) {
        int w = maps.width();
        int h = maps.height();
        int[] rgb = new int[w * h];
        byte[] parts = maps.parts();
        float[] u = maps.u();
        float[] v = maps.v();
        for (int i = 0; i < rgb.length; i++) {
            if (parts[i] != 0) {
                int r = Math.round(255 * v[i]);
                int g = Math.round(255 * u[i]);
                rgb[i] = (r << 16) | (g << 8) | (parts[i] & 0xff);
            }
        }
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, w, h, rgb, 0, w);
        return img;
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

    static void checkId(String id) {
        if (!OutputIds.isSafe(id)) {
            throw new IllegalArgumentException("sample id must be safe as a file name (no path separators, whitespace,"
                    + " control characters or : * ? \" < > |, not starting with '.'): \"" + id + "\"");
        }
    }
}
