package org.densereg.spark;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import org.densereg.infer.Inference;
import org.densereg.infer.InferenceOptions;
import org.densereg.infer.InferencePipeline;
import org.densereg.infer.OutputFormat;
import org.densereg.infer.UvLandmarkExtractor;
import org.densereg.model.ModelArchive;

/**
 * Everything an executor needs to build the pipeline of a run ({@link Inference#pipeline}) besides the archive's
 * bytes, in serializable form; equal specs share one pipeline per executor ({@link ExecutorPipelines}).
 *
 * @param archive       the archive's path on the driver (named in messages, recorded in outputs through
 *                      {@code model})
 * @param archiveSha256 SHA-256 of the archive file, checked against the broadcast bytes before they are loaded
 * @param formats       the files to write per item ({@link OutputFormat#cliName()})
 * @param landmarkMode  landmark extraction of face models
 * @param model         the model's provenance, copied into every item's JSON file (insertion order kept)
 * @param batchSize     items decoded ahead of the network
 * @param threads       decoding and writing threads per task
 * @param outDir        the output folder, absolute (on a cluster, on a file system shared with the driver)
 */
record PipelineSpec(String archive, String archiveSha256, List<String> formats, UvLandmarkExtractor.Mode landmarkMode,
        LinkedHashMap<String, Object> model, int batchSize, int threads, String outDir) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Copies the lists. */
    PipelineSpec {
        formats = List.copyOf(formats);
        model = new LinkedHashMap<>(model);
    }

    /** The spec of a planned run. */
    static PipelineSpec of(Path archive, String archiveSha256, Inference.Plan plan, UvLandmarkExtractor.Mode mode,
            InferenceOptions options, Path outDir) {
        return new PipelineSpec(archive.toString(), archiveSha256,
                plan.formats().stream().map(OutputFormat::cliName).toList(), mode, new LinkedHashMap<>(plan.model()),
                options.batchSize(), options.threads(), outDir.toAbsolutePath().toString());
    }

    /** The pipeline of this spec on a loaded archive. */
    InferencePipeline<?, ?> pipeline(ModelArchive.Loaded loaded) {
        Set<OutputFormat> set = EnumSet.noneOf(OutputFormat.class);
        for (String f : formats) {
            set.add(OutputFormat.parse(f));
        }
        return Inference.pipeline(loaded, Path.of(archive), set, landmarkMode, model,
                new InferenceOptions(batchSize, threads), Path.of(outDir));
    }
}
