/**
 * One class per {@code densereg} subcommand: parses options, calls densereg-core, prints results.
 * Depends on core and on {@code cli.support} / {@code cli.option}.
 */
package org.densereg.cli.command;
