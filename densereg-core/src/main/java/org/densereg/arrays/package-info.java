/**
 * Float-array helpers for hot loops: direct views of ND4J native memory and per-thread scratch arrays.
 * Depends on ND4J only.
 */
package org.densereg.arrays;
