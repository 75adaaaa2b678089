/**
 * Facts about the running build and machine: version, git revision, ND4J backend and threads.
 * Depends on ND4J only.
 */
package org.densereg.runtime;
