package org.densereg.cli.command;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.densereg.cli.option.VerbosityMixin;
import org.densereg.cli.support.ExitCodes;
import org.densereg.data.face.PtsWriter;
import org.densereg.io.ImageIo;
import org.densereg.model3d.DefaultFaceModel;
import org.densereg.trainingdata.synthetic.RenderStyle;
import org.densereg.trainingdata.synthetic.SyntheticFace;
import org.densereg.trainingdata.synthetic.SyntheticFaceConfig;
import org.densereg.trainingdata.synthetic.SyntheticFaceRenderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code densereg synth}: writes synthetic faces of the built-in model as a 300W-style folder. */
@Command(name = "synth",
        description = "Render synthetic faces from the built-in model into a folder of PNG images with 68-point"
                + " .pts files (300W layout, 1-based), e.g. to try 'supervise' without any download.")
public final class SynthCommand implements Callable<Integer> {

    @Mixin
    VerbosityMixin verbosity;

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, description = "Output folder.")
    Path out;

    @Option(names = "--count", defaultValue = "8", description = "Number of faces (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--size", defaultValue = "256", description = "Image side in pixels (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--seed", defaultValue = "1", description = "First seed; face i uses seed + i (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--style", defaultValue = "basic", paramLabel = "basic|photo",
            description = "Rendering style: basic (flat faces, as the demo model was trained on) or photo (textures,"
                    + " hair, neck, occluders, camera and JPEG degradations; docs/synthetic-faces.md)"
                    + " (default: ${DEFAULT-VALUE}).")
    String style;

    @Override
    public Integer call() throws IOException {
        if (count < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--count must be at least 1");
        }
        RenderStyle renderStyle;
        try {
            renderStyle = RenderStyle.parse(style);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--style: " + e.getMessage());
        }
        SyntheticFaceRenderer renderer = new SyntheticFaceRenderer(DefaultFaceModel.load(),
                SyntheticFaceConfig.defaults().withSize(size).withStyle(renderStyle));
        Files.createDirectories(out);
        var progress = VerbosityMixin.progress();
        progress.start("synth", count);
        for (int i = 0; i < count; i++) {
            SyntheticFace face = renderer.render(seed + i);
            String stem = String.format("synth_%05d", i);
            ImageIo.writePng(face.image(), out.resolve(stem + ".png"));
            PtsWriter.write(out.resolve(stem + ".pts"), face.landmarks());
            progress.advance(i + 1, stem);
        }
        progress.finish(count + " faces");
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf("wrote %d faces (PNG + .pts) to %s%n", count, out);
        stdout.flush();
        return ExitCodes.OK;
    }
}
