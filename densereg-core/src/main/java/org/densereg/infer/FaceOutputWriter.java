package org.densereg.infer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.awt.Color;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.densereg.data.Landmarks;
import org.densereg.data.face.FaceCrop;
import org.densereg.data.face.PtsWriter;
import org.densereg.fit.DenseFitResult;
import org.densereg.io.AtomicFiles;
import org.densereg.io.ImageIo;
import org.densereg.supervision.FacePart;

/**
 * Writes the per-face output files of inference (DESIGN §8) into one folder, named {@code <id><suffix>}
 * ({@link OutputFormat}). Every map is in the frame of the source image (same width and height; pixel (x, y) =
 * source pixel (x, y)), resampled from the network's maps by {@link FacePrediction#inImage}. Each file is written
 * atomically; the JSON file is written last and marks the face complete ({@link #files()}).
 *
 * <p>Thread-safe (stateless apart from immutable settings); distinct ids may be written concurrently.
 */
public final class FaceOutputWriter {

    /** Spacing of the iso-lines in the visualisation, in (u, v) units. */
    public static final double ISO_STEP = 0.05;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final int LANDMARK_RGB = 0x00ff00;

    /** Suffix of the cascade's fit file ({@code --fit3d}). */
    public static final String FIT_SUFFIX = ".fit.json";
    /** Suffix of the cascade's mesh file ({@code --fit3d-mesh}). */
    public static final String MESH_SUFFIX = ".obj";

    private final ItemOutputFiles files;
    private final Map<String, Object> model;
    private final FacePredictionFitter fitter;
    private final boolean mesh;

    /**
     * @param outDir  output folder (created when needed)
     * @param formats the files to write (non-empty)
     * @param model   model description copied into each JSON file (e.g. archive path and SHA-256)
     * @throws IllegalArgumentException when no format is selected
     */
    public FaceOutputWriter(Path outDir, Set<OutputFormat> formats, Map<String, Object> model) {
        this(outDir, formats, model, null, false);
    }

    /**
     * A writer that also runs the dense-to-3D cascade on every face: {@code <id>.fit.json} (and with {@code mesh}
     * {@code <id>.obj}) are written before the JSON file, and the JSON file gains the {@code fit3d} entry (the
     * fitted landmarks beside those of the (u, v) map). A face whose map has too few foreground pixels gets no fit
     * files and {@code "fit3d": null}.
     *
     * @param outDir  output folder (created when needed)
     * @param formats the files to write (non-empty)
     * @param model   model description copied into each JSON file (e.g. archive path and SHA-256)
     * @param fitter  the cascade, or null for none
     * @param mesh    whether the fitted mesh is written (ignored without a fitter)
     * @throws IllegalArgumentException when no format is selected
     */
    public FaceOutputWriter(Path outDir, Set<OutputFormat> formats, Map<String, Object> model,
            FacePredictionFitter fitter, boolean mesh) {
        this.files = new ItemOutputFiles(outDir, formats, OutputFormat::suffix);
        this.model = new LinkedHashMap<>(model);
        this.fitter = fitter;
        this.mesh = fitter != null && mesh;
    }

    /** The dense-to-3D cascade, or null when it does not run. */
    public FacePredictionFitter fitter() {
        return fitter;
    }

    /** Whether the fitted mesh is written. */
    public boolean writesMesh() {
        return mesh;
    }

    /**
     * The cascade's entries for {@code summary.json}: {@code model} (name, vertices, triangles), {@code mesh}, and the
     * fitter's settings; null without a cascade.
     */
    public Map<String, Object> fit3dSettings() {
        if (fitter == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", Fit3dJson.model(fitter.model(), fitter.config()));
        m.put("mesh", mesh);
        m.put("config", Fit3dJson.config(fitter.config()));
        return m;
    }

    /**
     * The output files: folder, selected formats, each file's path and completeness
     * ({@link ItemOutputFiles#isComplete}: the JSON file when selected, written last).
     */
    public ItemOutputFiles files() {
        return files;
    }

    /**
     * Writes the selected files of one face.
     *
     * @param id         output name (may contain {@code /} for sub-folders)
     * @param source     the source image file (recorded in the JSON)
     * @param image      the decoded source image
     * @param prediction the face's prediction
     * @param mode       landmark mode (recorded in the JSON)
     * @return the files written
     * @throws IOException when a file cannot be written
     */
    public List<Path> write(String id, Path source, BufferedImage image, FacePrediction prediction,
            UvLandmarkExtractor.Mode mode) throws IOException {
        return write(id, source, image, prediction, mode, null);
    }

    /**
     * Writes the selected files of one face found by the face detector; its JSON file also holds the
     * {@code detection}: {@code box} {@code [x, y, w, h]}, {@code score}, {@code face_index} (k of
     * {@code <image id>_face<k>}) and {@code faces_in_image}.
     *
     * @param id         output name (may contain {@code /} for sub-folders)
     * @param source     the source image file (recorded in the JSON)
     * @param image      the decoded source image
     * @param prediction the face's prediction
     * @param mode       landmark mode (recorded in the JSON)
     * @param detected   the detector's face, or null for a face located otherwise
     * @return the files written
     * @throws IOException when a file cannot be written
     */
    public List<Path> write(String id, Path source, BufferedImage image, FacePrediction prediction,
            UvLandmarkExtractor.Mode mode, InferenceItem.DetectedFace detected) throws IOException {
        int w = image.getWidth();
        int h = image.getHeight();
        FacePrediction.ImageMaps maps = prediction.inImage(w, h);
        List<Path> fitFiles = new ArrayList<>();
        DenseFitResult fit = null;
        if (fitter != null) {
            fit = fitter.fit(prediction);
            if (fit != null) {
                Path fitFile = files.outDir().resolve(id + FIT_SUFFIX);
                Path meshFile = mesh ? files.outDir().resolve(id + MESH_SUFFIX) : null;
                if (meshFile != null) {
                    FittedMeshWriter.write(meshFile, fitter.model(), fit.vertices(), String.format(Locale.ROOT,
                            "%s: yaw %.2f, pitch %.2f, roll %.2f degrees; camera in %s", id, fit.camera().yawDegrees(),
                            fit.camera().pitchDegrees(), fit.camera().rollDegrees(), fitFile.getFileName()));
                }
                AtomicFiles.writeBytes(fitFile, JSON.writeValueAsBytes(Fit3dJson.fitFile(id, source, w, h, fit,
                        fitter.model(), fitter.config(), meshFile == null ? null : meshFile.getFileName().toString())));
                fitFiles.add(fitFile);
                if (meshFile != null) {
                    fitFiles.add(meshFile);
                }
            }
        }
        DenseFitResult fitted = fit;
        List<Path> written = files.write(id, (format, target) -> {
            switch (format) {
                case UV -> ImageIo.writePng(uvImage(maps), target);
                case IUV -> ImageIo.writePng(iuvImage(maps), target);
                case PARTS -> ImageIo.writePng(partsImage(maps), target);
                case VIS -> ImageIo.writePng(visualisation(image, maps, prediction.landmarks()), target);
                case PTS -> {
                    if (!prediction.hasLandmarks()) {
                        return false;
                    }
                    PtsWriter.write(target, prediction.landmarks());
                }
                default -> throw new IllegalStateException("not a file format: " + format);
            }
            return true;
        }, () -> JSON.writeValueAsBytes(json(id, source, w, h, prediction, mode, detected, fitted)));
        if (fitFiles.isEmpty()) {
            return written;
        }
        List<Path> all = new ArrayList<>(fitFiles);
        all.addAll(written);
        return all;
    }

    private Map<String, Object> json(String id, Path source, int w, int h, FacePrediction p, UvLandmarkExtractor.Mode mode,
            InferenceItem.DetectedFace detected, DenseFitResult fit) {
        Map<String, Object> root = OutputJson.header(id, source, w, h);
        if (detected != null) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("box", List.of(detected.detection().x(), detected.detection().y(), detected.detection().width(),
                    detected.detection().height()));
            d.put("score", detected.detection().score());
            d.put("face_index", detected.index());
            d.put("faces_in_image", detected.count());
            root.put("detection", d);
        }
        root.put("landmark_mode", mode.name().toLowerCase(Locale.ROOT));
        FaceCrop c = p.crop();
        root.put("crop", OutputJson.crop(c.scale(), c.offsetX(), c.offsetY(), c.size(),
                "x_crop = scale * x + offset_x, y_crop = scale * y + offset_y (0-based pixel centres)"));
        root.put("foreground_pixels_in_crop", p.foregroundPixels());
        root.put("landmarks", OutputJson.points(p.landmarks().xy()));
        List<Double> dist = new ArrayList<>();
        for (double d : p.landmarkUvDistance()) {
            dist.add(Double.isFinite(d) ? d : null);
        }
        root.put("landmark_uv_distance", dist);
        if (fitter != null) {
            root.put("fit3d", fit == null ? null : Fit3dJson.summary(id, fit));
        }
        root.put("model", model);
        return root;
    }

    /**
     * The 16-bit UV image: R = round(u·65535), G = round(v·65535), B = 65535 on the face; (0, 0, 0) off it.
     *
     * @param maps image-frame maps
     * @return a 16-bit-per-channel RGB image
     */
    public static BufferedImage uvImage(FacePrediction.ImageMaps maps) {
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB),
                new int[] {16, 16, 16}, false, false, Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster raster = cm.createCompatibleWritableRaster(maps.width(), maps.height());
        int[] px = new int[3 * maps.width()];
        for (int y = 0; y < maps.height(); y++) {
            for (int x = 0; x < maps.width(); x++) {
                int i = y * maps.width() + x;
                boolean fg = maps.isForeground(i);
                px[3 * x] = fg ? quantise(maps.u()[i], 65535) : 0;
                px[3 * x + 1] = fg ? quantise(maps.v()[i], 65535) : 0;
                px[3 * x + 2] = fg ? 65535 : 0;
            }
            raster.setPixels(0, y, maps.width(), 1, px);
        }
        return new BufferedImage(cm, raster, false, null);
    }

    /**
     * The 8-bit IUV image in DensePose's file convention (the array [I, U·255, V·255] written by OpenCV, whose
     * channel 0 is blue): B = part label I (0 off the face), G = round(u·255), R = round(v·255).
     */
    public static BufferedImage iuvImage(FacePrediction.ImageMaps maps) {
        int n = maps.width() * maps.height();
        int[] rgb = new int[n];
        for (int i = 0; i < n; i++) {
            if (!maps.isForeground(i)) {
                continue;
            }
            int r = quantise(maps.v()[i], 255);
            int g = quantise(maps.u()[i], 255);
            int b = maps.parts()[i] & 0xff;
            rgb[i] = (r << 16) | (g << 8) | b;
        }
        BufferedImage img = new BufferedImage(maps.width(), maps.height(), BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, maps.width(), maps.height(), rgb, 0, maps.width());
        return img;
    }

    /** The part map as an 8-bit palette image: sample = part label, palette entry = {@link FacePart#rgb()}. */
    public static BufferedImage partsImage(FacePrediction.ImageMaps maps) {
        int[] palette = new int[FacePart.values().length];
        for (FacePart p : FacePart.values()) {
            palette[p.label()] = p.rgb();
        }
        return OutputJson.paletteImage(maps.parts(), maps.width(), maps.height(), palette);
    }

    /**
     * The visualisation: the image, with iso-lines of u (warm colours) and v (cool colours) every
     * {@value #ISO_STEP} drawn where neighbouring face pixels fall in different cells, and each found landmark as a
     * 3×3 green dot.
     */
    public static BufferedImage visualisation(BufferedImage image, FacePrediction.ImageMaps maps, Landmarks landmarks) {
        int w = maps.width();
        int h = maps.height();
        int[] out = image.getRGB(0, 0, w, h, null, 0, w);
        float[] u = maps.u();
        float[] v = maps.v();
        int thickness = Math.max(1, Math.round(Math.max(w, h) / 512f));
        int[] copy = out.clone();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                out[i] = copy[i] & 0xffffff;
                if (!maps.isForeground(i)) {
                    continue;
                }
                boolean uLine = false;
                boolean vLine = false;
                for (int d = 1; d <= thickness; d++) {
                    if (x + d < w && maps.isForeground(i + d)) {
                        uLine |= cell(u[i]) != cell(u[i + d]);
                        vLine |= cell(v[i]) != cell(v[i + d]);
                    }
                    if (y + d < h && maps.isForeground(i + d * w)) {
                        uLine |= cell(u[i]) != cell(u[i + d * w]);
                        vLine |= cell(v[i]) != cell(v[i + d * w]);
                    }
                }
                if (vLine) {
                    out[i] = Color.HSBtoRGB(0.5f + 0.17f * clamp(v[i]), 1f, 1f) & 0xffffff;
                } else if (uLine) {
                    out[i] = Color.HSBtoRGB(0.17f * clamp(u[i]), 1f, 1f) & 0xffffff;
                }
            }
        }
        int r = Math.max(1, thickness);
        for (int k = 0; k < landmarks.count(); k++) {
            if (!Double.isFinite(landmarks.x(k)) || !Double.isFinite(landmarks.y(k))) {
                continue;
            }
            int cx = (int) Math.round(landmarks.x(k));
            int cy = (int) Math.round(landmarks.y(k));
            for (int dy = -r; dy <= r; dy++) {
                for (int dx = -r; dx <= r; dx++) {
                    int px = cx + dx;
                    int py = cy + dy;
                    if (px >= 0 && py >= 0 && px < w && py < h) {
                        out[py * w + px] = LANDMARK_RGB;
                    }
                }
            }
        }
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, w, h, out, 0, w);
        return img;
    }

    private static int quantise(float value, int max) {
        return (int) Math.round(Math.max(0f, Math.min(1f, value)) * max);
    }

    private static int cell(float value) {
        return (int) Math.floor(value / ISO_STEP);
    }

    private static float clamp(float value) {
        return Math.max(0f, Math.min(1f, value));
    }
}
