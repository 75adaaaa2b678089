package org.densereg.cli;

import org.densereg.cli.command.BenchCommand;
import org.densereg.cli.command.CurvesCommand;
import org.densereg.cli.command.EnvCommand;
import org.densereg.cli.command.EvaluateCommand;
import org.densereg.cli.command.InferCommand;
import org.densereg.cli.command.ModelsCommand;
import org.densereg.cli.command.SuperviseBodyCommand;
import org.densereg.cli.command.SuperviseCommand;
import org.densereg.cli.command.SynthCommand;
import org.densereg.cli.command.TrainBodyCommand;
import org.densereg.cli.command.TrainCommand;
import org.densereg.cli.option.VerbosityMixin;
import org.densereg.cli.support.VersionProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The root {@code densereg} command: lists the subcommands. Its attributes are inherited by every subcommand at any
 * depth ({@code scope = INHERIT}), so each one accepts {@code -h/--help} (picocli skips the required-option check
 * only for a help option declared on the command being parsed) and, unless it has its own, the exit-code footer.
 */
@Command(
        name = "densereg",
        scope = ScopeType.INHERIT,
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Dense shape regression (DenseReg) on the JVM.",
        footer = {"", "Exit codes: 0 ok, 1 failure, 2 usage, 3 bad input data, 4 internal error."},
        subcommands = {
            SuperviseCommand.class,
            SuperviseBodyCommand.class,
            TrainCommand.class,
            TrainBodyCommand.class,
            EvaluateCommand.class,
            CurvesCommand.class,
            InferCommand.class,
            ModelsCommand.class,
            SynthCommand.class,
            EnvCommand.class,
            BenchCommand.class,
            HelpCommand.class,
        })
public final class DenseRegCommand implements Runnable {

    @Mixin
    VerbosityMixin verbosity;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing subcommand");
    }
}
