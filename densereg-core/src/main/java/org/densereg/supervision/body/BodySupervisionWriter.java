package org.densereg.supervision.body;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.densereg.io.ImageIo;
import org.densereg.io.OutputIds;
import org.densereg.supervision.SupervisionFileGroup;

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
 * Every file is written atomically; the marker is deleted before a group is rewritten (the layout shared with faces:
 * {@link SupervisionFileGroup}).
 */
public final class BodySupervisionWriter {

    /** Suffix of the DensePose-style IUV image (bodies only). */
    public static final String IUV_SUFFIX = ".iuv.png";
    /** The body file group: format {@code densereg-body-supervision}, version 1, with the IUV image. */
    public static final SupervisionFileGroup FILES = new SupervisionFileGroup("densereg-body-supervision", 1,
            IUV_SUFFIX);

    private BodySupervisionWriter() {
    }

    /** True when the group of {@code id} is complete: its marker and every data file exist. */
    public static boolean isComplete(Path outDir, String id) {
        return FILES.isComplete(outDir, id);
    }

    /**
     * Writes (or rewrites) one sample's file group.
     *
     * @throws IllegalArgumentException when the id is not a safe file-name stem
     */
    public static void write(Path outDir, BodySupervisionSample sample) throws IOException {
        String id = sample.id();
        checkId(id);
        FILES.begin(outDir, id);
        BodyMaps maps = sample.maps();
        FILES.writeMaps(outDir, id, sample.image(), maps.width(), maps.height(), maps.u(), maps.v(), maps.mask(),
                maps.parts());
        ImageIo.writePng(iuvImage(maps), outDir.resolve(id + IUV_SUFFIX));
        ImageIo.writePng(BodyPreview.render(sample), outDir.resolve(id + SupervisionFileGroup.PREVIEW_SUFFIX));

        BodyCrop crop = sample.crop();
        Map<String, Object> meta = FILES.metadata(id, maps.width(), maps.height(), crop == null ? null
                : SupervisionFileGroup.crop(crop.scale(), crop.offsetX(), crop.offsetY(), crop.size()));
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
        FILES.finish(outDir, id, meta);
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

    static void checkId(String id) {
        if (!OutputIds.isSafe(id)) {
            throw new IllegalArgumentException("sample id must be safe as a file name (no path separators, whitespace,"
                    + " control characters or : * ? \" < > |, not starting with '.'): \"" + id + "\"");
        }
    }
}
