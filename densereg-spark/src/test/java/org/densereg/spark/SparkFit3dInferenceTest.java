package org.densereg.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.densereg.infer.Fit3dOptions;
import org.densereg.infer.Inference;
import org.densereg.infer.InferenceOptions;
import org.densereg.infer.InferenceRequest;
import org.densereg.infer.InferenceRequestException;
import org.densereg.infer.Localisation;
import org.densereg.infer.UvLandmarkExtractor;
import org.densereg.io.FolderLock;
import org.densereg.runtime.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code densereg-spark infer --fit3d-mesh} in {@code local[2]} against {@link Inference#run} ({@code densereg infer
 * --fit3d-mesh} in one call) on the project's synthetic sample faces: the same files, the fit files (but for their
 * {@code fit_seconds}), meshes, fitted landmarks and {@code summary.json}'s {@code fit3d} settings equal within float
 * round-off, the images byte for byte; and {@code --fit3d} with a body model refused with {@code densereg infer}'s
 * usage error.
 */
class SparkFit3dInferenceTest {

    /** The keys of summary.json that are timings, different between any two runs. */
    private static final Set<String> TIMINGS = Set.of("seconds", "network_seconds", "network_busy_fraction",
            "faces_per_second");

    /** The key of {@code <id>.fit.json} that is a timing. */
    private static final String FIT_TIMING = "fit_seconds";

    /** Largest difference between two numbers of the two runs, relative to max(1, |number|). */
    private static final double ROUND_OFF = 1e-9;

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Path ROOT = Path.of(System.getProperty("densereg.projectRoot", "..")).toAbsolutePath()
            .normalize();

    @Test
    void fit3dOutputsEqualASingleProcessRun(@TempDir Path tmp) throws IOException {
        Path model = ROOT.resolve("models/demo.densereg.zip");
        List<String> inputs = List.of(ROOT.resolve("src-test-data/faces").toString());

        Path single = tmp.resolve("single");
        InferenceRequest request = new InferenceRequest(model, inputs, Path.of(""), false, Localisation.AUTO, null,
                null, UvLandmarkExtractor.Mode.SUBPIXEL, new InferenceOptions(1, 2), single, null,
                Fit3dOptions.fromFlags(false, true, null));
        try (FolderLock lock = FolderLock.acquire(single)) {
            Inference.run(request, ProgressListener.NONE);
        }

        Path spark = tmp.resolve("spark");
        SparkCliRun r = SparkCliRun.of("infer", "--master", "local[2]", "--partitions", "2", "--model",
                model.toString(), "--threads", "2", "--fit3d-mesh", "--input", inputs.get(0), "--out",
                spark.toString());
        assertEquals(DenseRegSparkMain.OK, r.code(), r.err());
        assertTrue(r.out().contains("4 faces: 4 written, 0 existing, 0 failed"), r.out());
        assertEquals(0, ExecutorPipelines.size(), "the run's pipeline is released");

        Set<String> files = SparkInferenceTest.files(single);
        assertEquals(files, SparkInferenceTest.files(spark));
        for (int i = 0; i < 4; i++) {
            String id = "synth_0000" + i;
            assertTrue(files.contains(id + ".fit.json") && files.contains(id + ".obj"), files.toString());
        }
        for (String name : files) {
            byte[] a = Files.readAllBytes(single.resolve(name));
            byte[] b = Files.readAllBytes(spark.resolve(name));
            if (name.equals("summary.json")) {
                ObjectNode sa = (ObjectNode) JSON.readTree(a);
                ObjectNode sb = (ObjectNode) JSON.readTree(b);
                assertTrue(sa.get("fit3d").get("mesh").asBoolean(), sa.toString());
                sa.remove(TIMINGS);
                sb.remove(TIMINGS);
                assertSameNumbers(sa, sb, name);
            } else if (name.endsWith(".json")) {
                JsonNode ja = JSON.readTree(a);
                JsonNode jb = JSON.readTree(b);
                if (name.endsWith(".landmarks.json")) {
                    assertEquals(68, ja.get("fit3d").get("landmarks").size(), name + ": the fitted landmarks");
                }
                if (name.endsWith(".fit.json")) {
                    // the fit's own timing, different between any two runs
                    assertTrue(ja.has(FIT_TIMING), name);
                    ((ObjectNode) ja).remove(FIT_TIMING);
                    ((ObjectNode) jb).remove(FIT_TIMING);
                }
                assertSameNumbers(ja, jb, name);
            } else if (name.endsWith(".obj")) {
                assertSameObj(Files.readAllLines(single.resolve(name)), Files.readAllLines(spark.resolve(name)), name);
            } else {
                assertArrayEquals(a, b, name + " differs");
            }
        }
    }

    @Test
    void fit3dWithABodyModelIsTheSameUsageError(@TempDir Path tmp) {
        Path model = ROOT.resolve("models/lsp-body.densereg.zip");
        String faces = ROOT.resolve("src-test-data/faces").toString();
        InferenceRequest request = new InferenceRequest(model, List.of(faces), Path.of(""), false, Localisation.AUTO,
                null, null, UvLandmarkExtractor.Mode.SUBPIXEL, new InferenceOptions(1, 1), tmp.resolve("single"), null,
                Fit3dOptions.fromFlags(true, false, null));
        InferenceRequestException local = assertThrows(InferenceRequestException.class,
                () -> Inference.run(request, ProgressListener.NONE));
        assertEquals("fit3d", local.setting());

        Path out = tmp.resolve("spark");
        SparkCliRun r = SparkCliRun.of("infer", "--master", "local[2]", "--model", model.toString(), "--fit3d",
                "--input", faces, "--out", out.toString());
        assertEquals(DenseRegSparkMain.USAGE, r.code(), r.err());
        // densereg infer's message: the options given, then what is wrong
        assertTrue(r.err().contains("--fit3d: " + local.what()), r.err());
        assertTrue(r.err().contains("body model"), r.err());
        assertFalse(Files.exists(out.resolve("summary.json")), "nothing written");

        SparkCliRun alone = SparkCliRun.of("infer", "--model", model.toString(), "--fit3d-model", "default",
                "--input", faces, "--out", out.toString());
        assertEquals(DenseRegSparkMain.USAGE, alone.code(), alone.err());
        assertTrue(alone.err().contains("--fit3d-model needs --fit3d or --fit3d-mesh"), alone.err());
    }

    /** The same JSON tree (keys in the same order), numbers within {@link #ROUND_OFF}. */
    private static void assertSameNumbers(JsonNode a, JsonNode b, String where) {
        assertEquals(a.getNodeType(), b.getNodeType(), where);
        if (a.isNumber()) {
            assertClose(a.asDouble(), b.asDouble(), where);
        } else if (a.isObject()) {
            assertEquals(names(a), names(b), where + ": keys and their order");
            for (Iterator<String> it = a.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                assertSameNumbers(a.get(key), b.get(key), where + "." + key);
            }
        } else if (a.isArray()) {
            assertEquals(a.size(), b.size(), where + ": length");
            for (int i = 0; i < a.size(); i++) {
                assertSameNumbers(a.get(i), b.get(i), where + "[" + i + "]");
            }
        } else {
            assertEquals(a, b, where);
        }
    }

    /** The same OBJ lines, numbers within {@link #ROUND_OFF}. */
    private static void assertSameObj(List<String> a, List<String> b, String name) {
        assertEquals(a.size(), b.size(), name + ": lines");
        for (int i = 0; i < a.size(); i++) {
            String[] ta = a.get(i).split(" ");
            String[] tb = b.get(i).split(" ");
            assertEquals(ta.length, tb.length, name + ":" + (i + 1));
            for (int k = 0; k < ta.length; k++) {
                if (ta[0].equals("v") && k > 0) {
                    assertClose(Double.parseDouble(ta[k]), Double.parseDouble(tb[k]), name + ":" + (i + 1));
                } else {
                    assertEquals(ta[k], tb[k], name + ":" + (i + 1));
                }
            }
        }
    }

    private static void assertClose(double a, double b, String where) {
        assertTrue(Math.abs(a - b) <= ROUND_OFF * Math.max(1, Math.abs(a)), where + ": " + a + " against " + b);
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
