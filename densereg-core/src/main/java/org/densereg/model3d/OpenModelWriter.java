package org.densereg.model3d;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.densereg.io.AtomicFiles;
import org.densereg.io.NpyWriter;

/**
 * Writes a {@link MorphableModel} in the project's open folder format (read back by {@link OpenModelReader}):
 * <ul>
 *   <li>{@code mean.obj}: the mean mesh, {@code v x y z} (mm), {@code vt u v} (one per vertex, v up as in
 *       OBJ), {@code f a/a b/b c/c} (1-based, OBJ convention);</li>
 *   <li>{@code shape_basis.npy} float32 [3N, M] (row i·3+c is coordinate c of vertex i; unit columns),
 *       {@code shape_variances.npy} float32 [M];</li>
 *   <li>{@code expression_basis.npy} float32 [3N, E], {@code expression_variances.npy} float32 [E] (E may be
 *       0);</li>
 *   <li>{@code model.json}: format name and version, model name, units, counts, the 68-entry landmark map
 *       (0-based vertices, -1 unmapped) and the contour lists.</li>
 * </ul>
 * The folder is written completely into a temporary sibling folder and then moved into place; an existing
 * folder of that name is replaced only after the new one is complete.
 */
public final class OpenModelWriter {

    /** Value of {@code model.json}'s {@code format} field. */
    public static final String FORMAT = "densereg-morphable-model";
    /** Current value of {@code model.json}'s {@code formatVersion} field. */
    public static final int FORMAT_VERSION = 1;

    static final String MEAN = "mean.obj";
    static final String SHAPE_BASIS = "shape_basis.npy";
    static final String SHAPE_VARIANCES = "shape_variances.npy";
    static final String EXPRESSION_BASIS = "expression_basis.npy";
    static final String EXPRESSION_VARIANCES = "expression_variances.npy";
    static final String METADATA = "model.json";

    private OpenModelWriter() {
    }

    /**
     * Writes the model into {@code folder} (created; replaced atomically when it exists).
     *
     * @param model  the model
     * @param folder target folder
     * @throws IOException when writing fails; the target is then left as it was
     */
    public static void write(MorphableModel model, Path folder) throws IOException {
        Path target = folder.toAbsolutePath().normalize();
        Path parent = target.getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempDirectory(parent, "." + target.getFileName() + ".tmp-");
        boolean done = false;
        try {
            writeContents(model, tmp);
            replace(tmp, target);
            done = true;
        } finally {
            if (!done) {
                deleteTree(tmp);
            }
        }
    }

    private static void writeContents(MorphableModel model, Path dir) throws IOException {
        int n3 = model.mean().length;
        AtomicFiles.write(dir.resolve(MEAN), out -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            w.write("# " + model.name() + ": mean shape (mm), per-vertex UV (v up); written by densereg\n");
            float[] mean = model.mean();
            for (int i = 0; i < mean.length; i += 3) {
                w.write("v " + mean[i] + " " + mean[i + 1] + " " + mean[i + 2] + "\n");
            }
            float[] uv = model.uv();
            for (int i = 0; i < uv.length; i += 2) {
                w.write("vt " + uv[i] + " " + uv[i + 1] + "\n");
            }
            int[] t = model.triangles();
            for (int i = 0; i < t.length; i += 3) {
                int a = t[i] + 1;
                int b = t[i + 1] + 1;
                int c = t[i + 2] + 1;
                w.write("f " + a + "/" + a + " " + b + "/" + b + " " + c + "/" + c + "\n");
            }
            w.flush();
        });
        NpyWriter.writeFloats(dir.resolve(SHAPE_BASIS), new int[] {n3, model.shapeModes()}, model.shapeBasis());
        NpyWriter.writeFloats(dir.resolve(SHAPE_VARIANCES), new int[] {model.shapeModes()}, model.shapeVariances());
        NpyWriter.writeFloats(dir.resolve(EXPRESSION_BASIS), new int[] {n3, model.expressionModes()},
                model.expressionBasis());
        NpyWriter.writeFloats(dir.resolve(EXPRESSION_VARIANCES), new int[] {model.expressionModes()},
                model.expressionVariances());
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("format", FORMAT);
        meta.put("formatVersion", FORMAT_VERSION);
        meta.put("name", model.name());
        meta.put("units", "mm");
        meta.put("coordinates", "right-handed, y up, face looking along +z");
        meta.put("uv", "per-vertex vt in mean.obj, u and v in [0, 1], v up");
        meta.put("vertexCount", model.vertexCount());
        meta.put("triangleCount", model.triangleCount());
        meta.put("shapeModes", model.shapeModes());
        meta.put("expressionModes", model.expressionModes());
        meta.put("landmarkVertices", model.landmarkVertices());
        meta.put("rightContour", model.rightContour());
        meta.put("leftContour", model.leftContour());
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        AtomicFiles.writeString(dir.resolve(METADATA), json.writeValueAsString(meta) + "\n");
    }

    private static void replace(Path tmp, Path target) throws IOException {
        if (!Files.exists(target)) {
            try {
                move(tmp, target);
                return;
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
                // created meanwhile: fall through to the replace path
            }
        }
        Path old = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".old-");
        Files.delete(old);
        move(target, old);
        try {
            move(tmp, target);
        } catch (IOException e) {
            move(old, target);
            throw e;
        }
        deleteTree(old);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
