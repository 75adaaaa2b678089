package org.densereg.cli.command;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.densereg.cli.option.VerbosityMixin;
import org.densereg.cli.support.ExitCodes;
import org.densereg.cli.support.ModelResolver;
import org.densereg.io.BadInputException;
import org.densereg.model.BundledModels;
import org.densereg.model.ModelArchive;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code densereg models list|verify}: the bundled models in {@code models/}. */
@Command(name = "models", description = "List or verify the bundled models (models/*.densereg.zip); nothing is downloaded.",
        subcommands = {ModelsCommand.ListModels.class, ModelsCommand.VerifyModels.class})
public final class ModelsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing subcommand: list or verify");
    }

    /** {@code models list}. */
    @Command(name = "list", description = "Name, size and location of each bundled model.")
    static final class ListModels implements Callable<Integer> {
        @Mixin
        VerbosityMixin verbosity;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            BundledModels bundled = ModelResolver.models();
            List<Path> models = bundled.list();
            if (models.isEmpty()) {
                out.println("no bundled models found (looked in models/ under " + bundled.homes() + ")");
            }
            for (Path m : models) {
                boolean sidecar = Files.isRegularFile(BundledModels.checksumFile(m));
                out.printf(Locale.ROOT, "%-16s %7.2f MB  %s%s%n", BundledModels.name(m), Files.size(m) / 1e6, m,
                        sidecar ? "" : "  (no .sha256 file)");
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    /** {@code models verify}. */
    @Command(name = "verify", description = "Check every bundled model against its .sha256 file and load it.",
            footer = {"", "Exit codes: 0 all good, 3 a model is damaged."})
    static final class VerifyModels implements Callable<Integer> {
        @Mixin
        VerbosityMixin verbosity;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            int bad = 0;
            for (Path m : ModelResolver.models().list()) {
                try {
                    BundledModels.verify(m);
                    ModelArchive.read(m);
                    out.printf("%-16s ok%n", BundledModels.name(m));
                } catch (BadInputException e) {
                    bad++;
                    out.printf("%-16s DAMAGED: %s%n", BundledModels.name(m), e.getMessage());
                }
            }
            out.flush();
            return bad > 0 ? ExitCodes.BAD_INPUT : ExitCodes.OK;
        }
    }
}
