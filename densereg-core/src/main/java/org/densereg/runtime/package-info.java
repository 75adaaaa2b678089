/**
 * Facts about the running build and machine (version, git revision, ND4J backend and threads), progress callbacks
 * and the console progress bar of the command lines (densereg, densereg-spark),
 * and helpers for waiting on parallel work. Depends on ND4J only.
 */
package org.densereg.runtime;
