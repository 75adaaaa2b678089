package org.densereg.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.densereg.infer.InferenceItem;
import org.densereg.infer.InferencePipeline;
import org.densereg.runtime.ProgressListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The work of one Spark task: predicts and writes the items of its partition with the executor's pipeline
 * ({@link ExecutorPipelines}) and returns what it did as one {@link PartRecord}. An item that cannot be read, located
 * or written is a failure in the record, never a failed task.
 */
final class PartitionRunner implements FlatMapFunction<Iterator<ItemRecord>, PartRecord> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(PartitionRunner.class);

    private final PipelineSpec spec;
    private final Broadcast<byte[]> archive;

    /**
     * @param spec    the run's spec
     * @param archive the archive's bytes, broadcast
     */
    PartitionRunner(PipelineSpec spec, Broadcast<byte[]> archive) {
        this.spec = spec;
        this.archive = archive;
    }

    @Override
    public Iterator<PartRecord> call(Iterator<ItemRecord> records) throws IOException {
        List<InferenceItem> items = new ArrayList<>();
        records.forEachRemaining(r -> items.add(r.toItem()));
        if (items.isEmpty()) {
            return List.<PartRecord>of().iterator();
        }
        InferencePipeline<?, ?> pipeline = ExecutorPipelines.get(spec, archive::value);
        InferencePipeline.Part part = pipeline.runPart(items, ProgressListener.NONE);
        TaskContext task = TaskContext.get();
        LOG.info("partition {}: {} written, {} failed", task == null ? "?" : task.partitionId(), part.written(),
                part.failures().size());
        return List.of(PartRecord.of(part)).iterator();
    }
}
