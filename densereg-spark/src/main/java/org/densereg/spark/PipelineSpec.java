package org.densereg.spark;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import org.densereg.fit.DenseFitConfig;
import org.densereg.infer.Fit3dOptions;
import org.densereg.infer.Inference;
import org.densereg.infer.InferenceOptions;
import org.densereg.infer.InferencePipeline;
import org.densereg.infer.InferenceRequest;
import org.densereg.infer.OutputFormat;
import org.densereg.infer.UvLandmarkExtractor;
import org.densereg.model.ModelArchive;
import org.densereg.model3d.MorphableModels;

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
 * @param fit3d         the dense-to-3D cascade ({@code --fit3d}), or null for none
 */
record PipelineSpec(String archive, String archiveSha256, List<String> formats, UvLandmarkExtractor.Mode landmarkMode,
        LinkedHashMap<String, Object> model, int batchSize, int threads, String outDir, Fit3d fit3d)
        implements Serializable {

    private static final long serialVersionUID = 2L;

    /**
     * {@link Fit3dOptions} in serializable form: each executor reads the morphable model and builds its fitter once
     * per spec ({@link ExecutorPipelines}), from these values.
     *
     * @param mesh                     whether {@code <id>.obj} is written
     * @param morphableModel           the morphable model's spec ({@code default} or a path every executor can read),
     *                                 or null for the archive's template
     * @param rounds                   {@link DenseFitConfig#rounds()}
     * @param maxCorrespondences       {@link DenseFitConfig#maxCorrespondences()}
     * @param shapeRegularisation      {@link DenseFitConfig#shapeRegularisation()}
     * @param expressionRegularisation {@link DenseFitConfig#expressionRegularisation()}
     * @param shapeModes               {@link DenseFitConfig#shapeModes()}
     * @param fitExpression            {@link DenseFitConfig#fitExpression()}
     * @param loss                     {@link DenseFitConfig#loss()}
     * @param tuning                   {@link DenseFitConfig#tuning()}
     */
    record Fit3d(boolean mesh, String morphableModel, int rounds, int maxCorrespondences, double shapeRegularisation,
            double expressionRegularisation, int shapeModes, boolean fitExpression, DenseFitConfig.RobustLoss loss,
            double tuning) implements Serializable {

        private static final long serialVersionUID = 1L;

        /**
         * @param options        the request's cascade
         * @param morphableModel its morphable model's spec as the executors are to read it
         */
        static Fit3d of(Fit3dOptions options, String morphableModel) {
            DenseFitConfig c = options.config();
            return new Fit3d(options.mesh(), morphableModel, c.rounds(), c.maxCorrespondences(),
                    c.shapeRegularisation(), c.expressionRegularisation(), c.shapeModes(), c.fitExpression(), c.loss(),
                    c.tuning());
        }

        /** The cascade's options. */
        Fit3dOptions options() {
            return new Fit3dOptions(mesh, morphableModel, new DenseFitConfig(rounds, maxCorrespondences,
                    shapeRegularisation, expressionRegularisation, shapeModes, fitExpression, loss, tuning));
        }
    }

    /** Copies the lists. */
    PipelineSpec {
        formats = List.copyOf(formats);
        model = new LinkedHashMap<>(model);
    }

    /**
     * The spec of a planned run.
     *
     * @param archive        the archive's path on the driver
     * @param archiveSha256  SHA-256 of the archive file
     * @param plan           the run's plan
     * @param request        the run's request (landmark mode, options, output folder, cascade)
     * @param absoluteModel  whether a morphable model given as a path is made absolute against the driver's working
     *                       folder (on a cluster, where executors run in folders of their own)
     * @return the spec
     */
    static PipelineSpec of(Path archive, String archiveSha256, Inference.Plan plan, InferenceRequest request,
            boolean absoluteModel) {
        Fit3d fit3d = null;
        Fit3dOptions cascade = request.fit3d();
        if (cascade != null) {
            String spec = cascade.morphableModel();
            if (absoluteModel && spec != null && !MorphableModels.DEFAULT.equals(spec)) {
                spec = Path.of(spec).toAbsolutePath().toString();
            }
            fit3d = Fit3d.of(cascade, spec);
        }
        InferenceOptions options = request.options();
        return new PipelineSpec(archive.toString(), archiveSha256,
                plan.formats().stream().map(OutputFormat::cliName).toList(), request.landmarkMode(),
                new LinkedHashMap<>(plan.model()), options.batchSize(), options.threads(),
                request.outDir().toAbsolutePath().toString(), fit3d);
    }

    /**
     * The pipeline of this spec on a loaded archive; with the cascade, the morphable model is read here (once per
     * spec and executor: {@link ExecutorPipelines} keeps the pipeline).
     *
     * @throws IOException when the cascade's morphable model cannot be read
     */
    InferencePipeline<?, ?> pipeline(ModelArchive.Loaded loaded) throws IOException {
        Set<OutputFormat> set = EnumSet.noneOf(OutputFormat.class);
        for (String f : formats) {
            set.add(OutputFormat.parse(f));
        }
        return Inference.pipeline(loaded, Path.of(archive), set, landmarkMode, model,
                new InferenceOptions(batchSize, threads), Path.of(outDir), fit3d == null ? null : fit3d.options());
    }
}
