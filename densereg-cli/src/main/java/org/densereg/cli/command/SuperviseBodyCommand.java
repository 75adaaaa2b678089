package org.densereg.cli.command;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.densereg.cli.option.VerbosityMixin;
import org.densereg.cli.support.CommandFailedException;
import org.densereg.runtime.ConsoleProgressBar;
import org.densereg.cli.support.ExitCodes;
import org.densereg.data.body.BodyAnnotation;
import org.densereg.data.body.BodyAnnotationReader;
import org.densereg.data.body.BodySplit;
import org.densereg.io.FolderLock;
import org.densereg.supervision.body.BodyOutcome;
import org.densereg.supervision.body.BodySupervisionGenerator;
import org.densereg.supervision.body.BodyFraming;
import org.densereg.supervision.body.BodySupervisionOptions;
import org.densereg.supervision.body.BodySupervisionSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code densereg supervise-body}: dense (part, u, v) ground truth for people from their joints. */
@Command(name = "supervise-body",
        description = {"Fit the part-based body template to the joints of every person and write crops with part"
                + " labels, (u, v) maps, IUV images, masks and previews, plus summary.json and failures.csv.",
            "Resumable: items whose complete output exists are kept."},
        footer = {"", "Exit codes: 0 every item written (or already there), 3 some items were bad input (listed in"
                + " failures.csv, the others were written), 1 I/O failure."})
public final class SuperviseBodyCommand implements Callable<Integer> {

    @Mixin
    VerbosityMixin verbosity;

    @Spec
    CommandSpec spec;

    @Option(names = "--dataset", required = true, description = "Annotation layout: lsp (joints.mat + images/imNNNN.jpg), lspet (LSP Extended: joints.mat 14x3xN"
            + " + images/imNNNNN.jpg, training only) or mpii (images/ plus"
            + " mpii_human_pose_v1_u12_1.mat, or annot/train.json + annot/valid.json; the .mat wins when both exist).")
    String dataset;

    @Option(names = "--root", required = true, description = "Dataset folder (see --dataset).")
    Path root;

    @Option(names = "--out", required = true, description = "Output folder.")
    Path out;

    @Option(names = "--size", defaultValue = "256", description = "Crop side in pixels (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--split", defaultValue = "all",
            description = "train, test or all (default: ${DEFAULT-VALUE}). lsp: images 1-1000 / 1001-2000;"
                    + " lspet: train and all = every image (no test split);"
                    + " mpii: the release's img_train flag 1 / 0, or annot/train.json / annot/valid.json.")
    String split;

    @Option(names = "--framing", defaultValue = "joints", paramLabel = "joints|image",
            description = "joints: a square around the annotated joints (default); image: the whole image letterboxed,"
                    + " as infer and the standard LSP protocol see it, so validation on these crops is the standard"
                    + " protocol.")
    String framing;

    @Option(names = "--limit", description = "Only the first N items of the split (quick looks).")
    Integer limit;

    @Option(names = "--threads", description = "Worker threads (default: number of processors).")
    Integer threads;

    @Override
    public Integer call() throws IOException {
        if (!"lsp".equals(dataset) && !"lspet".equals(dataset) && !"mpii".equals(dataset)) {
            throw new ParameterException(spec.commandLine(), "--dataset must be lsp, lspet or mpii, got '" + dataset + "'");
        }
        BodySplit lspSplit = switch (split) {
            case "train" -> BodySplit.TRAIN;
            case "test" -> BodySplit.TEST;
            case "all" -> BodySplit.ALL;
            default -> throw new ParameterException(spec.commandLine(),
                    "--split must be train, test or all, got '" + split + "'");
        };
        if ("lspet".equals(dataset) && lspSplit == BodySplit.TEST) {
            throw new ParameterException(spec.commandLine(), "--split test: LSP Extended (lspet) is a training set only and"
                    + " has no test split; use --split train or all (LSP's test images are 1001-2000 of --dataset lsp)");
        }
        if (limit != null && limit < 1) {
            throw new ParameterException(spec.commandLine(), "--limit must be >= 1, got " + limit);
        }
        BodySupervisionOptions options;
        try {
            options = new BodySupervisionOptions(size,
                    threads == null ? Runtime.getRuntime().availableProcessors() : threads, BodyFraming.parse(framing));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (!Files.isDirectory(root)) {
            throw new CommandFailedException(ExitCodes.BAD_INPUT, root + ": not a folder");
        }
        List<BodyAnnotation> items = switch (dataset) {
            case "mpii" -> BodyAnnotationReader.mpii(root, lspSplit);
            case "lspet" -> BodyAnnotationReader.lspet(root);
            default -> BodyAnnotationReader.lsp(root, lspSplit);
        };
        if (limit != null && limit < items.size()) {
            items = items.subList(0, limit);
        }
        BodySupervisionSummary summary;
        try (FolderLock lock = FolderLock.acquire(out)) {
            summary = new BodySupervisionGenerator(options).run(dataset, items, out, new ConsoleProgressBar());
        }
        PrintWriter stdout = spec.commandLine().getOut();
        RenamedNote.print(stdout, summary.renamed());
        stdout.printf("%s %s, %d items: %d written, %d existing, %d failed%n", dataset, split, summary.outcomes().size(),
                summary.count(BodyOutcome.OK), summary.count(BodyOutcome.EXISTING), summary.count(BodyOutcome.FAILED));
        stdout.printf("mean joint coverage %.4f (share of joints inside the crop that fall on a body pixel)%n",
                summary.meanJointCoverage());
        stdout.printf("outputs in %s (summary.json, failures.csv)%n", out);
        stdout.flush();
        return summary.count(BodyOutcome.FAILED) > 0 ? ExitCodes.BAD_INPUT : ExitCodes.OK;
    }
}
