package org.densereg.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.densereg.cli.CliRun;
import org.densereg.cli.option.VerbosityMixin;
import org.densereg.cli.support.ExitCodes;
import org.densereg.data.JointPredictionJson;
import org.densereg.data.Landmarks;
import org.densereg.data.face.PtsWriter;
import org.densereg.data.lsp.LspJoints;
import org.densereg.data.lsp.LspReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.types.MatFile;
import us.hebi.matlab.mat.types.Matrix;

class EvaluateCommandTest {

    @TempDir
    Path dir;



    @AfterEach
    void reset() {
        VerbosityMixin.reset();
    }

    private static Path mat(Path file, String name, int[] dims, double[] data) throws Exception {
        Matrix m = Mat5.newMatrix(dims);
        for (int i = 0; i < data.length; i++) {
            m.setDouble(i, data[i]);
        }
        MatFile f = Mat5.newMatFile();
        f.addArray(name, m);
        Mat5.writeToFile(f, file.toFile());
        return file;
    }

    /** LSP ground truth 3x14x2000: joint j of image i at (j + 1, i % 50 + 1), left shoulder – right hip = 10 px. */
    private Path lspGroundTruth() throws Exception {
        double[] d = new double[3 * 14 * 2000];
        for (int i = 0; i < 2000; i++) {
            for (int j = 0; j < 14; j++) {
                d[3 * j + 42 * i] = j == 9 ? 3 : j + 1;          // LS x = RH x = 3
                d[1 + 3 * j + 42 * i] = j == 9 ? 11 + i % 50 : i % 50 + 1;
            }
        }
        return mat(dir.resolve("joints.mat"), "joints", new int[] {3, 14, 2000}, d);
    }

    @Test
    void lspGroundTruthAgainstItselfIs100AndWritesAllOutputs() throws Exception {
        Path gt = lspGroundTruth();
        double[] p = new double[2 * 14 * 1000];
        for (int i = 0; i < 1000; i++) {
            for (int j = 0; j < 14; j++) {
                int img = 1000 + i;
                p[2 * j + 28 * i] = j == 9 ? 3 : j + 1;
                p[1 + 2 * j + 28 * i] = j == 9 ? 11 + img % 50 : img % 50 + 1;
            }
        }
        // the right wrist of every test image off by 3 px = 0.3 torso: wrist column (mean of left and right) 50 %
        for (int i = 0; i < 1000; i++) {
            p[2 * 6 + 28 * i] += 3;
        }
        Path preds = mat(dir.resolve("pred.mat"), "pred", new int[] {2, 14, 1000}, p);
        Path out = dir.resolve("out");
        CliRun r = CliRun.of("evaluate", "--dataset", "lsp", "--gt", gt.toString(), "--predictions", preds.toString(), "--out", out.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.out().contains("Wrist"), r.out());
        assertTrue(r.out().contains("PCK@0.2  100.0     100.0  100.0   50.0  100.0  100.0  100.0  92.9"), r.out());
        for (String f : new String[] {"report.md", "metrics.json", "per_image.csv", "pck_curve.png"}) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        JsonNode m = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        assertEquals(100.0 * 13 / 14, m.get("metrics").get("pck.mean").asDouble(), 1e-9);
        assertEquals("<=", m.get("provenance").get("comparison").asText());
        assertTrue(m.get("provenance").get("ground_truth").get("sha256").asText().matches("[0-9a-f]{64}"));
        assertEquals("1001-2000", m.get("provenance").get("images").asText());
        assertEquals(1001, Files.readAllLines(out.resolve("per_image.csv")).size());
        assertTrue(Files.readAllLines(out.resolve("per_image.csv")).get(1).startsWith("im1001,"));
    }

    @Test
    void lspWrongCountIsBadInputNamingTheFile() throws Exception {
        Path gt = lspGroundTruth();
        Path preds = mat(dir.resolve("pred_999.mat"), "pred", new int[] {2, 14, 999}, new double[2 * 14 * 999]);
        CliRun r = CliRun.of("evaluate", "--dataset", "lsp", "--gt", gt.toString(), "--predictions", preds.toString(), "--out",
                dir.resolve("o").toString());
        assertEquals(ExitCodes.BAD_INPUT, r.code());
        assertTrue(r.err().contains("pred_999.mat") && r.err().contains("found 999"), r.err());
    }

    @Test
    void mpiiGroundTruthOfAnotherLayoutIsBadInput() throws Exception {
        Path gt = lspGroundTruth();
        Path preds = mat(dir.resolve("preds.mat"), "preds", new int[] {3, 16, 2}, new double[96]);
        CliRun r = CliRun.of("evaluate", "--dataset", "mpii", "--gt", gt.toString(), "--predictions", preds.toString(), "--out",
                dir.resolve("o").toString());
        assertEquals(ExitCodes.BAD_INPUT, r.code());
        assertTrue(r.err().contains("joints.mat") && r.err().contains("'jnt_missing' missing"), r.err());
    }

    @Test
    void nanPredictionIsBadInput() throws Exception {
        Path gt = lspGroundTruth();
        double[] p = new double[2 * 14 * 1000];
        p[1] = Double.NaN;
        Path preds = mat(dir.resolve("pred_nan.mat"), "pred", new int[] {2, 14, 1000}, p);
        CliRun r = CliRun.of("evaluate", "--dataset", "lsp", "--gt", gt.toString(), "--predictions", preds.toString(), "--out",
                dir.resolve("o").toString());
        assertEquals(ExitCodes.BAD_INPUT, r.code());
        assertTrue(r.err().contains("pred_nan.mat") && r.err().contains("non-finite y at joint 1 of prediction 1"), r.err());
    }

    @Test
    void usageErrors() {
        CliRun r = CliRun.of("evaluate", "--dataset", "coco", "--predictions", "x", "--out", "y");
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("expected 300w, mpii or lsp"), r.err());
        r = CliRun.of("evaluate", "--dataset", "mpii", "--predictions", "x", "--out", "y");
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("needs --gt"), r.err());
        r = CliRun.of("evaluate", "--dataset", "300w", "--predictions", "x", "--out", "y");
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("--root"), r.err());
        r = CliRun.of("evaluate", "--dataset", "mpii", "--gt", "x", "--model", "demo", "--out", "y");
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("mpii --model needs --root DIR") && r.err().contains("--supervision DIR"),
                r.err());
        r = CliRun.of("evaluate", "--dataset", "lsp", "--gt", "x", "--model", "demo", "--out", "y");
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("--supervision"), r.err());
    }

    @Test
    void lspWithAFaceModelIsBadInput() throws Exception {
        Path faceModel = Path.of("..", "models", "demo.densereg.zip");
        CliRun r = CliRun.of("evaluate", "--dataset", "lsp", "--gt", dir.resolve("joints.mat").toString(), "--model",
                faceModel.toString(), "--supervision", dir.toString(), "--out", dir.resolve("out").toString());
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.err());
        assertTrue(r.err().contains("expected a body model"), r.err());
    }

    @Test
    void bodyModelPredictionJsonReadsBackAsTheTestSplit() throws Exception {
        double[] xy = new double[LspJoints.SPLIT_SIZE * 14 * 2];
        for (int k = 0; k < xy.length; k++) {
            xy[k] = (k % 977) * 0.25;
        }
        Path file = dir.resolve("predictions.json");
        Files.writeString(file, JointPredictionJson.format(xy, 14));
        LspJoints read = LspReader.readPredictions(file);
        assertEquals(LspJoints.SPLIT_SIZE, read.count());
        assertEquals(LspJoints.TEST_FIRST, read.firstImage());
        assertEquals(xy[5 * 28 + 7], read.xy()[5 * 28 + 7], 1e-9);
        assertEquals(xy[xy.length - 1], read.xy()[xy.length - 1], 1e-9);
    }

    /** A fake 300W layout: 3 lfpw/testset, 2 ibug faces; predictions = ground truth + seeded noise. */
    private Path faces(Path root, Path preds, double noise) throws Exception {
        Random rnd = new Random(7);
        String[] ids = {"lfpw/testset/image_0001", "lfpw/testset/image_0002", "helen/testset/1", "ibug/image_003_1", "ibug/image_004_1"};
        for (String id : ids) {
            double[] xy = new double[136];
            for (int k = 0; k < 68; k++) {
                xy[2 * k] = 100 + 40 * Math.cos(k * 0.3) + rnd.nextDouble();
                xy[2 * k + 1] = 100 + 40 * Math.sin(k * 0.3) + rnd.nextDouble();
            }
            Landmarks gt = new Landmarks(xy);
            PtsWriter.write(root.resolve(id + ".pts"), gt);
            double[] p = gt.xy();
            for (int k = 0; k < p.length; k++) {
                p[k] += noise * rnd.nextGaussian();
            }
            String name = Path.of(id).getFileName().toString();
            PtsWriter.write(preds.resolve(name + ".pts"), new Landmarks(p));
        }
        return root;
    }

    @Test
    void faces300wFullHasCommonChallengingAndFullRows() throws Exception {
        Path root = dir.resolve("300W");
        Path preds = dir.resolve("preds");
        Files.createDirectories(preds);
        faces(root, preds, 1.0);
        Path out = dir.resolve("out300w");
        CliRun r = CliRun.of("evaluate", "--dataset", "300w", "--root", root.toString(), "--subset", "full", "--predictions",
                preds.toString(), "--auc", "trapezoid", "--out", out.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.out().contains("common") && r.out().contains("challenging") && r.out().contains("full"), r.out());
        JsonNode m = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        assertEquals(3.0, m.get("metrics").get("common.faces").asDouble());
        assertEquals(5.0, m.get("metrics").get("full.faces").asDouble());
        assertTrue(m.get("provenance").get("auc").asText().contains("trapezoid"));
        assertTrue(m.get("provenance").get("count_problems").get(0).asText().contains("the published set has"));
        assertTrue(Files.size(out.resolve("ced_curve.png")) > 0);
        Files.delete(preds.resolve("image_004_1.pts"));
        r = CliRun.of("evaluate", "--dataset", "300w", "--root", root.toString(), "--predictions", preds.toString(), "--out",
                out.toString());
        assertEquals(ExitCodes.BAD_INPUT, r.code());
        assertTrue(r.err().contains("1 face(s) without a prediction, e.g. ibug/image_004_1"), r.err());
    }

    @Test
    void mpiiPckhThroughTheCliWithBothComparisons() throws Exception {
        // 2 persons, head box (1,1)-(4,5): head size 0.6 * 5 = 3 px; every joint of person 1 off by 1.5 px = 0.5
        int n = 2;
        us.hebi.matlab.mat.types.Cell names = Mat5.newCell(1, 16);
        String[] order = {"rank", "rkne", "rhip", "lhip", "lkne", "lank", "pelv", "thor", "neck", "head", "rwri", "relb",
            "rsho", "lsho", "lelb", "lwri"};
        for (int j = 0; j < 16; j++) {
            names.set(j, Mat5.newString(order[j]));
        }
        double[] pos = new double[32 * n];
        double[] heads = new double[4 * n];
        double[] preds = new double[32 * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 16; j++) {
                pos[j + 32 * i] = 10 + j;
                pos[j + 16 + 32 * i] = 20;
                preds[i + n * j] = 10 + j + (i == 0 ? 1.5 : 0);          // Nx16x2: x
                preds[i + n * j + n * 16] = 20;                           // y
            }
            heads[4 * i] = 1;
            heads[1 + 4 * i] = 4;
            heads[2 + 4 * i] = 1;
            heads[3 + 4 * i] = 5;
        }
        MatFile f = Mat5.newMatFile();
        f.addArray("dataset_joints", names);
        Matrix missing = Mat5.newMatrix(16, n);
        Matrix p = Mat5.newMatrix(new int[] {16, 2, n});
        Matrix h = Mat5.newMatrix(new int[] {2, 2, n});
        for (int k = 0; k < pos.length; k++) {
            p.setDouble(k, pos[k]);
        }
        for (int k = 0; k < heads.length; k++) {
            h.setDouble(k, heads[k]);
        }
        f.addArray("jnt_missing", missing).addArray("pos_gt_src", p).addArray("headboxes_src", h);
        Path gt = dir.resolve("gt_valid.mat");
        Mat5.writeToFile(f, gt.toFile());
        Path pr = mat(dir.resolve("preds_valid.mat"), "preds", new int[] {n, 16, 2}, preds);
        CliRun lt = CliRun.of("evaluate", "--dataset", "mpii", "--gt", gt.toString(), "--predictions", pr.toString(), "--out",
                dir.resolve("lt").toString());
        assertEquals(ExitCodes.OK, lt.code(), lt.err());
        assertTrue(lt.out().contains("PCKh@0.5  50.00     50.00  50.00  50.00  50.00  50.00  50.00  50.00"), lt.out());
        CliRun le = CliRun.of("evaluate", "--dataset", "mpii", "--gt", gt.toString(), "--predictions", pr.toString(), "--no-less-than",
                "--out", dir.resolve("le").toString());
        assertEquals(ExitCodes.OK, le.code(), le.err());
        assertTrue(le.out().contains("PCKh@0.5  100.00    100.00  100.00  100.00  100.00  100.00  100.00  100.00"), le.out());
        JsonNode m = new ObjectMapper().readTree(dir.resolve("le").resolve("metrics.json").toFile());
        assertEquals("<=", m.get("provenance").get("comparison").asText());
        Path wrongCount = mat(dir.resolve("preds_3.mat"), "preds", new int[] {3, 16, 2}, new double[96]);
        CliRun bad = CliRun.of("evaluate", "--dataset", "mpii", "--gt", gt.toString(), "--predictions", wrongCount.toString(), "--out",
                dir.resolve("bad").toString());
        assertEquals(ExitCodes.BAD_INPUT, bad.code());
        assertTrue(bad.err().contains("preds_3.mat: has 3 persons, the ground truth gt_valid.mat has 2"), bad.err());
    }

    @Test
    void truncatedMatGroundTruthIsBadInputNamingTheFile() throws Exception {
        byte[] whole = Files.readAllBytes(lspGroundTruth());
        Path cut = Files.write(dir.resolve("truncated_joints.mat"), java.util.Arrays.copyOf(whole, whole.length / 2));
        CliRun r = CliRun.of("evaluate", "--dataset", "lsp", "--gt", cut.toString(), "--predictions", cut.toString(),
                "--out", dir.resolve("out").toString());
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.err());
        assertTrue(r.err().contains("truncated_joints.mat: truncated MAT file"), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line, no stack trace: " + r.err());
    }
}
