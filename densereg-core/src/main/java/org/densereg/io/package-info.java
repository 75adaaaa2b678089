/**
 * File input and output shared by every stage: atomic writes and the bad-input exception.
 * Depends on the JDK only.
 */
package org.densereg.io;
