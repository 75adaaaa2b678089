package org.densereg.infer;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import org.densereg.io.AtomicFiles;
import org.densereg.model3d.MorphableModel;

/**
 * Writes a fitted face mesh as a Wavefront OBJ file ({@code <id>.obj} of {@code infer --fit3d-mesh}), atomically:
 * one {@code v x y z} per vertex in model space (the model's units, millimetres for the built-in model; y up, the
 * face looking along +z; the camera in {@code <id>.fit.json} maps it into the image), one {@code vt u v} per vertex
 * (the template's (u, v), v up, as OBJ expects) and one {@code f a/a b/b c/c} per triangle (1-based, the model's
 * triangle order and winding).
 */
public final class FittedMeshWriter {

    private FittedMeshWriter() {
    }

    /**
     * @param target   the file to write
     * @param model    the fitted model (triangles, UV, name)
     * @param vertices [3N] fitted model-space vertices, interleaved x, y, z
     * @param comment  a line written as a comment after the header (e.g. the pose), or null
     * @throws IOException when the file cannot be written
     */
    public static void write(Path target, MorphableModel model, float[] vertices, String comment) throws IOException {
        if (vertices.length != 3 * model.vertexCount()) {
            throw new IllegalArgumentException("vertices have " + vertices.length + " values, expected 3 × "
                    + model.vertexCount());
        }
        AtomicFiles.write(target, out -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            w.write("# densereg fitted mesh of " + model.name() + ": " + model.vertexCount() + " vertices, "
                    + model.triangleCount() + " triangles; model space (y up, face along +z), UV v up\n");
            if (comment != null) {
                w.write("# " + comment.replace('\n', ' ') + "\n");
            }
            for (int i = 0; i < vertices.length; i += 3) {
                w.write(String.format(Locale.ROOT, "v %.4f %.4f %.4f\n", vertices[i], vertices[i + 1], vertices[i + 2]));
            }
            float[] uv = model.uv();
            for (int i = 0; i < uv.length; i += 2) {
                w.write(String.format(Locale.ROOT, "vt %.6f %.6f\n", uv[i], uv[i + 1]));
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
    }
}
