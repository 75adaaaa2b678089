package org.densereg.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.densereg.io.AtomicFiles;
import org.densereg.io.BadInputException;
import org.densereg.io.TextFiles;

/**
 * Joint predictions as JSON, for any body dataset. Two forms are accepted:
 * <ul>
 *   <li>a bare array, one entry per image (or person) in ground-truth order, each an array of J {@code [x, y]}
 *       pairs (extra values per pair, e.g. a score, are ignored) or an object with such a {@code "joints"} array;</li>
 *   <li>an object {@code {"coordinate_base": 0|1, "predictions": [...]}} with the same array.</li>
 * </ul>
 * Coordinates are 1-based (the MATLAB convention of the ground-truth files) unless {@code coordinate_base} is 0.
 * The result is 0-based. {@link #write} writes the second form with {@code coordinate_base} 0, which {@link #read}
 * reads back (to the 3 decimals written).
 */
public final class JointPredictionJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JointPredictionJson() {
    }

    /**
     * Reads predictions of {@code joints} joints per entry.
     *
     * @return {@code [N·J·2]} 0-based (x, y) of joint j of entry i at {@code (i·J + j)·2}
     * @throws BadInputException naming the file and the entry/field when the content does not fit
     * @throws IOException       on a read error
     */
    public static double[] read(Path file, int joints) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(file, "file not found");
        }
        JsonNode root;
        try {
            root = JSON.readTree(TextFiles.read(file));
        } catch (JsonProcessingException e) {
            throw new BadInputException(file, "not valid JSON: " + e.getOriginalMessage());
        }
        double base = 1;
        JsonNode list = root;
        if (root != null && root.isObject()) {
            JsonNode b = root.get("coordinate_base");
            if (b != null) {
                if (!b.isNumber() || (b.asInt() != 0 && b.asInt() != 1)) {
                    throw new BadInputException(file, "field 'coordinate_base': expected 0 or 1, found " + b);
                }
                base = b.asInt();
            }
            list = root.get("predictions");
            if (list == null) {
                throw new BadInputException(file, "expected a field 'predictions' (array) in the top-level object");
            }
        }
        if (list == null || !list.isArray()) {
            throw new BadInputException(file, "expected an array of predictions");
        }
        int n = list.size();
        double[] xy = new double[n * joints * 2];
        for (int i = 0; i < n; i++) {
            JsonNode entry = list.get(i);
            JsonNode pts = entry.isObject() ? entry.get("joints") : entry;
            String where = "predictions[" + i + "]";
            if (pts == null || !pts.isArray()) {
                throw new BadInputException(file, where + ": expected an array of " + joints + " [x, y] pairs or an object with 'joints'");
            }
            if (pts.size() != joints) {
                throw new BadInputException(file, where + ": expected " + joints + " joints, found " + pts.size());
            }
            for (int j = 0; j < joints; j++) {
                JsonNode p = pts.get(j);
                if (!p.isArray() || p.size() < 2 || !p.get(0).isNumber() || !p.get(1).isNumber()) {
                    throw new BadInputException(file, where + "[" + j + "]: expected [x, y] numbers, found " + p);
                }
                double x = p.get(0).asDouble();
                double y = p.get(1).asDouble();
                if (!Double.isFinite(x) || !Double.isFinite(y)) {
                    throw new BadInputException(file, where + "[" + j + "]: non-finite coordinate");
                }
                xy[(i * joints + j) * 2] = x - base;
                xy[(i * joints + j) * 2 + 1] = y - base;
            }
        }
        return xy;
    }

    /**
     * Writes predictions atomically as {@code {"coordinate_base": 0, "predictions": [[[x, y] × J] × N]}}, one entry per
     * line, coordinates with 3 decimals.
     *
     * @param file   the JSON file to write (its folder is created)
     * @param xy     {@code [N·J·2]} 0-based (x, y) of joint j of entry i at {@code (i·J + j)·2}
     * @param joints J, the joints per entry
     * @throws IOException on a write error
     */
    public static void write(Path file, double[] xy, int joints) throws IOException {
        AtomicFiles.writeString(file, format(xy, joints));
    }

    /**
     * @param xy     {@code [N·J·2]} 0-based (x, y) of joint j of entry i at {@code (i·J + j)·2}
     * @param joints J, the joints per entry
     * @return the JSON text that {@link #write} writes
     */
    public static String format(double[] xy, int joints) {
        StringBuilder sb = new StringBuilder("{\"coordinate_base\": 0, \"predictions\": [\n");
        int n = xy.length / (2 * joints);
        for (int i = 0; i < n; i++) {
            sb.append("  [");
            for (int j = 0; j < joints; j++) {
                sb.append(j == 0 ? "" : ", ").append(String.format(Locale.ROOT, "[%.3f, %.3f]",
                        xy[(i * joints + j) * 2], xy[(i * joints + j) * 2 + 1]));
            }
            sb.append(i + 1 < n ? "],\n" : "]\n");
        }
        return sb.append("]}\n").toString();
    }
}
