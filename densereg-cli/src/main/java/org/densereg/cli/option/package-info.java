/**
 * Option mixins shared by several subcommands (verbosity, stack traces; the training run options and flow).
 * Depends on picocli, {@code cli.support} and core's {@code train} (the training job interface).
 */
package org.densereg.cli.option;
