/**
 * File input and output shared by every stage: images, NPY, PNM and MAT arrays, text read one way ({@link
 * org.densereg.io.TextFiles}: UTF-8, BOM dropped, CRLF as LF), atomic writes and their stale temporaries, output ids,
 * folder locks, SHA-256 of files, and the bad-input exception. Depends on the JDK and the file-format libraries only.
 */
package org.densereg.io;
