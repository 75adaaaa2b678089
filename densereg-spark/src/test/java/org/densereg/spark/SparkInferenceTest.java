package org.densereg.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.densereg.infer.Inference;
import org.densereg.infer.InferenceOptions;
import org.densereg.infer.InferenceRequest;
import org.densereg.infer.Localisation;
import org.densereg.infer.UvLandmarkExtractor;
import org.densereg.io.FolderLock;
import org.densereg.runtime.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code densereg-spark infer} in {@code local[2]} against {@link Inference#run} ({@code densereg infer} in one call)
 * on the same inputs: every output file byte for byte, {@code summary.json} but for its timings.
 */
class SparkInferenceTest {

    /** The keys of summary.json that are timings, different between any two runs. */
    private static final Set<String> TIMINGS = Set.of("seconds", "network_seconds", "network_busy_fraction",
            "faces_per_second");

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void outputsAreByteIdenticalToASingleProcessRunAndABadImageIsAFailureLine(@TempDir Path tmp) throws IOException {
        Path root = Path.of(System.getProperty("densereg.projectRoot", "..")).toAbsolutePath().normalize();
        Path model = root.resolve("models/demo.densereg.zip");
        Path in = Files.createDirectories(tmp.resolve("in"));
        Path more = Files.createDirectories(tmp.resolve("more"));
        try (Stream<Path> faces = Files.list(root.resolve("src-test-data/faces"))) {
            for (Path png : faces.filter(p -> p.toString().endsWith(".png")).sorted().toList()) {
                Files.copy(png, in.resolve(png.getFileName()));
                BufferedImage image = ImageIO.read(png.toFile());
                String stem = png.getFileName().toString().replace(".png", "");
                assertTrue(ImageIO.write(image, "jpg", more.resolve(stem + "_copy.jpg").toFile()));
            }
        }
        byte[] png = Files.readAllBytes(in.resolve("synth_00000.png"));
        Files.write(in.resolve("truncated.png"), java.util.Arrays.copyOf(png, png.length / 3));
        // a list file naming the JPEG folder, and one image already in the folder (its id is taken: renamed ~2)
        Path list = Files.writeString(tmp.resolve("images.txt"), "# more faces\nmore\nin/synth_00001.png\n");
        List<String> inputs = List.of(in.toString(), "@" + list);

        Path single = tmp.resolve("single");
        // --crop auto on both sides, the default of densereg infer and of the Spark command
        InferenceRequest request = new InferenceRequest(model, inputs, Path.of(""), false, Localisation.AUTO, null,
                null, UvLandmarkExtractor.Mode.SUBPIXEL, new InferenceOptions(2, 2), single);
        try (FolderLock lock = FolderLock.acquire(single)) {
            Inference.run(request, ProgressListener.NONE);
        }

        Path spark = tmp.resolve("spark");
        List<String> args = new ArrayList<>(List.of("infer", "--master", "local[2]", "--partitions", "3",
                "--model", model.toString(), "--batch", "2", "--threads", "2", "--out", spark.toString()));
        for (String input : inputs) {
            args.add("--input");
            args.add(input);
        }
        StringWriter out = new StringWriter();
        CommandLine cl = DenseRegSparkMain.commandLine();
        cl.setOut(new PrintWriter(out));
        assertEquals(DenseRegSparkMain.BAD_INPUT, cl.execute(args.toArray(String[]::new)), out.toString());
        assertTrue(out.toString().contains("10 faces: 9 written, 0 existing, 1 failed"), out.toString());
        assertEquals(0, ExecutorPipelines.size(), "the run's pipeline is released");

        Set<String> files = files(single);
        assertEquals(files, files(spark));
        assertTrue(files.contains("synth_00001~2.uv.png"), files.toString());
        assertTrue(files.size() > 9 * 6, files.toString());
        for (String name : files) {
            byte[] a = Files.readAllBytes(single.resolve(name));
            byte[] b = Files.readAllBytes(spark.resolve(name));
            if (name.equals("summary.json")) {
                assertSameSummaryButTimings(a, b);
            } else {
                assertArrayEquals(a, b, name + " differs");
            }
        }
        List<String> failures = Files.readAllLines(spark.resolve("failures.csv"));
        assertEquals(2, failures.size(), failures.toString());
        assertTrue(failures.get(1).startsWith("truncated," + in.resolve("truncated.png") + ","), failures.get(1));

        // resumable: a second run finds the outputs and retries only the bad image
        StringWriter again = new StringWriter();
        CommandLine cl2 = DenseRegSparkMain.commandLine();
        cl2.setOut(new PrintWriter(again));
        assertEquals(DenseRegSparkMain.BAD_INPUT, cl2.execute(args.toArray(String[]::new)));
        assertTrue(again.toString().contains("10 faces: 0 written, 9 existing, 1 failed"), again.toString());
    }

    private static void assertSameSummaryButTimings(byte[] single, byte[] spark) throws IOException {
        ObjectNode a = (ObjectNode) JSON.readTree(single);
        ObjectNode b = (ObjectNode) JSON.readTree(spark);
        assertEquals(names(a), names(b), "summary.json keys and their order");
        for (String key : TIMINGS) {
            assertTrue(a.has(key), key);
            a.remove(key);
            b.remove(key);
        }
        assertEquals(a, b, "summary.json but for " + TIMINGS);
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    /** The files of an output folder, relative, sorted; the lock file left out. */
    static Set<String> files(Path folder) throws IOException {
        try (Stream<Path> s = Files.walk(folder)) {
            Set<String> names = new TreeSet<>();
            s.filter(Files::isRegularFile).map(p -> folder.relativize(p).toString())
                    .filter(n -> !n.equals(FolderLock.LOCK_FILE)).forEach(names::add);
            return names;
        }
    }
}
