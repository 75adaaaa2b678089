package org.densereg.data.mpii;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.densereg.data.JointPredictionJson;
import org.densereg.io.BadInputException;
import org.densereg.io.MatArrays;
import org.densereg.io.MatArrays.Numeric;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import us.hebi.matlab.mat.types.Array;
import us.hebi.matlab.mat.types.Cell;
import us.hebi.matlab.mat.types.MatFile;

/**
 * Reads MPII evaluation ground truth ({@code gt_valid.mat} layout: {@code dataset_joints} 1×16 cell of names,
 * {@code jnt_missing} 16×N, {@code pos_gt_src} 16×2×N, {@code headboxes_src} 2×2×N, 1-based pixels) and
 * predictions ({@code .mat} with {@code preds} N×16×2 as written by pose-hg/pytorch-pose, or
 * {@code pos_pred_src} 16×2×N; or JSON, see {@link JointPredictionJson}), 1-based in the files, 0-based here.
 */
public final class MpiiEvalReader {

    private static final Logger LOG = LoggerFactory.getLogger(MpiiEvalReader.class);
    private static final int J = MpiiJoint.COUNT;

    private MpiiEvalReader() {
    }

    /**
     * Reads {@code gt_valid.mat} (or any file with the same four variables, e.g. {@code detections_our_format.mat}).
     *
     * @throws BadInputException when a variable is missing, has another shape, or the joint names are in another order
     * @throws IOException       on a read error
     */
    public static MpiiEvalGroundTruth readGroundTruth(Path file) throws IOException {
        MatFile mat = MatArrays.open(file);
        List<String> names = MatArrays.variableNames(mat);
        for (String required : List.of("jnt_missing", "pos_gt_src", "headboxes_src")) {
            if (!names.contains(required)) {
                throw new BadInputException(file, "not MPII evaluation ground truth (gt_valid.mat layout): variable '"
                        + required + "' missing; the file has " + names);
            }
        }
        if (names.contains("dataset_joints")) {
            checkJointNames(file, mat.getArray("dataset_joints"));
        }
        Numeric missing = MatArrays.numeric(file, mat, "jnt_missing");
        Numeric pos = MatArrays.numeric(file, mat, "pos_gt_src");
        Numeric heads = MatArrays.numeric(file, mat, "headboxes_src");
        int n = missing.dim(1);
        if (missing.dim(0) != J || missing.dims().length > 2) {
            throw new BadInputException(file, "'jnt_missing': expected 16xN, found " + missing.shape());
        }
        if (pos.dim(0) != J || pos.dim(1) != 2 || pos.dim(2) != n || pos.dims().length > 3) {
            throw new BadInputException(file, "'pos_gt_src': expected 16x2x" + n + " (N from jnt_missing), found " + pos.shape());
        }
        if (heads.dim(0) != 2 || heads.dim(1) != 2 || heads.dim(2) != n || heads.dims().length > 3) {
            throw new BadInputException(file, "'headboxes_src': expected 2x2x" + n + ", found " + heads.shape());
        }
        double[] p = new double[n * J * 2];
        boolean[] m = new boolean[n * J];
        double[] h = new double[n * 4];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < J; j++) {
                double flag = missing.get(j, i);
                if (flag != 0 && flag != 1) {
                    throw new BadInputException(file, "'jnt_missing': expected 0 or 1, found " + flag + " at joint "
                            + (j + 1) + " of person " + (i + 1));
                }
                m[i * J + j] = flag != 0;
                for (int c = 0; c < 2; c++) {
                    p[(i * J + j) * 2 + c] = pos.get(j, c, i) - 1;
                }
            }
            for (int corner = 0; corner < 2; corner++) {
                for (int c = 0; c < 2; c++) {
                    double v = heads.get(corner, c, i);
                    if (!Double.isFinite(v)) {
                        throw new BadInputException(file, "'headboxes_src': non-finite value for person " + (i + 1));
                    }
                    h[i * 4 + corner * 2 + c] = v - 1;
                }
            }
        }
        LOG.info("{}: MPII evaluation ground truth, {} persons", file, n);
        return new MpiiEvalGroundTruth(p, m, h);
    }

    private static void checkJointNames(Path file, Array names) {
        if (!(names instanceof Cell cell) || cell.getNumElements() != J) {
            throw new BadInputException(file, "'dataset_joints': expected a 1x16 cell of joint names");
        }
        List<String> found = new ArrayList<>();
        for (int j = 0; j < J; j++) {
            Array a = cell.get(j);
            if (a instanceof Cell inner && inner.getNumElements() == 1) {
                a = inner.get(0);
            }
            String s = MatArrays.text(a);
            found.add(s);
        }
        for (MpiiJoint joint : MpiiJoint.values()) {
            if (!joint.shortName().equals(found.get(joint.ordinal()))) {
                throw new BadInputException(file, "'dataset_joints': expected the MPII order rank..lwri, found " + found);
            }
        }
    }

    /**
     * Reads predictions in ground-truth order.
     *
     * @return {@code [N·16·2]} 0-based (x, y) of joint j of person i at {@code (i·16 + j)·2}
     * @throws BadInputException for another shape or a non-finite value (names the file, variable, joint, person)
     * @throws IOException       on a read error
     */
    public static double[] readPredictions(Path file) throws IOException {
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
            return JointPredictionJson.read(file, J);
        }
        MatFile mat = MatArrays.open(file);
        List<String> names = MatArrays.variableNames(mat);
        String name = names.contains("preds") ? "preds" : names.contains("pos_pred_src") ? "pos_pred_src" : null;
        if (name == null) {
            throw new BadInputException(file, "expected a variable 'preds' (Nx16x2) or 'pos_pred_src' (16x2xN); the file has "
                    + names);
        }
        Numeric a = MatArrays.numeric(file, mat, name);
        boolean nFirst = name.equals("preds");
        int n = nFirst ? a.dim(0) : a.dim(2);
        boolean ok = nFirst ? a.dim(1) == J && a.dim(2) == 2 && a.dims().length == 3
                : a.dim(0) == J && a.dim(1) == 2 && a.dims().length <= 3;
        if (!ok) {
            throw new BadInputException(file, "'" + name + "': expected " + (nFirst ? "Nx16x2" : "16x2xN") + ", found " + a.shape());
        }
        double[] xy = new double[n * J * 2];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < J; j++) {
                for (int c = 0; c < 2; c++) {
                    double v = nFirst ? a.get(i, j, c) : a.get(j, c, i);
                    if (!Double.isFinite(v)) {
                        throw new BadInputException(file, "'" + name + "': non-finite " + (c == 0 ? "x" : "y") + " at joint "
                                + (j + 1) + " (" + MpiiJoint.values()[j].shortName() + ") of person " + (i + 1));
                    }
                    xy[(i * J + j) * 2 + c] = v - 1;
                }
            }
        }
        return xy;
    }
}
