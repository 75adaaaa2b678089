/**
 * CLI plumbing: exit codes, exception-to-exit-code mapping, logging set-up, version text.
 * Depends on picocli, Logback and core's runtime package.
 */
package org.densereg.cli.support;
