package org.densereg.cli.command;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.densereg.cli.option.VerbosityMixin;
import org.densereg.cli.support.CommandFailedException;
import org.densereg.cli.support.ExitCodes;
import org.densereg.data.face.AnnotationScan;
import org.densereg.data.face.DlibXmlReader;
import org.densereg.data.face.ImagePtsFolderReader;
import org.densereg.fit.FitConfig;
import org.densereg.io.FolderLock;
import org.densereg.model3d.MorphableModel;
import org.densereg.model3d.MorphableModels;
import org.densereg.model3d.UvMode;
import org.densereg.supervision.FaceOutcome;
import org.densereg.supervision.FaceSupervisionGenerator;
import org.densereg.supervision.SupervisionOptions;
import org.densereg.supervision.SupervisionSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code densereg supervise}: dense (u, v) ground truth for annotated faces by 3D model fitting. */
@Command(name = "supervise",
        description = {"Fit a 3D morphable model to the 68 landmarks of every face and write crops with dense (u, v)"
                + " ground truth, part labels, landmarks and previews, plus summary.json and failures.csv.",
            "Resumable: faces whose complete output exists are kept."},
        footer = {"", "Exit codes: 0 every face written (or already there), 3 some faces or annotation files were"
                + " bad input (listed in failures.csv, the others were written), 1 I/O failure."})
public final class SuperviseCommand implements Callable<Integer> {

    /** The annotation layouts this command reads. */
    enum Dataset {
        /** 300W-style folders of images with same-stem .pts files (searched recursively). */
        IBUG_300W("300w"),
        /** A dlib/imglab XML file with boxes and 68 parts. */
        DLIB_XML("dlib-xml");

        private final String label;

        Dataset(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    @Mixin
    VerbosityMixin verbosity;

    @Spec
    CommandSpec spec;

    @Option(names = "--dataset", required = true, converter = DatasetConverter.class,
            description = "Annotation layout: 300w (folders of image + .pts, recursive) or dlib-xml.")
    Dataset dataset;

    @Option(names = "--root", required = true,
            description = "300w: the dataset folder; dlib-xml: the XML file (or a folder with exactly one .xml).")
    Path root;

    @Option(names = "--out", required = true, description = "Output folder.")
    Path out;

    @Option(names = "--model", defaultValue = "default",
            description = "Morphable model: default (built in), an SFM or open-format folder, or a BFM .mat (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--uv", defaultValue = "cylindrical",
            description = "UV parameterisation: cylindrical (comparable across models) or model (the file's own UVs) (default: ${DEFAULT-VALUE}).")
    String uv;

    @Option(names = "--size", defaultValue = "256", description = "Crop side in pixels (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--threads", description = "Worker threads (default: number of processors).")
    Integer threads;

    @Option(names = "--iterations", description = "Fitting iterations (default: the fitter's default).")
    Integer iterations;

    @Override
    public Integer call() throws IOException {
        UvMode uvMode = switch (uv) {
            case "cylindrical" -> UvMode.CYLINDRICAL;
            case "model" -> UvMode.MODEL;
            default -> throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--uv must be cylindrical or model, got '" + uv + "'");
        };
        SupervisionOptions options = new SupervisionOptions(size,
                threads == null ? Runtime.getRuntime().availableProcessors() : threads);
        MorphableModel faceModel = MorphableModels.load(model, uvMode);
        FitConfig fitConfig = FitConfig.defaults();
        if (iterations != null) {
            fitConfig = new FitConfig(iterations, fitConfig.shapeRegularisation(), fitConfig.expressionRegularisation(),
                    fitConfig.shapeModes(), fitConfig.fitExpression(), fitConfig.useContours());
        }
        AnnotationScan scan = scan();
        if (scan.faces().isEmpty() && scan.problems().isEmpty()) {
            throw new CommandFailedException(ExitCodes.BAD_INPUT, root + ": no annotated faces found");
        }
        SupervisionSummary summary;
        try (FolderLock lock = FolderLock.acquire(out)) {
            summary = new FaceSupervisionGenerator(faceModel, fitConfig, options).run(scan, out, VerbosityMixin.progress());
        }
        PrintWriter stdout = spec.commandLine().getOut();
        RenamedNote.print(stdout, summary.renamed());
        stdout.printf("model %s, %d faces: %d written, %d existing, %d failed%n", faceModel.name(),
                summary.outcomes().size(), summary.count(FaceOutcome.OK), summary.count(FaceOutcome.EXISTING),
                summary.count(FaceOutcome.FAILED));
        stdout.printf("mean landmark reprojection NME %.4f (outer-eye-corner normalised), mean landmark UV error %.4f%n",
                summary.meanReprojectionNme(), summary.meanUvError());
        stdout.printf("outputs in %s (summary.json, failures.csv)%n", out);
        stdout.flush();
        return summary.count(FaceOutcome.FAILED) > 0 ? ExitCodes.BAD_INPUT : ExitCodes.OK;
    }

    private AnnotationScan scan() throws IOException {
        if (dataset == Dataset.IBUG_300W) {
            if (!Files.isDirectory(root)) {
                throw new CommandFailedException(ExitCodes.BAD_INPUT, root + ": not a folder");
            }
            return ImagePtsFolderReader.scan(root, true);
        }
        Path xml = root;
        if (Files.isDirectory(root)) {
            try (var files = Files.list(root)) {
                var xmls = files.filter(p -> p.getFileName().toString().endsWith(".xml")).sorted().toList();
                if (xmls.size() != 1) {
                    throw new CommandFailedException(ExitCodes.BAD_INPUT, root + ": expected exactly one .xml file, found "
                            + xmls.size() + " (pass the XML file itself)");
                }
                xml = xmls.get(0);
            }
        }
        return DlibXmlReader.scan(xml);
    }

    /** Accepts the dataset labels {@code 300w} and {@code dlib-xml}. */
    static final class DatasetConverter implements picocli.CommandLine.ITypeConverter<Dataset> {
        @Override
        public Dataset convert(String value) {
            for (Dataset d : Dataset.values()) {
                if (d.label.equals(value)) {
                    return d;
                }
            }
            throw new picocli.CommandLine.TypeConversionException("expected 300w or dlib-xml, got '" + value + "'");
        }
    }
}
