/**
 * The bottom of the data chain: samples (landmarks) and dataset readers, one sub-package per dataset format, plus the
 * point distance that readers and metrics share. Depends on {@code io} only.
 */
package org.densereg.data;
