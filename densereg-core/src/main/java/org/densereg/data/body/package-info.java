/**
 * Annotated persons of the body datasets (LSP, LSP Extended, MPII) in LSP joint order, their readers and splits.
 * Depends on {@code data.lsp}, {@code data.mpii} and {@code io}.
 */
package org.densereg.data.body;
