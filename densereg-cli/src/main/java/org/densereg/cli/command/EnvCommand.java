package org.densereg.cli.command;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.densereg.cli.option.VerbosityMixin;
import org.densereg.cli.support.ExitCodes;
import org.densereg.network.Accelerator;
import org.densereg.network.Accelerators;
import org.densereg.network.LayerHelpers;
import org.densereg.runtime.BuildInfo;
import org.densereg.runtime.Nd4jEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code densereg env}: the environment to paste into a bug report. */
@Command(name = "env", description = "Print versions, the ND4J backend and threads, memory limits (for bug reports).")
public final class EnvCommand implements Callable<Integer> {

    @Mixin
    VerbosityMixin verbosity;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        BuildInfo build = BuildInfo.current();
        Nd4jEnvironment nd4j = Nd4jEnvironment.current();
        out.printf("densereg      %s (git %s)%n", build.version(), build.revision());
        out.printf("java          %s (%s)%n", System.getProperty("java.version"), System.getProperty("java.vendor"));
        out.printf("os            %s %s (%s)%n", System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("os.arch"));
        out.printf("cpus          %d%n", Runtime.getRuntime().availableProcessors());
        out.printf("heap max      %d MiB%n", Runtime.getRuntime().maxMemory() >> 20);
        out.printf("offheap max   %s%n", System.getProperty("org.bytedeco.javacpp.maxbytes", "(default = heap max)"));
        out.printf("nd4j backend  %s%n", nd4j);
        Accelerator active = Accelerators.active();
        for (Accelerator accelerator : Accelerators.installed()) {
            String off = accelerator.unavailableReason();
            out.printf("%-14s%s%n", accelerator.name().toLowerCase(Locale.ROOT), off != null ? "off: " + off
                    : accelerator == active ? "on (" + accelerator.description() + ")"
                    : "available (" + active.name() + " is used)");
        }
        if (Accelerators.installed().isEmpty()) {
            out.printf("accelerator   none (%s)%n", active.description());
        }
        out.printf("cudnn         %s%n", LayerHelpers.cudnnStatus());
        out.flush();
        return ExitCodes.OK;
    }
}
