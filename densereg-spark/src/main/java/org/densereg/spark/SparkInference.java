package org.densereg.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.spark.SparkJobInfo;
import org.apache.spark.SparkStageInfo;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.densereg.infer.Inference;
import org.densereg.infer.InferenceItem;
import org.densereg.infer.InferencePipeline;
import org.densereg.infer.InferenceRequest;
import org.densereg.infer.InferenceRequestException;
import org.densereg.infer.InferenceSummary;
import org.densereg.io.BadInputException;
import org.densereg.io.Sha256;
import org.densereg.model.ModelArchive;
import org.densereg.runtime.ProgressListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code densereg infer} on Apache Spark: the same request ({@link InferenceRequest}), the same per-item outputs,
 * {@code summary.json} and {@code failures.csv} as {@link Inference#run}, with the items spread over the executors.
 *
 * <p>The driver reads the archive, plans the run ({@link Inference#plan}: task, formats, inputs scanned, exactly as
 * {@code densereg infer} does; with the dense-to-3D cascade it also reads the morphable model and checks it against the
 * archive's template), skips items whose outputs are complete (resumable), broadcasts the archive's bytes and sends
 * the other items out in partitions. Each executor loads the model once, after checking the bytes' SHA-256, and with
 * the cascade reads the morphable model once ({@link ExecutorPipelines}), and runs {@link InferencePipeline#runPart} over each of its partitions, writing the
 * per-item files into the output folder; the driver adds up the parts ({@link InferencePipeline#summarise}) and writes
 * {@code summary.json} and {@code failures.csv}. Bad items are lines in {@code failures.csv}, not failed tasks.
 *
 * <p>Outputs are byte-identical to a single-process run except {@code summary.json}'s timings: {@code seconds} (the
 * driver's wall time), {@code network_seconds} (summed over the executors, so {@code network_busy_fraction} may exceed
 * 1) and {@code <items>_per_second}. On a cluster the inputs and the output folder must be on a file system that the
 * driver and every executor see at the same paths, and so must a morphable model given as a path
 * ({@code --fit3d-model}); relative image and model paths are then made absolute against the driver's working folder
 * (image paths are recorded so in the outputs), since executors run in folders of their own.
 */
public final class SparkInference {

    private static final Logger LOG = LoggerFactory.getLogger(SparkInference.class);

    private SparkInference() {
    }

    /**
     * Runs a request on a Spark context. The caller locks the output folder ({@link org.densereg.io.FolderLock}) as
     * {@code densereg infer} does.
     *
     * @param sc         the Spark context
     * @param request    what to run, as for {@link Inference#run}
     * @param partitions partitions to spread the items over, or 0 for four per core of the context
     *                   ({@code defaultParallelism}), at most one per item
     * @param progress   progress sink, advanced as partitions finish
     * @return the task, the inputs found and the summary
     * @throws InferenceRequestException when the request does not fit the model's task (a usage error)
     * @throws BadInputException         when the archive is not a face or body model, its network does not fit its
     *                                   task, or the inputs hold no image (and no unusable input)
     * @throws IOException               when inputs cannot be read or the summary not written
     * @throws SparkJobException         when the Spark job fails (an executor lost, a worker error)
     */
    public static Inference.Result run(JavaSparkContext sc, InferenceRequest request, int partitions,
            ProgressListener progress) throws IOException {
        if (partitions < 0) {
            throw new IllegalArgumentException("partitions must be >= 0, got " + partitions);
        }
        Path archive = request.archive();
        if (!Files.isRegularFile(archive)) {
            throw new BadInputException(archive, "model archive not found");
        }
        byte[] bytes = Files.readAllBytes(archive);
        String sha = Sha256.hex(bytes);
        ModelArchive.Loaded loaded = ModelArchive.read(bytes, archive);
        Inference.Plan plan = Inference.plan(request, loaded, progress);
        // the driver's pipeline (complete items, summary.json) fits with the plan's fitter: no second model read
        InferencePipeline<?, ?> pipeline = Inference.pipeline(loaded, request, plan);
        long start = System.nanoTime(); // as Inference.run: the run's time, after the model is read and inputs scanned
        List<ItemRecord> todo = new ArrayList<>();
        int existing = 0;
        for (InferenceItem item : plan.scan().items()) {
            if (pipeline.isComplete(item)) {
                existing++;
            } else {
                todo.add(ItemRecord.of(sc.isLocal() ? item : absolute(item)));
            }
        }
        PipelineSpec spec = PipelineSpec.of(archive, sha, plan, request, !sc.isLocal());
        int slices = Math.max(1, Math.min(todo.size(), partitions > 0 ? partitions : 4 * sc.defaultParallelism()));
        LOG.info("{} {} to predict ({} existing) in {} partitions on {} ({} cores)", todo.size(), items(plan),
                existing, slices, sc.master(), sc.defaultParallelism());
        progress.start("infer", todo.size());
        List<PartRecord> records = todo.isEmpty() ? List.of() : runJob(sc, spec, bytes, todo, slices, progress);
        List<InferencePipeline.Part> parts = new ArrayList<>();
        for (PartRecord r : records) {
            parts.add(r.toPart());
        }
        InferenceSummary summary = InferencePipeline.summarise(plan.scan().items().size()
                + plan.scan().problems().size(), existing, plan.scan().problems(), parts,
                (System.nanoTime() - start) / 1e9);
        progress.finish(String.format(Locale.ROOT, "%d written, %d existing, %d failed, %.1f %s/s", summary.written(),
                existing, summary.failed(), summary.itemsPerSecond(), items(plan)));
        pipeline.writeSummary(summary, plan.info());
        return new Inference.Result(plan.task(), plan.scan(), summary, plan.detection());
    }

    private static List<PartRecord> runJob(JavaSparkContext sc, PipelineSpec spec, byte[] bytes, List<ItemRecord> todo,
            int slices, ProgressListener progress) throws IOException {
        Broadcast<byte[]> shared = sc.broadcast(bytes);
        sc.setJobDescription("densereg infer: " + todo.size() + " items");
        try {
            JavaFutureAction<List<PartRecord>> job = sc.parallelize(todo, slices)
                    .mapPartitions(new PartitionRunner(spec, shared)).collectAsync();
            long reported = 0;
            while (true) {
                try {
                    return job.get(500, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    long done = doneItems(sc, job, todo.size(), slices);
                    if (done > reported) {
                        reported = done;
                        progress.advance(done, "");
                    }
                } catch (ExecutionException e) {
                    throw new SparkJobException("the Spark job failed: " + e.getCause().getMessage(), e.getCause());
                } catch (InterruptedException e) {
                    job.cancel(true);
                    Thread.currentThread().interrupt();
                    throw new SparkJobException("interrupted while waiting for the Spark job", e);
                }
            }
        } finally {
            shared.destroy();
            ExecutorPipelines.release(spec);
        }
    }

    /** Items of finished partitions, estimated from the job's finished tasks (partitions are of near-equal size). */
    private static long doneItems(JavaSparkContext sc, JavaFutureAction<?> job, int items, int slices) {
        int finished = 0;
        for (int id : job.jobIds()) {
            SparkJobInfo info = sc.statusTracker().getJobInfo(id);
            if (info == null) {
                continue;
            }
            for (int stage : info.stageIds()) {
                SparkStageInfo s = sc.statusTracker().getStageInfo(stage);
                if (s != null) {
                    finished += s.numCompletedTasks();
                }
            }
        }
        return (long) items * Math.min(finished, slices) / slices;
    }

    private static String items(Inference.Plan plan) {
        return Inference.BODY.equals(plan.task()) ? "persons" : "faces";
    }

    /** The item with its image path made absolute against the driver's working folder. */
    private static InferenceItem absolute(InferenceItem item) {
        return new InferenceItem(item.id(), item.image().toAbsolutePath(), item.landmarks(), item.box());
    }
}
