/**
 * File input and output shared by every stage: atomic writes, text files read one way
 * ({@link org.densereg.io.TextFiles}: UTF-8, BOM dropped, CRLF as LF) and the bad-input exception.
 * Depends on the JDK only.
 */
package org.densereg.io;
