/**
 * The {@code densereg} command line: root command and entry point.
 * A thin picocli shell over densereg-core; depends on core, picocli and Logback.
 */
package org.densereg.cli;
