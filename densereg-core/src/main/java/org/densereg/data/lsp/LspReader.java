package org.densereg.data.lsp;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.densereg.data.JointPredictionJson;
import org.densereg.io.BadInputException;
import org.densereg.io.MatArrays;
import org.densereg.io.MatArrays.Numeric;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import us.hebi.matlab.mat.types.MatFile;

/**
 * Reads LSP ground truth ({@code joints.mat}) and joint predictions. The layout is detected from the array
 * dimensions and recorded in {@link LspJoints#layout()}:
 * <ul>
 *   <li>3×14×N: original LSP, third row = flag with 1 = <b>occluded</b> (visible = flag == 0);</li>
 *   <li>14×3×N: LSP-extended, third column = flag with 1 = <b>visible</b>.</li>
 * </ul>
 * Coordinates are 1-based in the file and 0-based in the result.
 */
public final class LspReader {

    private static final Logger LOG = LoggerFactory.getLogger(LspReader.class);
    private static final int J = LspJoint.COUNT;

    private LspReader() {
    }

    /**
     * Reads ground truth: the variable {@code joints} (or the file's only numeric variable).
     *
     * @throws BadInputException when the file, variable or layout does not fit (names the file and variable)
     * @throws IOException       on a read error
     */
    public static LspJoints readGroundTruth(Path file) throws IOException {
        MatFile mat = MatArrays.open(file);
        Numeric a = MatArrays.numeric(file, mat, pickVariable(file, mat, "joints"));
        int n;
        LspLayout layout;
        if (a.dims().length >= 2 && a.dim(0) == 3 && a.dim(1) == J) {
            layout = LspLayout.ORIGINAL_3x14xN;
        } else if (a.dims().length >= 2 && a.dim(0) == J && a.dim(1) == 3) {
            layout = LspLayout.EXTENDED_14x3xN;
        } else {
            throw new BadInputException(file, "'" + a.name() + "': expected LSP ground truth 3x14xN (original) or 14x3xN "
                    + "(extended), found " + a.shape());
        }
        n = a.dim(2);
        double[] xy = new double[n * J * 2];
        boolean[] visible = new boolean[n * J];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < J; j++) {
                double x;
                double y;
                double flag;
                if (layout == LspLayout.ORIGINAL_3x14xN) {
                    x = a.get(0, j, i);
                    y = a.get(1, j, i);
                    flag = a.get(2, j, i);
                } else {
                    x = a.get(j, 0, i);
                    y = a.get(j, 1, i);
                    flag = a.get(j, 2, i);
                }
                if (!Double.isFinite(x) || !Double.isFinite(y)) {
                    throw new BadInputException(file, "'" + a.name() + "': non-finite coordinate at joint " + (j + 1)
                            + " of image " + (i + 1));
                }
                xy[(i * J + j) * 2] = x - 1;
                xy[(i * J + j) * 2 + 1] = y - 1;
                visible[i * J + j] = layout == LspLayout.ORIGINAL_3x14xN ? flag == 0 : flag != 0;
            }
        }
        LOG.info("{}: {} images, layout {}", file, n, layout.description());
        return new LspJoints(1, xy, visible, layout);
    }

    /**
     * Reads predictions: a {@code .json} file (see {@link JointPredictionJson}) or a {@code .mat} file with a
     * variable {@code pred}, {@code preds}, {@code joints} or a single numeric variable, in one of the layouts
     * 2×14×N, 3×14×N (third row ignored), 14×2×N or N×14×2. N = 1000 is taken as the test split (images
     * 1001–2000), any other N as images 1..N. Every visibility flag is true.
     *
     * @throws BadInputException for another layout or a non-finite coordinate (names file, variable, joint, image)
     * @throws IOException       on a read error
     */
    public static LspJoints readPredictions(Path file) throws IOException {
        double[] xy;
        LspLayout layout;
        if (file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".json")) {
            xy = JointPredictionJson.read(file, J);
            layout = LspLayout.JSON;
        } else {
            MatFile mat = MatArrays.open(file);
            Numeric a = MatArrays.numeric(file, mat, pickVariable(file, mat, "pred", "preds", "joints"));
            if (a.dim(0) == 2 && a.dim(1) == J) {
                layout = LspLayout.XY_2x14xN;
            } else if (a.dim(0) == 3 && a.dim(1) == J) {
                layout = LspLayout.XYS_3x14xN;
            } else if (a.dim(0) == J && a.dim(1) == 2) {
                layout = LspLayout.XY_14x2xN;
            } else if (a.dims().length == 3 && a.dim(1) == J && a.dim(2) == 2) {
                layout = LspLayout.XY_Nx14x2;
            } else {
                throw new BadInputException(file, "'" + a.name() + "': expected LSP predictions 2x14xN, 3x14xN, 14x2xN or "
                        + "Nx14x2, found " + a.shape());
            }
            int n = layout == LspLayout.XY_Nx14x2 ? a.dim(0) : a.dim(2);
            xy = new double[n * J * 2];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < J; j++) {
                    for (int c = 0; c < 2; c++) {
                        double v = switch (layout) {
                            case XY_2x14xN, XYS_3x14xN -> a.get(c, j, i);
                            case XY_14x2xN -> a.get(j, c, i);
                            default -> a.get(i, j, c);
                        };
                        if (!Double.isFinite(v)) {
                            throw new BadInputException(file, "'" + a.name() + "': non-finite " + (c == 0 ? "x" : "y")
                                    + " at joint " + (j + 1) + " of prediction " + (i + 1));
                        }
                        xy[(i * J + j) * 2 + c] = v - 1;
                    }
                }
            }
        }
        int n = xy.length / (2 * J);
        boolean[] visible = new boolean[n * J];
        java.util.Arrays.fill(visible, true);
        int first = n == LspJoints.SPLIT_SIZE ? LspJoints.TEST_FIRST : 1;
        LOG.info("{}: {} predictions, layout {}, images {}..{}", file, n, layout.description(), first, first + n - 1);
        return new LspJoints(first, xy, visible, layout);
    }

    /** The first of {@code preferred} present in the file, else its only numeric variable. */
    static String pickVariable(Path file, MatFile mat, String... preferred) {
        List<String> names = MatArrays.variableNames(mat);
        for (String p : preferred) {
            if (names.contains(p)) {
                return p;
            }
        }
        List<String> numeric = new ArrayList<>();
        for (String name : names) {
            if (mat.getArray(name) instanceof us.hebi.matlab.mat.types.Matrix) {
                numeric.add(name);
            }
        }
        if (numeric.size() == 1) {
            return numeric.get(0);
        }
        throw new BadInputException(file, "expected a variable named " + String.join(" or ", preferred)
                + " (or a single numeric variable); the file has " + names);
    }
}
