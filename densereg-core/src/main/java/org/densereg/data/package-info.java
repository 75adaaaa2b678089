/**
 * Samples and dataset readers: landmarks, annotated images, one sub-package per dataset format.
 * Depends on {@code io}.
 */
package org.densereg.data;
