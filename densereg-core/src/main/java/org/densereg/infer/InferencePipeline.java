package org.densereg.infer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.densereg.infer.FaceInferenceRun.Failure;
import org.densereg.infer.FaceInferenceRun.Options;
import org.densereg.infer.FaceInferenceRun.Summary;
import org.densereg.io.AtomicFiles;
import org.densereg.io.BadInputException;
import org.densereg.io.ImageIo;
import org.densereg.runtime.ProgressListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The batch-inference pipeline shared by faces ({@link FaceInferenceRun}) and bodies ({@link BodyInferenceRun}):
 * image decoding and cropping of the next batch and file writing of the previous ones run on worker threads while
 * the predictor runs the current batch; complete items are skipped (resumable); an item whose image cannot be read,
 * whose crop is invalid or whose outputs cannot be written is listed in {@code failures.csv} and the run goes on;
 * {@code summary.json} and {@code failures.csv} are written atomically at the end. Not thread-safe.
 *
 * @param <C> the crop type
 * @param <P> the prediction type
 */
final class InferencePipeline<C, P> {

    private static final Logger LOG = LoggerFactory.getLogger(InferencePipeline.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** What the pipeline needs of a task (faces or bodies). */
    interface Task<C, P> {
        /** The output folder. */
        Path outDir();

        /** True when the item's outputs exist from an earlier run. */
        boolean isComplete(String id);

        /** The item's crop at the network input size; IllegalArgumentException when it cannot be located. */
        C crop(InferenceItem item, int width, int height);

        /** The network input of a crop of an image. */
        BufferedImage input(C crop, BufferedImage image);

        /** Predictions of network inputs, in order (one forward pass each). */
        List<P> predict(List<BufferedImage> inputs, List<C> crops);

        /** Writes an item's outputs. */
        void write(InferenceItem item, BufferedImage image, P prediction) throws IOException;

        /** True when a prediction lacks its points (landmarks or joints), counted in the summary. */
        boolean lacksPoints(P prediction);
    }

    /**
     * Names in messages and in {@code summary.json}.
     *
     * @param singular   "face" or "person"
     * @param plural     "faces" or "persons" (the count key; {@code <plural>_per_second})
     * @param lackingKey summary key of the {@link Task#lacksPoints} count
     */
    record Names(String singular, String plural, String lackingKey) {
    }

    private final Task<C, P> task;
    private final Options options;
    private final Names names;

    InferencePipeline(Task<C, P> task, Options options, Names names) {
        this.task = task;
        this.options = options;
        this.names = names;
    }

    /** A decoded item ready for the network, or its failure. */
    private record Prepared<C>(InferenceItem item, BufferedImage image, C crop, BufferedImage input, Failure failure) {
    }

    /**
     * Runs over the items.
     *
     * @param items         items to predict (ids unique)
     * @param inputFailures inputs already known to be unusable; listed in failures.csv
     * @param progress      progress sink
     * @param settings      task entries for {@code summary.json} after batch size and threads
     * @param info          extra entries for {@code summary.json} (model, inputs, options)
     * @return the summary (also written as {@code summary.json})
     * @throws IOException when the summary files cannot be written
     */
    Summary run(List<InferenceItem> items, List<Failure> inputFailures, ProgressListener progress,
            Map<String, Object> settings, Map<String, Object> info) throws IOException {
        long start = System.nanoTime();
        List<Failure> failures = Collections.synchronizedList(new ArrayList<>(inputFailures));
        List<InferenceItem> todo = new ArrayList<>();
        int existing = 0;
        for (InferenceItem item : items) {
            if (task.isComplete(item.id())) {
                existing++;
            } else {
                todo.add(item);
            }
        }
        AtomicInteger written = new AtomicInteger();
        AtomicInteger lacking = new AtomicInteger();
        AtomicLong done = new AtomicLong();
        long networkNanos = 0;
        progress.start("infer", todo.size());
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
                    batch.add(get(f));
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
                List<P> predictions = task.predict(inputs, crops);
                networkNanos += System.nanoTime() - t0;
                for (int i = 0; i < ok.size(); i++) {
                    Prepared<C> p = ok.get(i);
                    P prediction = predictions.get(i);
                    writes.add(pool.submit(() -> {
                        try {
                            task.write(p.item(), p.image(), prediction);
                            written.incrementAndGet();
                            if (task.lacksPoints(prediction)) {
                                lacking.incrementAndGet();
                            }
                        } catch (IOException | BadInputException e) {
                            failures.add(new Failure(p.item().id(), p.item().image(), "cannot write outputs: " + e));
                        }
                        progress.advance(done.incrementAndGet(), p.item().id());
                        return null;
                    }));
                }
            }
            for (Future<?> f : writes) {
                get(f);
            }
        } finally {
            pool.shutdownNow();
        }
        List<Failure> sorted = new ArrayList<>(failures);
        sorted.sort(Comparator.comparing(Failure::id));
        double seconds = (System.nanoTime() - start) / 1e9;
        Summary summary = new Summary(items.size() + inputFailures.size(), written.get(), existing, sorted.size(),
                lacking.get(), seconds, networkNanos / 1e9, sorted);
        progress.finish(String.format(Locale.ROOT, "%d written, %d existing, %d failed, %.1f %s/s",
                summary.written(), existing, summary.failed(), summary.facesPerSecond(), names.plural()));
        writeSummary(summary, settings, info);
        return summary;
    }

    private List<Future<Prepared<C>>> prepare(ExecutorService pool, List<InferenceItem> items) {
        List<Future<Prepared<C>>> futures = new ArrayList<>(items.size());
        for (InferenceItem item : items) {
            futures.add(pool.submit(() -> {
                try {
                    BufferedImage image = ImageIo.read(item.image());
                    C crop = task.crop(item, image.getWidth(), image.getHeight());
                    return new Prepared<>(item, image, crop, task.input(crop, image), null);
                } catch (IOException | BadInputException e) {
                    return new Prepared<C>(item, null, null, null, new Failure(item.id(), item.image(), e.getMessage()));
                } catch (IllegalArgumentException e) {
                    return new Prepared<C>(item, null, null, null, new Failure(item.id(), item.image(),
                            "cannot locate the " + names.singular() + ": " + e.getMessage()));
                }
            }));
        }
        return futures;
    }

    private static <T> T get(Future<T> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof Error err) {
                throw err;
            }
            if (c instanceof IOException io) {
                throw io;
            }
            throw new UncheckedIOException(new IOException(c));
        }
    }

    private void writeSummary(Summary s, Map<String, Object> settings, Map<String, Object> info) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put(names.plural(), s.total());
        root.put("written", s.written());
        root.put("existing", s.existing());
        root.put("failed", s.failed());
        root.put(names.lackingKey(), s.withoutLandmarks());
        root.put("seconds", s.seconds());
        root.put("network_seconds", s.networkSeconds());
        root.put("network_busy_fraction", s.seconds() > 0 ? s.networkSeconds() / s.seconds() : 0);
        root.put(names.plural() + "_per_second", s.facesPerSecond());
        root.put("batch_size", options.batchSize());
        root.put("threads", options.threads());
        root.putAll(settings);
        root.putAll(info);
        AtomicFiles.writeBytes(task.outDir().resolve("summary.json"), JSON.writeValueAsBytes(root));
        StringBuilder csv = new StringBuilder("id,image,reason\n");
        for (Failure f : s.failures()) {
            csv.append(csv(f.id())).append(',').append(csv(String.valueOf(f.image()))).append(',')
                    .append(csv(f.reason())).append('\n');
        }
        AtomicFiles.writeString(task.outDir().resolve("failures.csv"), csv.toString());
        if (s.failed() > 0) {
            LOG.warn("{} {}(s) failed, see {}", s.failed(), names.singular(), task.outDir().resolve("failures.csv"));
        }
    }

    private static String csv(String value) {
        String v = value == null ? "" : value.replace('\n', ' ');
        return v.contains(",") || v.contains("\"") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }
}
