package org.densereg.infer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import org.densereg.io.AtomicFiles;
import org.densereg.io.BadInputException;
import org.densereg.io.ImageIo;
import org.densereg.runtime.Futures;
import org.densereg.runtime.ProgressListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task-neutral batch-inference pipeline under faces ({@link FaceInferenceRun}) and bodies ({@link BodyInferenceRun}):
 * image decoding and cropping of the next batch and file writing of the previous ones run on worker threads while
 * the predictor runs the current batch; complete items are skipped (resumable); an item whose image cannot be read,
 * whose crop is invalid or whose outputs cannot be written is listed in {@code failures.csv} and the run goes on;
 * {@code summary.json} and {@code failures.csv} are written atomically at the end. {@link #run} runs one at a time;
 * a distributed run calls {@link #runPart} on its workers (concurrently if need be) and {@link #summarise} and
 * {@link #writeSummary} once.
 *
 * @param <C> the crop type
 * @param <P> the prediction type
 */
public final class InferencePipeline<C, P> {

    private static final Logger LOG = LoggerFactory.getLogger(InferencePipeline.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Locates an item: its crop at the network input size. */
    @FunctionalInterface
    public interface Locator<C> {
        /**
         * @param item   the item
         * @param width  its image's width
         * @param height its image's height
         * @return the crop
         * @throws IllegalArgumentException when the item cannot be located (counted as a failure)
         */
        C crop(InferenceItem item, int width, int height);
    }

    /** Predicts a batch of network inputs, in order (one forward pass each). */
    @FunctionalInterface
    public interface BatchPredictor<C, P> {
        /**
         * @param inputs the network inputs (crops resampled to the input size)
         * @param crops  their crops
         * @return one prediction per input
         */
        List<P> predict(List<BufferedImage> inputs, List<C> crops);
    }

    /** Writes the output files of one item. */
    @FunctionalInterface
    public interface ItemWriter<P> {
        /**
         * @param item       the item
         * @param image      its decoded source image
         * @param prediction its prediction
         * @throws IOException when a file cannot be written (counted as a failure)
         */
        void write(InferenceItem item, BufferedImage image, P prediction) throws IOException;
    }

    /**
     * What the pipeline needs of a task (faces, bodies, or a new kind of item).
     *
     * @param names       names in messages and in {@code summary.json}
     * @param settings    task entries for {@code summary.json}, after batch size and threads
     * @param outputs     the items' output files (folder, completeness)
     * @param locator     the crop of an item
     * @param input       the network input of a crop of an image
     * @param predictor   predictions of a batch
     * @param writer      writes an item's outputs
     * @param lacksPoints true when a prediction lacks its points (landmarks or joints), counted in the summary
     * @param <C>         the crop type
     * @param <P>         the prediction type
     */
    public record Task<C, P>(Names names, Map<String, Object> settings, ItemOutputFiles outputs, Locator<C> locator,
            BiFunction<C, BufferedImage, BufferedImage> input, BatchPredictor<C, P> predictor, ItemWriter<P> writer,
            Predicate<P> lacksPoints) {

        /** Keeps an ordered, unmodifiable copy of the settings. */
        public Task {
            settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        }
    }

    /**
     * Names in messages and in {@code summary.json}.
     *
     * @param singular         "face" or "person"
     * @param plural           "faces" or "persons" (the count key; {@code <plural>_per_second})
     * @param missingPointsKey summary key of {@link InferenceSummary#missingPoints()} (the {@link Task#lacksPoints()}
     *                         count)
     */
    public record Names(String singular, String plural, String missingPointsKey) {
    }

    private final Task<C, P> task;
    private final InferenceOptions options;
    private final Names names;

    /**
     * @param task    the task
     * @param options batch size and threads
     */
    public InferencePipeline(Task<C, P> task, InferenceOptions options) {
        this.task = task;
        this.options = options;
        this.names = task.names();
    }

    /** A decoded item ready for the network, or its failure. */
    private record Prepared<C>(InferenceItem item, BufferedImage image, C crop, BufferedImage input,
            InferenceFailure failure) {
    }

    /**
     * What {@link #runPart} did with its items: the counts and failures that {@link #summarise} adds up.
     *
     * @param written       items predicted and written
     * @param missingPoints written items whose points are incomplete ({@link Task#lacksPoints()})
     * @param networkNanos  time spent in the predictor, in nanoseconds
     * @param failures      items that failed, in the order they failed
     */
    public record Part(int written, int missingPoints, long networkNanos, List<InferenceFailure> failures) {

        /** Copies the failures. */
        public Part {
            failures = List.copyOf(failures);
        }
    }

    /**
     * Runs over the items: skips those whose outputs are complete ({@link #isComplete}), predicts and writes the
     * others ({@link #runPart}), then writes {@code summary.json} and {@code failures.csv} ({@link #writeSummary}).
     *
     * @param items         items to predict (ids unique)
     * @param inputFailures inputs already known to be unusable; listed in failures.csv
     * @param progress      progress sink
     * @param info          extra entries for {@code summary.json} (model, inputs, options)
     * @return the summary (also written as {@code summary.json})
     * @throws IOException when the summary files cannot be written
     */
    public InferenceSummary run(List<InferenceItem> items, List<InferenceFailure> inputFailures, ProgressListener progress,
            Map<String, Object> info) throws IOException {
        long start = System.nanoTime();
        List<InferenceItem> todo = new ArrayList<>();
        int existing = 0;
        for (InferenceItem item : items) {
            if (isComplete(item)) {
                existing++;
            } else {
                todo.add(item);
            }
        }
        progress.start("infer", todo.size());
        Part part = runPart(todo, progress);
        InferenceSummary summary = summarise(items.size() + inputFailures.size(), existing, inputFailures,
                List.of(part), (System.nanoTime() - start) / 1e9);
        progress.finish(String.format(Locale.ROOT, "%d written, %d existing, %d failed, %.1f %s/s",
                summary.written(), existing, summary.failed(), summary.itemsPerSecond(), names.plural()));
        writeSummary(summary, info);
        return summary;
    }

    /**
     * True when the item's outputs exist from an earlier run ({@link ItemOutputFiles#isComplete}); {@link #run}
     * skips such items.
     */
    public boolean isComplete(InferenceItem item) {
        return task.outputs().isComplete(item.id());
    }

    /**
     * Predicts and writes the given items, whether or not their outputs exist, and writes no summary: the part of
     * {@link #run} that a distributed run does on each worker, adding up the parts with {@link #summarise}.
     * Several threads may run parts of one pipeline at once (the predictors serialise their forward passes; each
     * part has its own worker threads).
     *
     * @param todo     items to predict (ids unique across all parts)
     * @param progress advanced once per item
     * @return the counts and failures
     * @throws IOException when a worker thread fails with one (an item's own read and write errors are failures)
     */
    public Part runPart(List<InferenceItem> todo, ProgressListener progress) throws IOException {
        List<InferenceFailure> failures = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger written = new AtomicInteger();
        AtomicInteger lacking = new AtomicInteger();
        AtomicLong done = new AtomicLong();
        long networkNanos = 0;
        ExecutorService pool = Executors.newFixedThreadPool(options.threads(), r -> {
            Thread t = new Thread(r, "densereg-infer");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> writes = new ArrayList<>();
            int n = todo.size();
            int bs = options.batchSize();
            List<Future<Prepared<C>>> next = n == 0 ? List.of() : prepare(pool, todo.subList(0, Math.min(bs, n)));
            for (int from = 0; from < n; from += bs) {
                List<Prepared<C>> batch = new ArrayList<>();
                for (Future<Prepared<C>> f : next) {
                    batch.add(Futures.await(f));
                }
                int nextFrom = from + bs;
                next = nextFrom < n ? prepare(pool, todo.subList(nextFrom, Math.min(nextFrom + bs, n))) : List.of();
                List<Prepared<C>> ok = new ArrayList<>();
                for (Prepared<C> p : batch) {
                    if (p.failure() != null) {
                        failures.add(p.failure());
                        progress.advance(done.incrementAndGet(), "failed " + p.item().id());
                    } else {
                        ok.add(p);
                    }
                }
                if (ok.isEmpty()) {
                    continue;
                }
                long t0 = System.nanoTime();
                List<BufferedImage> inputs = new ArrayList<>(ok.size());
                List<C> crops = new ArrayList<>(ok.size());
                for (Prepared<C> p : ok) {
                    inputs.add(p.input());
                    crops.add(p.crop());
                }
                List<P> predictions = task.predictor().predict(inputs, crops);
                networkNanos += System.nanoTime() - t0;
                for (int i = 0; i < ok.size(); i++) {
                    Prepared<C> p = ok.get(i);
                    P prediction = predictions.get(i);
                    writes.add(pool.submit(() -> {
                        try {
                            task.writer().write(p.item(), p.image(), prediction);
                            written.incrementAndGet();
                            if (task.lacksPoints().test(prediction)) {
                                lacking.incrementAndGet();
                            }
                        } catch (IOException | BadInputException e) {
                            failures.add(new InferenceFailure(p.item().id(), p.item().image(),
                                    "cannot write outputs: " + e));
                        }
                        progress.advance(done.incrementAndGet(), p.item().id());
                        return null;
                    }));
                }
            }
            for (Future<?> f : writes) {
                Futures.await(f);
            }
        } finally {
            pool.shutdownNow();
        }
        return new Part(written.get(), lacking.get(), networkNanos, new ArrayList<>(failures));
    }

    /**
     * Adds up the parts of a run into its summary: counts summed, failures (the inputs' first, then the parts') sorted
     * by id (then image and reason, so that the order does not depend on which part finished first).
     *
     * @param total         items and unusable inputs considered
     * @param existing      items skipped because their outputs were complete
     * @param inputFailures inputs already known to be unusable
     * @param parts         the parts that predicted the other items
     * @param seconds       wall time of the run
     * @return the summary; {@link InferenceSummary#networkSeconds()} is the parts' predictor time added up (more than
     *         the wall time when parts ran at once)
     */
    public static InferenceSummary summarise(int total, int existing, List<InferenceFailure> inputFailures,
            List<Part> parts, double seconds) {
        List<InferenceFailure> sorted = new ArrayList<>(inputFailures);
        int written = 0;
        int lacking = 0;
        long networkNanos = 0;
        for (Part part : parts) {
            sorted.addAll(part.failures());
            written += part.written();
            lacking += part.missingPoints();
            networkNanos += part.networkNanos();
        }
        sorted.sort(Comparator.comparing(InferenceFailure::id)
                .thenComparing(f -> String.valueOf(f.image())).thenComparing(InferenceFailure::reason));
        return new InferenceSummary(total, written, existing, sorted.size(), lacking, seconds, networkNanos / 1e9,
                sorted);
    }

    private List<Future<Prepared<C>>> prepare(ExecutorService pool, List<InferenceItem> items) {
        List<Future<Prepared<C>>> futures = new ArrayList<>(items.size());
        for (InferenceItem item : items) {
            futures.add(pool.submit(() -> {
                try {
                    BufferedImage image = ImageIo.read(item.image());
                    C crop = task.locator().crop(item, image.getWidth(), image.getHeight());
                    return new Prepared<>(item, image, crop, task.input().apply(crop, image), null);
                } catch (IOException | BadInputException e) {
                    return new Prepared<C>(item, null, null, null, new InferenceFailure(item.id(), item.image(),
                            e.getMessage()));
                } catch (IllegalArgumentException e) {
                    return new Prepared<C>(item, null, null, null, new InferenceFailure(item.id(), item.image(),
                            "cannot locate the " + names.singular() + ": " + e.getMessage()));
                }
            }));
        }
        return futures;
    }

    /**
     * Writes {@code summary.json} (the summary's counts and timings, batch size and threads, the task's settings,
     * then {@code info}) and {@code failures.csv} ({@code id,image,reason}, one row per failure) into the output
     * folder, atomically.
     *
     * @param s    the run's summary
     * @param info extra entries for {@code summary.json} (model, inputs, options)
     * @throws IOException when a file cannot be written
     */
    public void writeSummary(InferenceSummary s, Map<String, Object> info) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put(names.plural(), s.total());
        root.put("written", s.written());
        root.put("existing", s.existing());
        root.put("failed", s.failed());
        root.put(names.missingPointsKey(), s.missingPoints());
        root.put("seconds", s.seconds());
        root.put("network_seconds", s.networkSeconds());
        root.put("network_busy_fraction", s.seconds() > 0 ? s.networkSeconds() / s.seconds() : 0);
        root.put(names.plural() + "_per_second", s.itemsPerSecond());
        root.put("batch_size", options.batchSize());
        root.put("threads", options.threads());
        root.putAll(task.settings());
        root.putAll(info);
        Path outDir = task.outputs().outDir();
        AtomicFiles.writeBytes(outDir.resolve("summary.json"), JSON.writeValueAsBytes(root));
        StringBuilder csv = new StringBuilder("id,image,reason\n");
        for (InferenceFailure f : s.failures()) {
            csv.append(csv(f.id())).append(',').append(csv(String.valueOf(f.image()))).append(',')
                    .append(csv(f.reason())).append('\n');
        }
        AtomicFiles.writeString(outDir.resolve("failures.csv"), csv.toString());
        if (s.failed() > 0) {
            LOG.warn("{} {}(s) failed, see {}", s.failed(), names.singular(), outDir.resolve("failures.csv"));
        }
    }

    private static String csv(String value) {
        String v = value == null ? "" : value.replace('\n', ' ');
        return v.contains(",") || v.contains("\"") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }
}
