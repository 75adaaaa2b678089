package org.densereg.cli.command;

import java.io.IOException;
import java.util.concurrent.Callable;
import org.densereg.cli.option.TrainRunMixin;
import org.densereg.train.TrainingJob;
import picocli.CommandLine.Mixin;

/**
 * The flow the training commands share: resolve the configuration from {@code --config} and {@code --set}, train in
 * the locked run folder, report the outcome, print where the model archives went. A command supplies its config
 * resolver, its job and its report.
 *
 * @param <C> the configuration record
 * @param <O> what the job returns
 */
abstract class TrainingCommand<C, O> implements Callable<Integer> {

    /** Makes the training job of a configuration. */
    @FunctionalInterface
    interface JobFactory<C, O> {
        /**
         * @param config the resolved configuration
         * @return the job
         * @throws IOException when the job's data cannot be opened
         */
        TrainingJob<O> create(C config) throws IOException;
    }

    @Mixin
    TrainRunMixin run;

    private final TrainRunMixin.ConfigResolver<C> resolver;
    private final JobFactory<C, O> jobs;

    TrainingCommand(TrainRunMixin.ConfigResolver<C> resolver, JobFactory<C, O> jobs) {
        this.resolver = resolver;
        this.jobs = jobs;
    }

    @Override
    public final Integer call() throws IOException {
        C config = run.config(resolver);
        O outcome = run.launch(jobs.create(config));
        report(config, outcome);
        return run.printModel();
    }

    /** Prints what the job reports (standard output, through {@link TrainRunMixin#printTrained}). */
    abstract void report(C config, O outcome);
}
