package org.densereg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.densereg.cli.support.ExitCodes;
import org.densereg.data.JointPredictionJson;
import org.densereg.io.ImageIo;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.types.Cell;
import us.hebi.matlab.mat.types.MatFile;
import us.hebi.matlab.mat.types.Matrix;

/**
 * MPII end to end on a fixture the test writes: an MPII root in the HRNet/mmpose JSON form (images/, annot/train.json,
 * annot/valid.json) and the matching gt_valid.mat; {@code supervise-body --dataset mpii} on each split, four
 * iterations of {@code train-body} with {@code data.dataset=MPII} (validated by PCKh on one held-out image), and
 * {@code evaluate --dataset mpii --model} scoring the trained model on the validation persons.
 */
class TrainBodyMpiiCommandTest {

    @TempDir
    Path dir;

    /** MPII joint ids 0..15 relative to the head top, pixels, y down (a standing person, 95 px tall). */
    private static final double[] POSE = {
        -10, 95, -10, 72, -10, 50, 10, 50, 10, 72, 10, 95, 0, 50, 0, 20, 0, 15, 0, 0,
        -25, 50, -22, 35, -15, 20, 15, 20, 22, 35, 25, 50};

    /** A person: image, head-top position (0-based). */
    private record Person(String image, double x, double y) {
    }

    private static final List<Person> TRAIN = List.of(new Person("015601864.png", 40, 20),
            new Person("015601864.png", 110, 30), new Person("015599452.png", 60, 15),
            new Person("005808361.png", 50, 25), new Person("005808361.png", 100, 20));
    private static final List<Person> VALID = List.of(new Person("060111501.png", 45, 20),
            new Person("060111501.png", 105, 25), new Person("070807258.png", 70, 20));

    @Test
    @Tag("slow")
    void superviseTrainValidateWithPckhAndEvaluateTheModel() throws Exception {
        Path root = fixture();
        Path train = dir.resolve("mpii-train");
        CliRun sup = CliRun.of("supervise-body", "--dataset", "mpii", "--root", root.toString(), "--out",
                train.toString(), "--split", "train", "--size", "65", "--threads", "1");
        assertEquals(ExitCodes.OK, sup.code(), sup.err());
        assertTrue(sup.out().contains("mpii train, 5 items: 5 written"), sup.out());

        // an LSP run on it is refused with the key to set
        CliRun lsp = CliRun.of("train-body", "--config", "lsp-body-heatmap-dense", "--run-dir",
                dir.resolve("lsp-run").toString(), "--set", "data.source=" + train);
        assertEquals(ExitCodes.BAD_INPUT, lsp.code(), lsp.err());
        assertTrue(lsp.err().contains("data.dataset: MPII"), lsp.err());

        Path run = dir.resolve("run");
        CliRun t = CliRun.of("train-body", "--config", "lsp-body-heatmap-dense", "--run-dir", run.toString(),
                "--set", "data.source=" + train, "--set", "data.dataset=MPII", "--set", "data.validationImages=1",
                "--set", "network.widthMultiplier=0.125", "--set", "network.inputHeight=65",
                "--set", "network.inputWidth=65", "--set", "trainer.iterations=4", "--set", "trainer.validateEvery=2",
                "--set", "trainer.checkpointEvery=2", "--set", "data.batchSize=2");
        assertEquals(ExitCodes.OK, t.code(), t.err());
        // image 005808361 (the first by name) validates: its two persons; the other three persons train
        assertTrue(t.out().contains("PCKh@0.5 (head segment) on 2 validation persons"), t.out());
        Path archive = run.resolve("model-last.densereg.zip");
        assertTrue(Files.isRegularFile(archive));
        assertTrue(Files.isRegularFile(run.resolve("model-best.densereg.zip")));
        String resolved = Files.readString(run.resolve("config.resolved.yaml"));
        assertTrue(resolved.contains("dataset: MPII"), resolved);
        String history = listing(run);
        assertTrue(history.contains("pckhHeatmap"), "the run folder records PCKh: " + history);

        Path valid = dir.resolve("mpii-valid");
        CliRun supValid = CliRun.of("supervise-body", "--dataset", "mpii", "--root", root.toString(), "--out",
                valid.toString(), "--split", "test", "--size", "65", "--threads", "1");
        assertEquals(ExitCodes.OK, supValid.code(), supValid.err());
        Path out = dir.resolve("eval");
        CliRun e = CliRun.of("evaluate", "--dataset", "mpii", "--model", archive.toString(), "--root", root.toString(),
                "--supervision", valid.toString(), "--gt", gtValid().toString(), "--out", out.toString());
        assertEquals(ExitCodes.OK, e.code(), e.err());
        assertTrue(e.out().contains("PCKh@0.5"), e.out());
        assertTrue(e.out().contains("protocol: MPII validation persons"), e.out());
        double[] xy = JointPredictionJson.read(out.resolve("predictions.json"), 16);
        assertEquals(VALID.size() * 16 * 2, xy.length, "one prediction per person of valid.json, 16 joints");
        String metrics = Files.readString(out.resolve("metrics.json"));
        assertTrue(metrics.contains("persons_without_sample"), metrics);

        // without --supervision the model cannot be run on MPII
        CliRun usage = CliRun.of("evaluate", "--dataset", "mpii", "--model", archive.toString(), "--root",
                root.toString(), "--gt", gtValid().toString(), "--out", dir.resolve("eval2").toString());
        assertEquals(ExitCodes.USAGE, usage.code(), usage.err());
        assertTrue(usage.err().contains("--supervision"), usage.err());
    }

    /** Every file of the run folder with its text when small (the validation history is among them). */
    private static String listing(Path run) throws IOException {
        StringBuilder s = new StringBuilder();
        try (var files = Files.walk(run)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                s.append(run.relativize(p)).append('\n');
                String name = p.getFileName().toString();
                if (Files.isRegularFile(p) && Files.size(p) < 100_000
                        && (name.endsWith(".csv") || name.endsWith(".json") || name.endsWith(".jsonl")
                        || name.endsWith(".md") || name.endsWith(".txt"))) {
                    s.append(Files.readString(p)).append('\n');
                }
            }
        }
        return s.toString();
    }

    private Path fixture() throws IOException {
        Path root = dir.resolve("mpii");
        Files.createDirectories(root.resolve("images"));
        Files.createDirectories(root.resolve("annot"));
        long seed = 1;
        List<String> images = new ArrayList<>();
        for (List<Person> split : List.of(TRAIN, VALID)) {
            for (Person p : split) {
                if (!images.contains(p.image())) {
                    images.add(p.image());
                    png(root.resolve("images").resolve(p.image()), 160, 140, seed++);
                }
            }
        }
        Files.writeString(root.resolve("annot/train.json"), json(TRAIN));
        Files.writeString(root.resolve("annot/valid.json"), json(VALID));
        return root;
    }

    /** HRNet-form entries, 1-based coordinates. */
    private static String json(List<Person> persons) {
        List<String> entries = new ArrayList<>();
        for (Person p : persons) {
            StringBuilder j = new StringBuilder();
            StringBuilder v = new StringBuilder();
            for (int k = 0; k < 16; k++) {
                j.append(k == 0 ? "" : ", ").append(String.format(Locale.ROOT, "[%.1f, %.1f]",
                        p.x() + POSE[2 * k] + 1, p.y() + POSE[2 * k + 1] + 1));
                v.append(k == 0 ? "" : ", ").append(1);
            }
            entries.add(String.format(Locale.ROOT, "{\"image\": \"%s\", \"center\": [%.1f, %.1f], \"scale\": 0.6, "
                    + "\"joints\": [%s], \"joints_vis\": [%s]}", p.image(), p.x() + 1, p.y() + 51, j, v));
        }
        return "[" + String.join(", ", entries) + "]";
    }

    /** gt_valid.mat of the validation persons: joints 1-based, nothing missing, a 20×25 head box at the head top. */
    private Path gtValid() throws IOException {
        Path gt = dir.resolve("gt_valid.mat");
        if (Files.isRegularFile(gt)) {
            return gt;
        }
        int n = VALID.size();
        String[] order = {"rank", "rkne", "rhip", "lhip", "lkne", "lank", "pelv", "thor", "neck", "head", "rwri",
            "relb", "rsho", "lsho", "lelb", "lwri"};
        Cell names = Mat5.newCell(1, 16);
        for (int j = 0; j < 16; j++) {
            names.set(j, Mat5.newString(order[j]));
        }
        Matrix missing = Mat5.newMatrix(16, n);
        Matrix pos = Mat5.newMatrix(new int[] {16, 2, n});
        Matrix heads = Mat5.newMatrix(new int[] {2, 2, n});
        for (int i = 0; i < n; i++) {
            Person p = VALID.get(i);
            for (int j = 0; j < 16; j++) {
                pos.setDouble(new int[] {j, 0, i}, p.x() + POSE[2 * j] + 1);
                pos.setDouble(new int[] {j, 1, i}, p.y() + POSE[2 * j + 1] + 1);
            }
            heads.setDouble(new int[] {0, 0, i}, p.x() - 10 + 1); // [corner, coordinate, person]: x1, y1, x2, y2
            heads.setDouble(new int[] {0, 1, i}, p.y() - 3 + 1);
            heads.setDouble(new int[] {1, 0, i}, p.x() + 10 + 1);
            heads.setDouble(new int[] {1, 1, i}, p.y() + 22 + 1);
        }
        MatFile f = Mat5.newMatFile();
        f.addArray("dataset_joints", names).addArray("jnt_missing", missing).addArray("pos_gt_src", pos)
                .addArray("headboxes_src", heads);
        Mat5.writeToFile(f, gt.toFile());
        return gt;
    }

    private static void png(Path file, int w, int h, long seed) throws IOException {
        Random r = new Random(seed);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, r.nextInt(1 << 24));
            }
        }
        ImageIo.writePng(img, file);
    }
}
