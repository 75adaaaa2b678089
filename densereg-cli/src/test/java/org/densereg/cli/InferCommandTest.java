package org.densereg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

import org.densereg.cli.support.ExitCodes;
import org.densereg.data.Landmarks;
import org.densereg.data.face.PtsWriter;
import org.densereg.io.FolderLock;
import org.densereg.io.ImageIo;
import org.densereg.model.ModelArchive;
import org.densereg.model.ModelMetadata;
import org.densereg.model3d.DefaultFaceModel;
import org.densereg.network.DenseRegNetworkFactory;
import org.densereg.network.InputNormalisation;
import org.densereg.network.NetworkConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InferCommandTest {

    @TempDir
    static Path dir;

    static Path archive;

    /** An untrained 1/16-width ResNet-18 at 33² (outputs are meaningless; files and exit codes are tested). */
    static Path tinyArchive(Path target) throws IOException {
        NetworkConfig config = new NetworkConfig(18, 0.0625, 10, 33, 33, 0, 1, 1, 1, true, 11L);
        InputNormalisation n = InputNormalisation.imagenet();
        ModelMetadata metadata = new ModelMetadata(ModelArchive.FORMAT_VERSION, "face", "test/cylindrical", 10, 33,
                n.mean(), n.scale(), ModelMetadata.boxLandmarkUv(DefaultFaceModel.load().landmarkUv()), Map.of(),
                Map.of("iterations", 0), null);
        ModelArchive.write(target, DenseRegNetworkFactory.build(config), metadata, "network: {}\n");
        return target;
    }

    static BufferedImage noise(int w, int h, long seed) {
        Random r = new Random(seed);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, r.nextInt(0x1000000));
            }
        }
        return img;
    }

    static Landmarks landmarksIn(int w, int h, long seed) {
        Random r = new Random(seed);
        double[] xy = new double[136];
        for (int i = 0; i < 68; i++) {
            xy[2 * i] = w * (0.3 + 0.4 * r.nextDouble());
            xy[2 * i + 1] = h * (0.3 + 0.4 * r.nextDouble());
        }
        return new Landmarks(xy);
    }

    @BeforeAll
    static void model() throws IOException {
        archive = tinyArchive(dir.resolve("tiny.densereg.zip"));
    }

    @Test
    void wholeImagesAreWrittenAndABrokenFileIsListedWithExitThree() throws IOException {
        Path in = Files.createDirectories(dir.resolve("whole-in"));
        ImageIo.writePng(noise(48, 40, 1), in.resolve("alice.png"));
        Files.write(in.resolve("broken.jpg"), new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, 0, 1});
        Files.writeString(in.resolve("notes.txt"), "not an image, ignored");
        Path out = dir.resolve("whole-out");
        CliRun r = CliRun.of("-q", "infer", "--model", archive.toString(), "--input", in.toString(),
                "--out", out.toString(), "--threads", "2", "--crop", "whole");
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.err());
        assertTrue(r.out().contains("2 faces: 1 written, 0 existing, 1 failed"), r.out());
        for (String suffix : new String[] {".uv.png", ".iuv.png", ".parts.png", ".vis.png", ".landmarks.json"}) {
            assertTrue(Files.isRegularFile(out.resolve("alice" + suffix)), suffix);
        }
        assertTrue(Files.readString(out.resolve("failures.csv")).contains("broken,"));
        String summary = Files.readString(out.resolve("summary.json"));
        assertTrue(summary.contains("\"archive_sha256\""), summary);

        CliRun again = CliRun.of("-q", "infer", "--model", archive.toString(), "--input",
                in.resolve("alice.png").toString(), "--out", out.toString(), "--formats", "uv,json", "--crop", "whole");
        assertEquals(ExitCodes.OK, again.code(), again.err());
        assertTrue(again.out().contains("0 written, 1 existing"), again.out());
    }

    @Test
    void collidingNamesGetSuffixesListedInTheSummaryAndStaleTemporariesAreRemoved() throws IOException {
        Path in = Files.createDirectories(dir.resolve("names-in"));
        ImageIo.writePng(noise(40, 40, 5), in.resolve("name with spaces ü.png"));
        ImageIo.writePng(noise(40, 40, 6), in.resolve("name_with_spaces_ü.png"));
        Path out = Files.createDirectories(dir.resolve("names-out"));
        Path stale = out.resolve(".name_with_spaces_ü.uv.png.4242424242.tmp");
        Files.writeString(stale, "left by a killed run");
        Path other = out.resolve(".notes.tmp");
        Files.writeString(other, "not ours");
        CliRun r = CliRun.of("infer", "--model", archive.toString(), "--input", in.toString(), "--out", out.toString(),
                "--formats", "uv,json");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(Files.isRegularFile(out.resolve("name_with_spaces_ü.uv.png")));
        assertTrue(Files.isRegularFile(out.resolve("name_with_spaces_ü~2.uv.png")), "the later input is not overwritten");
        assertTrue(r.out().contains("1 input(s) renamed"), r.out());
        String summary = Files.readString(out.resolve("summary.json"));
        assertTrue(summary.contains("\"renamed\"") && summary.contains("\"id\" : \"name_with_spaces_ü~2\"")
                && summary.contains(in.resolve("name_with_spaces_ü.png").toString()), summary);
        assertTrue(!Files.exists(stale), "the stale temporary is removed");
        assertTrue(Files.exists(other), "other files are kept");
    }

    @Test
    void aLockedOutputFolderIsAUsageErrorNamingIt() throws IOException {
        Path in = Files.createDirectories(dir.resolve("locked-in"));
        ImageIo.writePng(noise(40, 40, 7), in.resolve("a.png"));
        Path out = dir.resolve("locked-out");
        try (FolderLock lock = FolderLock.acquire(out)) {
            CliRun r = CliRun.of("infer", "--model", archive.toString(), "--input", in.toString(), "--out", out.toString());
            assertEquals(ExitCodes.USAGE, r.code(), r.err());
            assertTrue(r.err().contains(out + " is in use"), r.err());
            assertTrue(!Files.exists(out.resolve("a.uv.png")), "nothing written");
        }
        CliRun r = CliRun.of("-q", "infer", "--model", archive.toString(), "--input", in.toString(), "--out", out.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
    }

    @Test
    void positionalGlobsAndListFilesAreExpanded() throws IOException {
        Path in = Files.createDirectories(dir.resolve("glob-in"));
        ImageIo.writePng(noise(40, 40, 7), in.resolve("g1.png"));
        ImageIo.writePng(noise(40, 40, 8), in.resolve("g2.png"));
        ImageIo.writePng(noise(40, 40, 9), in.resolve("other.png"));
        Files.writeString(in.resolve("list.txt"), "# one more\nother.png\n");
        Path out = dir.resolve("glob-out");
        CliRun r = CliRun.of("-q", "infer", "--model", archive.toString(), in + "/g*.png", "@" + in.resolve("list.txt"),
                "--formats", "json", "--out", out.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.out().contains("3 faces: 3 written"), r.out());
        for (String id : new String[] {"g1", "g2", "other"}) {
            assertTrue(Files.isRegularFile(out.resolve(id + ".landmarks.json")), id);
        }
        CliRun none = CliRun.of("-q", "infer", "--model", archive.toString(), in + "/*.gif", "--out", out.toString());
        assertEquals(ExitCodes.BAD_INPUT, none.code(), none.err());
        assertTrue(none.err().contains("*.gif"), none.err());
    }

    @Test
    void ptsLocalisationCropsFromTheLandmarks() throws IOException {
        Path in = Files.createDirectories(dir.resolve("pts-in"));
        ImageIo.writePng(noise(80, 64, 2), in.resolve("bob.png"));
        PtsWriter.write(in.resolve("bob.pts"), landmarksIn(80, 64, 3));
        Path out = dir.resolve("pts-out");
        CliRun r = CliRun.of("-q", "infer", "--model", archive.toString(), "--input", in.toString(),
                "--crop", "pts", "--landmarks", "argmin", "--formats", "json,pts", "--out", out.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        String json = Files.readString(out.resolve("bob.landmarks.json"));
        assertTrue(json.contains("\"landmark_mode\" : \"argmin\""), json);
        assertTrue(!Files.exists(out.resolve("bob.uv.png")), "only the selected formats");
    }

    @Test
    void boxesCsvLocatesSeveralFacesPerImage() throws IOException {
        Path in = Files.createDirectories(dir.resolve("box-in"));
        ImageIo.writePng(noise(100, 60, 4), in.resolve("group.png"));
        Files.writeString(in.resolve("boxes.csv"), "image,x,y,w,h\ngroup.png,5,5,30,30\ngroup.png,50,10,40,40\n");
        Path out = dir.resolve("box-out");
        CliRun r = CliRun.of("-q", "infer", "--model", archive.toString(), "--boxes",
                in.resolve("boxes.csv").toString(), "--formats", "json", "--out", out.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(Files.isRegularFile(out.resolve("group_0.landmarks.json")));
        assertTrue(Files.isRegularFile(out.resolve("group_1.landmarks.json")));
    }

    @Test
    void facesAreFoundByTheDetectorAndImagesWithoutAFaceAreListedAsFailures() throws IOException {
        // a project-made image with two rendered faces (face-api finds both at input 608), beside a noise photo
        Path faces = Path.of("../densereg-core/src/test/resources/org/densereg/detect/synthetic-row.png");
        assertTrue(Files.isRegularFile(faces), faces.toAbsolutePath().toString());
        Path in = Files.createDirectories(dir.resolve("detect-in"));
        Files.copy(faces, in.resolve("row.png"));
        ImageIo.writePng(noise(90, 60, 11), in.resolve("noise.png"));
        Path out = dir.resolve("detect-out");
        CliRun r = CliRun.of("-q", "infer", "--model", archive.toString(), in.toString(), "--formats", "json",
                "--out", out.toString());
        assertEquals(ExitCodes.BAD_INPUT, r.code(), "an image gave nothing: " + r.err());
        assertTrue(r.out().contains("3 faces: 2 written, 0 existing, 1 failed"), r.out());
        assertTrue(r.out().contains("face detector: 2 face(s) in 2 image(s), 1 image(s) without a face"), r.out());
        assertTrue(Files.readString(out.resolve("failures.csv")).contains("noise," + in.resolve("noise.png")
                + ",\"no face found by the face detector"), Files.readString(out.resolve("failures.csv")));
        String face0 = Files.readString(out.resolve("row_face0.landmarks.json"));
        assertTrue(face0.contains("\"detection\"") && face0.contains("\"faces_in_image\" : 2"), face0);
        assertTrue(Files.isRegularFile(out.resolve("row_face1.landmarks.json")));
        String summary = Files.readString(out.resolve("summary.json"));
        assertTrue(summary.contains("\"localisation\" : \"auto\"") && summary.contains("\"images_without_faces\"")
                && summary.contains(in.resolve("noise.png").toString()) && summary.contains("\"id\" : \"row_face1\""),
                summary);

        Path one = dir.resolve("detect-one");
        CliRun best = CliRun.of("-q", "infer", "--model", archive.toString(), in.resolve("row.png").toString(),
                "--crop", "detect", "--max-faces", "1", "--detect-threshold", "0.6", "--formats", "json",
                "--out", one.toString());
        assertEquals(ExitCodes.OK, best.code(), best.err());
        assertTrue(Files.isRegularFile(one.resolve("row_face0.landmarks.json")));
        assertTrue(!Files.exists(one.resolve("row_face1.landmarks.json")), "--max-faces 1");

        CliRun badSize = CliRun.of("infer", "--model", archive.toString(), in.toString(), "--detect-size", "100",
                "--out", dir.resolve("x").toString());
        assertEquals(ExitCodes.USAGE, badSize.code());
        assertTrue(badSize.err().contains("multiple of 32"), badSize.err());
    }

    @Test
    void usageAndModelErrors() {
        CliRun noBoxes = CliRun.of("infer", "--model", archive.toString(), "--crop", "boxes", "--out",
                dir.resolve("x").toString());
        assertEquals(ExitCodes.USAGE, noBoxes.code());
        assertTrue(noBoxes.err().contains("--boxes"), noBoxes.err());
        CliRun badFormat = CliRun.of("infer", "--model", archive.toString(), "--input", dir.toString(),
                "--formats", "uv,gif", "--out", dir.resolve("x").toString());
        assertEquals(ExitCodes.USAGE, badFormat.code());
        CliRun noModel = CliRun.of("infer", "--model", "no-such-model", "--input", dir.toString(),
                "--out", dir.resolve("x").toString());
        assertEquals(ExitCodes.BAD_INPUT, noModel.code(), noModel.err());
        assertTrue(noModel.err().contains("no-such-model.densereg.zip"), noModel.err());
    }

    @Test
    void bundledModelNamesResolveUnderDenseregHome() throws IOException {
        Path home = dir.resolve("home");
        Files.createDirectories(home.resolve("models"));
        Files.copy(archive, home.resolve("models/tiny-demo.densereg.zip"));
        String before = System.getProperty("densereg.home");
        System.setProperty("densereg.home", home.toString());
        try {
            assertEquals(home.resolve("models/tiny-demo.densereg.zip"),
                    org.densereg.cli.support.ModelResolver.resolve("tiny-demo"));
            Files.writeString(home.resolve("models/tiny-demo.densereg.zip.sha256"),
                    org.densereg.io.Sha256.hex(archive) + "  tiny-demo.densereg.zip\n");
            assertEquals(home.resolve("models/tiny-demo.densereg.zip"),
                    org.densereg.cli.support.ModelResolver.resolve("tiny-demo"));
            Files.writeString(home.resolve("models/tiny-demo.densereg.zip.sha256"), "0".repeat(64) + "\n");
            CliRun damaged = CliRun.of("infer", "--model", "tiny-demo", "--input", dir.toString(), "--out",
                    dir.resolve("x").toString());
            assertEquals(ExitCodes.BAD_INPUT, damaged.code());
            assertTrue(damaged.err().contains("damaged"), damaged.err());
            CliRun verify = CliRun.of("models", "verify");
            assertEquals(ExitCodes.BAD_INPUT, verify.code(), verify.out());
            assertTrue(verify.out().contains("tiny-demo        DAMAGED"), verify.out());
            CliRun list = CliRun.of("models", "list");
            assertEquals(ExitCodes.OK, list.code());
            assertTrue(list.out().contains("tiny-demo"), list.out());
        } finally {
            if (before == null) {
                System.clearProperty("densereg.home");
            } else {
                System.setProperty("densereg.home", before);
            }
        }
    }

    @Test
    void evaluateAModelOnAFolderOfImagesWithPts() throws IOException {
        Path faces = dir.resolve("eval-faces");
        CliRun synth = CliRun.of("-q", "synth", "--out", faces.toString(), "--count", "2", "--size", "64");
        assertEquals(ExitCodes.OK, synth.code(), synth.err());
        Path out = dir.resolve("eval-out");
        CliRun r = CliRun.of("-q", "evaluate", "--dataset", "300w", "--gt", faces.toString(), "--model",
                archive.toString(), "--out", out.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.out().contains("NME"), r.out());
        assertTrue(Files.isRegularFile(out.resolve("predictions/synth_00001.pts")));
        assertTrue(Files.isRegularFile(out.resolve("report.md")));
        String metrics = Files.readString(out.resolve("metrics.json"));
        assertTrue(metrics.contains("archive_sha256") && metrics.contains("ground-truth landmarks"), metrics);
        assertTrue(metrics.contains("\"eval-faces.nme\""), metrics);

        CliRun both = CliRun.of("evaluate", "--dataset", "300w", "--gt", faces.toString(), "--model",
                archive.toString(), "--predictions", out.toString(), "--out", out.toString());
        assertEquals(ExitCodes.USAGE, both.code());
        CliRun body = CliRun.of("evaluate", "--dataset", "lsp", "--gt", faces.toString(), "--model",
                archive.toString(), "--out", out.toString());
        assertEquals(ExitCodes.USAGE, body.code());
    }
}
