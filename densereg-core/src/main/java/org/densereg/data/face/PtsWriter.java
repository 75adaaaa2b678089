package org.densereg.data.face;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.densereg.data.Landmarks;
import org.densereg.io.AtomicFiles;

/** Writes 300W {@code .pts} files, converting 0-based coordinates to the format's 1-based ones. */
public final class PtsWriter {

    private PtsWriter() {
    }

    /** The {@code .pts} text of the points (1-based, 3 decimals). */
    public static String format(Landmarks points) {
        StringBuilder sb = new StringBuilder();
        sb.append("version: 1\nn_points: ").append(points.count()).append("\n{\n");
        for (int i = 0; i < points.count(); i++) {
            sb.append(String.format(Locale.ROOT, "%.3f %.3f\n", points.x(i) + 1.0, points.y(i) + 1.0));
        }
        sb.append("}\n");
        return sb.toString();
    }

    /** Writes the points atomically to {@code file}. */
    public static void write(Path file, Landmarks points) throws IOException {
        AtomicFiles.writeString(file, format(points));
    }
}
