package org.densereg.data.mpii;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.densereg.io.BadInputException;
import org.densereg.io.TextFiles;

/**
 * Reads the JSON annotation forms of MPII in common use, 1-based in the file, 0-based in the result:
 * <ul>
 *   <li>HRNet / mmpose {@code annot/train.json}, {@code valid.json}: an array of {@code {"image", "center": [x, y],
 *       "scale", "joints": [[x, y] × 16], "joints_vis": [16 × 0|1]}};</li>
 *   <li>pytorch-pose {@code mpii_annotations.json}: an array of {@code {"img_paths", "objpos": [x, y],
 *       "scale_provided", "joint_self": [[x, y, vis] × 16], "isValidation"}}.</li>
 * </ul>
 */
public final class MpiiJsonReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private MpiiJsonReader() {
    }

    /**
     * Reads every entry.
     *
     * @throws BadInputException naming the file, the entry index and the field when an entry does not fit either form
     * @throws IOException       on a read error
     */
    public static List<MpiiJsonAnnotation> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(file, "file not found");
        }
        JsonNode root;
        try {
            root = JSON.readTree(TextFiles.read(file));
        } catch (JsonProcessingException e) {
            throw new BadInputException(file, "not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isArray()) {
            throw new BadInputException(file, "expected a JSON array of person annotations");
        }
        List<MpiiJsonAnnotation> out = new ArrayList<>(root.size());
        for (int i = 0; i < root.size(); i++) {
            JsonNode e = root.get(i);
            boolean hrnet = e.has("joints");
            String where = "[" + i + "]";
            String image = text(file, e, hrnet ? "image" : "img_paths", where);
            double[] center = pair(file, e.get(hrnet ? "center" : "objpos"), where + "." + (hrnet ? "center" : "objpos"));
            center[0] -= 1;
            center[1] -= 1;
            JsonNode s = e.get(hrnet ? "scale" : "scale_provided");
            if (s == null || !s.isNumber()) {
                throw new BadInputException(file, where + "." + (hrnet ? "scale" : "scale_provided") + ": expected a number");
            }
            JsonNode pts = e.get(hrnet ? "joints" : "joint_self");
            String pf = where + "." + (hrnet ? "joints" : "joint_self");
            if (pts == null || !pts.isArray() || pts.size() != MpiiJoint.COUNT) {
                throw new BadInputException(file, pf + ": expected 16 joints");
            }
            double[] joints = new double[32];
            boolean[] flags = new boolean[16];
            JsonNode vis = hrnet ? e.get("joints_vis") : null;
            if (hrnet && (vis == null || !vis.isArray() || vis.size() != MpiiJoint.COUNT)) {
                throw new BadInputException(file, where + ".joints_vis: expected 16 flags");
            }
            for (int j = 0; j < MpiiJoint.COUNT; j++) {
                double[] xy = pair(file, pts.get(j), pf + "[" + j + "]");
                joints[2 * j] = xy[0] - 1;
                joints[2 * j + 1] = xy[1] - 1;
                JsonNode flag = hrnet ? vis.get(j) : pts.get(j).get(2);
                flags[j] = flag != null && flag.asDouble() != 0;
            }
            Boolean validation = e.has("isValidation") ? e.get("isValidation").asDouble() != 0 : null;
            out.add(new MpiiJsonAnnotation(image, center, s.asDouble(), joints, flags, validation));
        }
        return out;
    }

    private static String text(Path file, JsonNode e, String field, String where) {
        JsonNode t = e.get(field);
        if (t == null || !t.isTextual()) {
            throw new BadInputException(file, where + "." + field + ": expected a string (HRNet form has 'image' and "
                    + "'joints'; pytorch-pose form has 'img_paths' and 'joint_self')");
        }
        return t.asText();
    }

    private static double[] pair(Path file, JsonNode n, String where) {
        if (n == null || !n.isArray() || n.size() < 2 || !n.get(0).isNumber() || !n.get(1).isNumber()) {
            throw new BadInputException(file, where + ": expected [x, y] numbers");
        }
        return new double[] {n.get(0).asDouble(), n.get(1).asDouble()};
    }
}
