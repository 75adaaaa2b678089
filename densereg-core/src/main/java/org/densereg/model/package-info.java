/**
 * Trained models as files: the model archive (weights, resolved configuration, metadata with checksums).
 * Depends on {@code network} (to make a loaded graph ready to run), {@code io}, DL4J and Jackson.
 */
package org.densereg.model;
