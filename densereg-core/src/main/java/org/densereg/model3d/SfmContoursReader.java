package org.densereg.model3d;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.densereg.io.BadInputException;
import org.densereg.io.TextFiles;

/**
 * Reads an eos contour file ({@code sfm_model_contours.json}):
 * {@code {"model_contour": {"right_contour": [v, …], "left_contour": [v, …]}}}, 0-based vertex indices,
 * ordered from the top of the jaw line towards the chin.
 */
final class SfmContoursReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SfmContoursReader() {
    }

    /** The two contour lists, right (subject's right) first. */
    record Contours(int[] right, int[] left) {
    }

    static Contours read(Path file, int vertexCount) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(TextFiles.read(file));
        } catch (NoSuchFileException e) {
            throw new BadInputException(file, "file not found");
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNr());
            throw new BadInputException(file, line, "not valid JSON: " + e.getOriginalMessage());
        }
        JsonNode contour = root == null ? null : root.get("model_contour");
        if (contour == null || !contour.isObject()) {
            throw new BadInputException(file, "missing object field 'model_contour'");
        }
        return new Contours(list(file, contour, "right_contour", vertexCount),
                list(file, contour, "left_contour", vertexCount));
    }

    private static int[] list(Path file, JsonNode contour, String name, int vertexCount) {
        JsonNode array = contour.get(name);
        String field = "model_contour." + name;
        if (array == null || !array.isArray()) {
            throw new BadInputException(file, "missing array field '" + field + "'");
        }
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = array.get(i);
            if (!v.canConvertToInt() || !v.isIntegralNumber() || v.intValue() < 0 || v.intValue() >= vertexCount) {
                throw new BadInputException(file, "field '" + field + "[" + i + "]': expected a vertex index in 0.."
                        + (vertexCount - 1) + ", found " + v);
            }
            out[i] = v.intValue();
        }
        return out;
    }
}
