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
import org.densereg.data.face.FaceCrop;
import org.densereg.io.AtomicFiles;
import org.densereg.io.BadInputException;
import org.densereg.io.ImageIo;
import org.densereg.runtime.ProgressListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Batch inference over many faces with a small pipeline: image decoding and cropping of the next batch and file
 * writing of the previous ones run on worker threads while the network runs the current batch. Faces whose
 * outputs are complete are skipped (resumable). A face whose image cannot be read or whose crop is invalid, or
 * whose outputs cannot be written, is listed in {@code failures.csv} and the run goes on. Writes
 * {@code summary.json} and {@code failures.csv} into the output folder at the end (atomically).
 *
 * <p>Outputs are byte-identical whatever the thread count and batch size: the predictor runs one forward pass
 * per face, so the batch size only sets how many faces are decoded ahead and handed to the predictor at once.
 * Not thread-safe: one {@link #run} at a time.
 */
public final class FaceInferenceRun {

    private static final Logger LOG = LoggerFactory.getLogger(FaceInferenceRun.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * Run options.
     *
     * @param batchSize faces decoded ahead and handed to the predictor together, ≥ 1 (each still gets its own
     *                  forward pass, so outputs do not depend on it)
     * @param threads   worker threads for decoding and writing, ≥ 1
     */
    public record Options(int batchSize, int threads) {
        /** Validates the values. */
        public Options {
            if (batchSize < 1 || threads < 1) {
                throw new IllegalArgumentException("batchSize and threads must be >= 1, got " + batchSize + ", " + threads);
            }
        }
    }

    /**
     * A face or input that could not be processed.
     *
     * @param id     face id (or the input's name)
     * @param image  the file concerned
     * @param reason what went wrong
     */
    public record Failure(String id, Path image, String reason) {
    }

    /**
     * What a run did.
     *
     * @param total            faces (and unusable inputs) considered
     * @param written          faces predicted and written
     * @param existing         faces skipped because their outputs were complete
     * @param failed           faces and inputs that failed (see {@code failures})
     * @param withoutLandmarks written faces whose maps had no foreground (no landmarks, no {@code .pts})
     * @param seconds          wall time of the run
     * @param networkSeconds   time spent in the predictor: forward passes plus decoding, parts and landmark
     *                         extraction (the stage the pipeline keeps busy)
     * @param failures         every failure, sorted by id
     */
    public record Summary(int total, int written, int existing, int failed, int withoutLandmarks, double seconds,
            double networkSeconds, List<Failure> failures) {

        /** Written faces per second of wall time. */
        public double facesPerSecond() {
            return seconds > 0 ? written / seconds : 0;
        }
    }

    private final FacePredictor predictor;
    private final FaceOutputWriter writer;
    private final Options options;

    /**
     * @param predictor the model
     * @param writer    where and what to write
     * @param options   batch size and threads
     */
    public FaceInferenceRun(FacePredictor predictor, FaceOutputWriter writer, Options options) {
        this.predictor = predictor;
        this.writer = writer;
        this.options = options;
    }

    /** A decoded face ready for the network, or its failure. */
    private record Prepared(InferenceItem item, BufferedImage image, FaceCrop crop, BufferedImage input, Failure failure) {
    }

    /**
     * Runs over the faces.
     *
     * @param items         faces to predict (ids unique)
     * @param inputFailures inputs already known to be unusable (e.g. bad annotation files); listed in failures.csv
     * @param progress      progress sink
     * @param info          extra entries for {@code summary.json} (model, inputs, options)
     * @return the summary (also written as {@code summary.json})
     * @throws IOException when the summary files cannot be written
     */
    public Summary run(List<InferenceItem> items, List<Failure> inputFailures, ProgressListener progress,
            Map<String, Object> info) throws IOException {
        long start = System.nanoTime();
        List<Failure> failures = Collections.synchronizedList(new ArrayList<>(inputFailures));
        List<InferenceItem> todo = new ArrayList<>();
        int existing = 0;
        for (InferenceItem item : items) {
            if (writer.isComplete(item.id())) {
                existing++;
            } else {
                todo.add(item);
            }
        }
        AtomicInteger written = new AtomicInteger();
        AtomicInteger noLandmarks = new AtomicInteger();
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
            List<Future<Prepared>> next = n == 0 ? List.of() : prepare(pool, todo.subList(0, Math.min(bs, n)));
            for (int from = 0; from < n; from += bs) {
                List<Prepared> batch = new ArrayList<>();
                for (Future<Prepared> f : next) {
                    batch.add(get(f));
                }
                int nextFrom = from + bs;
                next = nextFrom < n ? prepare(pool, todo.subList(nextFrom, Math.min(nextFrom + bs, n))) : List.of();
                List<Prepared> ok = new ArrayList<>();
                for (Prepared p : batch) {
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
                List<FacePrediction> predictions = predictor.predictCrops(ok.stream().map(Prepared::input).toList(),
                        ok.stream().map(Prepared::crop).toList());
                networkNanos += System.nanoTime() - t0;
                for (int i = 0; i < ok.size(); i++) {
                    Prepared p = ok.get(i);
                    FacePrediction prediction = predictions.get(i);
                    writes.add(pool.submit(() -> {
                        try {
                            writer.write(p.item().id(), p.item().image(), p.image(), prediction, predictor.mode());
                            written.incrementAndGet();
                            if (!prediction.hasLandmarks()) {
                                noLandmarks.incrementAndGet();
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
                noLandmarks.get(), seconds, networkNanos / 1e9, sorted);
        progress.finish(String.format(Locale.ROOT, "%d written, %d existing, %d failed, %.1f faces/s",
                summary.written(), existing, summary.failed(), summary.facesPerSecond()));
        writeSummary(summary, info);
        return summary;
    }

    private List<Future<Prepared>> prepare(ExecutorService pool, List<InferenceItem> items) {
        List<Future<Prepared>> futures = new ArrayList<>(items.size());
        int size = predictor.inputSize();
        for (InferenceItem item : items) {
            futures.add(pool.submit(() -> {
                try {
                    BufferedImage image = ImageIo.read(item.image());
                    FaceCrop crop = item.crop(image.getWidth(), image.getHeight(), size);
                    return new Prepared(item, image, crop, crop.toImage(image), null);
                } catch (IOException | BadInputException e) {
                    return new Prepared(item, null, null, null, new Failure(item.id(), item.image(), e.getMessage()));
                } catch (IllegalArgumentException e) {
                    return new Prepared(item, null, null, null, new Failure(item.id(), item.image(),
                            "cannot locate the face: " + e.getMessage()));
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

    private void writeSummary(Summary s, Map<String, Object> info) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("faces", s.total());
        root.put("written", s.written());
        root.put("existing", s.existing());
        root.put("failed", s.failed());
        root.put("without_landmarks", s.withoutLandmarks());
        root.put("seconds", s.seconds());
        root.put("network_seconds", s.networkSeconds());
        root.put("network_busy_fraction", s.seconds() > 0 ? s.networkSeconds() / s.seconds() : 0);
        root.put("faces_per_second", s.facesPerSecond());
        root.put("batch_size", options.batchSize());
        root.put("threads", options.threads());
        root.put("landmark_mode", predictor.mode().name().toLowerCase(Locale.ROOT));
        root.put("input_size", predictor.inputSize());
        root.putAll(info);
        AtomicFiles.writeBytes(writer.outDir().resolve("summary.json"), JSON.writeValueAsBytes(root));
        StringBuilder csv = new StringBuilder("id,image,reason\n");
        for (Failure f : s.failures()) {
            csv.append(csv(f.id())).append(',').append(csv(String.valueOf(f.image()))).append(',')
                    .append(csv(f.reason())).append('\n');
        }
        AtomicFiles.writeString(writer.outDir().resolve("failures.csv"), csv.toString());
        if (s.failed() > 0) {
            LOG.warn("{} face(s) failed, see {}", s.failed(), writer.outDir().resolve("failures.csv"));
        }
    }

    private static String csv(String value) {
        String v = value == null ? "" : value.replace('\n', ' ');
        return v.contains(",") || v.contains("\"") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }
}
