package org.densereg.data.mpii;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.densereg.io.BadInputException;
import org.densereg.io.MatArrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import us.hebi.matlab.mat.types.Array;
import us.hebi.matlab.mat.types.Cell;
import us.hebi.matlab.mat.types.MatFile;
import us.hebi.matlab.mat.types.Matrix;
import us.hebi.matlab.mat.types.Struct;

/**
 * Reads the official {@code mpii_human_pose_v1_u12_1.mat} (struct {@code RELEASE}) into one {@link MpiiPerson}
 * per {@code annorect} entry. Tolerates the file's irregularities: images without {@code annorect} (empty 0×0),
 * rectangles without head box, {@code scale}, {@code objpos} or {@code annopoints} (fields absent or empty),
 * empty {@code annopoints}, {@code is_visible} as a number, a string ("0"/"1") or empty, {@code single_person}
 * entries empty or numeric. Coordinates are 1-based in the file and 0-based in the result.
 */
public final class MpiiReleaseReader {

    private static final Logger LOG = LoggerFactory.getLogger(MpiiReleaseReader.class);

    private MpiiReleaseReader() {
    }

    /**
     * Reads every annotated person.
     *
     * @throws BadInputException when {@code RELEASE} or its {@code annolist} is missing or a point id is out of range
     * @throws IOException       on a read error
     */
    public static List<MpiiPerson> read(Path file) throws IOException {
        MatFile mat = MatArrays.open(file);
        if (!MatArrays.variableNames(mat).contains("RELEASE") || !(mat.getArray("RELEASE") instanceof Struct release)) {
            throw new BadInputException(file, "expected a struct variable 'RELEASE' (mpii_human_pose_v1_u12_1.mat); the file has "
                    + MatArrays.variableNames(mat));
        }
        if (!release.getFieldNames().contains("annolist") || !(release.get("annolist") instanceof Struct annolist)) {
            throw new BadInputException(file, "'RELEASE.annolist': expected a struct array");
        }
        int images = annolist.getNumElements();
        double[] imgTrain = release.getFieldNames().contains("img_train")
                ? MatArrays.numeric(file, "RELEASE.img_train", release.get("img_train")).data() : new double[0];
        Cell single = release.getFieldNames().contains("single_person") && release.get("single_person") instanceof Cell c ? c : null;
        List<MpiiPerson> persons = new ArrayList<>();
        for (int i = 0; i < images; i++) {
            String name = imageName(annolist, i);
            boolean train = i < imgTrain.length && imgTrain[i] == 1;
            Set<Integer> singles = new HashSet<>();
            if (single != null && i < single.getNumElements() && single.get(i) instanceof Matrix m) {
                for (int k = 0; k < m.getNumElements(); k++) {
                    singles.add((int) m.getDouble(k));
                }
            }
            if (!annolist.getFieldNames().contains("annorect") || !(annolist.get("annorect", i) instanceof Struct rects)) {
                continue;
            }
            for (int p = 0; p < rects.getNumElements(); p++) {
                persons.add(person(file, rects, i, p, name, train, singles.contains(p + 1)));
            }
        }
        LOG.info("{}: {} images, {} annotated persons", file, images, persons.size());
        return persons;
    }

    private static String imageName(Struct annolist, int i) {
        if (annolist.getFieldNames().contains("image") && annolist.get("image", i) instanceof Struct image
                && image.getFieldNames().contains("name")) {
            String s = MatArrays.text(image.get("name"));
            return s == null ? "" : s;
        }
        return "";
    }

    private static MpiiPerson person(Path file, Struct rects, int i, int p, String name, boolean train, boolean single) {
        List<String> f = rects.getFieldNames();
        double[] head = null;
        if (f.containsAll(List.of("x1", "y1", "x2", "y2"))) {
            double x1 = scalar(rects, "x1", p);
            double y1 = scalar(rects, "y1", p);
            double x2 = scalar(rects, "x2", p);
            double y2 = scalar(rects, "y2", p);
            if (!Double.isNaN(x1) && !Double.isNaN(y1) && !Double.isNaN(x2) && !Double.isNaN(y2)) {
                head = new double[] {x1 - 1, y1 - 1, x2 - 1, y2 - 1};
            }
        }
        double scale = f.contains("scale") ? scalar(rects, "scale", p) : Double.NaN;
        double[] objpos = null;
        if (f.contains("objpos") && rects.get("objpos", p) instanceof Struct o && o.getNumElements() > 0
                && o.getFieldNames().containsAll(List.of("x", "y"))) {
            objpos = new double[] {scalar(o, "x", 0) - 1, scalar(o, "y", 0) - 1};
        }
        double[] joints = new double[2 * MpiiJoint.COUNT];
        Arrays.fill(joints, Double.NaN);
        boolean[] visible = new boolean[MpiiJoint.COUNT];
        if (f.contains("annopoints") && rects.get("annopoints", p) instanceof Struct ap && ap.getNumElements() > 0
                && ap.getFieldNames().contains("point") && ap.get("point", 0) instanceof Struct pts) {
            for (int k = 0; k < pts.getNumElements(); k++) {
                double id = scalar(pts, "id", k);
                if (Double.isNaN(id) || id < 0 || id >= MpiiJoint.COUNT || id != Math.rint(id)) {
                    throw new BadInputException(file, "RELEASE.annolist(" + (i + 1) + ").annorect(" + (p + 1)
                            + ").annopoints.point(" + (k + 1) + ").id: expected 0..15, found " + id);
                }
                int j = (int) id;
                joints[2 * j] = scalar(pts, "x", k) - 1;
                joints[2 * j + 1] = scalar(pts, "y", k) - 1;
                visible[j] = pts.getFieldNames().contains("is_visible") && flag(pts.get("is_visible", k));
            }
        }
        return new MpiiPerson(i + 1, name, p + 1, train, single, head, scale, objpos, joints, visible);
    }

    /** A numeric scalar field, NaN when absent or empty. */
    private static double scalar(Struct s, String field, int index) {
        if (!s.getFieldNames().contains(field)) {
            return Double.NaN;
        }
        Array a = s.get(field, index);
        if (a instanceof Matrix m && m.getNumElements() > 0) {
            return m.getDouble(0);
        }
        String t = MatArrays.text(a);
        if (t != null && !t.isEmpty()) {
            try {
                return Double.parseDouble(t);
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    /** {@code is_visible}: 1, "1", true → true; 0, "0", empty → false. */
    static boolean flag(Array a) {
        if (a instanceof Matrix m) {
            return m.getNumElements() > 0 && m.getDouble(0) != 0;
        }
        String t = MatArrays.text(a);
        return t != null && (t.equals("1") || t.equalsIgnoreCase("true"));
    }
}
