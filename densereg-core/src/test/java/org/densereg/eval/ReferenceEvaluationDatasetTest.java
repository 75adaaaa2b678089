package org.densereg.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.densereg.data.lsp.LspJoint;
import org.densereg.data.lsp.LspJoints;
import org.densereg.data.lsp.LspLayout;
import org.densereg.data.lsp.LspReader;
import org.densereg.data.mpii.MpiiEvalGroundTruth;
import org.densereg.data.mpii.MpiiEvalReader;
import org.densereg.testing.MatFixtures;
import org.densereg.testing.SharedData;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Real data: the LSP ground truth from the shared data folder, and public reference predictions with published
 * results, looked up in {@code $DENSEREG_REFERENCE_PREDICTIONS} (or {@code <shared data>/reference-predictions}):
 * {@code pred_keypoints_lsp_pc.mat} from github.com/bearpaw/eval_pose (Yang et al., CVPR 2016) and
 * {@code detections_our_format.mat} from github.com/bearpaw/pytorch-pose (Tompson et al., CVPR 2015). See
 * docs/evaluation.md for how to fetch them.
 */
@Tag("dataset")
class ReferenceEvaluationDatasetTest {

    private static Path reference(String name) {
        Path dir = MatFixtures.referencePredictionsOrNull();
        Assumptions.assumeTrue(dir != null && Files.isRegularFile(dir.resolve(name)),
                "reference prediction file " + name + " not found: set DENSEREG_REFERENCE_PREDICTIONS to a folder holding it "
                        + "(see docs/evaluation.md, 'Reference check')");
        return dir.resolve(name);
    }

    private static String oneDecimal(double[] values) {
        StringBuilder sb = new StringBuilder();
        for (double v : values) {
            sb.append(Decimals.format(v, 1)).append(' ');
        }
        return sb.toString().trim();
    }

    @Test
    void lspGroundTruthAgainstItselfIs100AndAKnownPerturbationGivesTheHandFigure() throws Exception {
        LspJoints gt = LspReader.readGroundTruth(SharedData.require("lsp/joints.mat"));
        assertEquals(LspLayout.ORIGINAL_3x14xN, gt.layout());
        assertEquals(2000, gt.count());
        LspJoints test = gt.testSplit();
        assertEquals(100.0, LspPck.evaluate(gt, test, 0.2, Comparison.LESS_OR_EQUAL, 20).mean());
        // move every right wrist by 0.3 torso along x and every left ankle by 0.1 torso along y
        double[] xy = test.xy();
        for (int i = 0; i < test.count(); i++) {
            double torso = Math.hypot(test.x(i, LspJoint.LEFT_SHOULDER.ordinal()) - test.x(i, LspJoint.RIGHT_HIP.ordinal()),
                    test.y(i, LspJoint.LEFT_SHOULDER.ordinal()) - test.y(i, LspJoint.RIGHT_HIP.ordinal()));
            xy[(i * 14 + LspJoint.RIGHT_WRIST.ordinal()) * 2] += 0.3 * torso;
            xy[(i * 14 + LspJoint.LEFT_ANKLE.ordinal()) * 2 + 1] += 0.1 * torso;
        }
        LspJoints moved = new LspJoints(test.firstImage(), xy, test.visible(), LspLayout.XY_2x14xN);
        LspPck.Result r = LspPck.evaluate(gt, moved, 0.2, Comparison.LESS_OR_EQUAL, 20);
        assertEquals(0.0, r.perJoint()[LspJoint.RIGHT_WRIST.ordinal()]);
        assertEquals(100.0, r.perJoint()[LspJoint.LEFT_ANKLE.ordinal()]);
        assertEquals(100.0 * 13 / 14, r.mean(), 1e-9);
        assertEquals(50.0, r.groups()[3], 1e-12); // wrist
    }

    @Test
    void lspReproducesYangEtAlCvpr2016PersonCentric() throws Exception {
        LspJoints gt = LspReader.readGroundTruth(SharedData.require("lsp/joints.mat"));
        LspJoints pred = LspReader.readPredictions(reference("pred_keypoints_lsp_pc.mat"));
        LspPck.Result r = LspPck.evaluate(gt, pred, 0.2, Comparison.LESS_OR_EQUAL, 20);
        // published (Yang et al., CVPR 2016, LSP PC, PCK@0.2): Head 90.6 Sho 78.1 Elb 73.8 Wri 68.8 Hip 74.8 Knee 69.9 Ank 58.9 Mean 73.6
        assertEquals("90.6 78.1 73.8 68.8 74.8 69.9 58.9", oneDecimal(r.groups()));
        assertEquals("73.6", Decimals.format(r.mean(), 1));
        assertEquals("39.3", Decimals.format(r.auc(), 1), "AUC as printed by eval_pck.m");
    }

    @Test
    void mpiiReproducesTheReferenceEvaluationOfTompsonPredictions() throws Exception {
        Path file = reference("detections_our_format.mat");
        MpiiEvalGroundTruth gt = MpiiEvalReader.readGroundTruth(file);
        assertEquals(2958, gt.count());
        double[] pred = MpiiEvalReader.readPredictions(file);
        MpiiPckh.Result lt = MpiiPckh.evaluate(gt, pred, 0.5, Comparison.LESS_THAN, 0.5, 50);
        assertEquals("95.60 92.71 83.36 76.74 81.93 73.36 65.45", twoDecimals(lt.groups()));
        assertEquals("82.34", Decimals.format(lt.mean(), 2));
        assertEquals("81.46", Decimals.format(lt.unweightedMean(), 2));
    }

    private static String twoDecimals(double[] values) {
        StringBuilder sb = new StringBuilder();
        for (double v : values) {
            sb.append(Decimals.format(v, 2)).append(' ');
        }
        return sb.toString().trim();
    }
}
