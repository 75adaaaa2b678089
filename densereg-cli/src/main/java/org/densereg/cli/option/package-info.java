/**
 * Option mixins shared by several subcommands (verbosity, stack traces).
 * Depends on picocli and {@code cli.support}.
 */
package org.densereg.cli.option;
