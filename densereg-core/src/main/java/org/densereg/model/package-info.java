/**
 * Model archives ({@code *.densereg.zip}: the network's weights in portable form, its training configuration and
 * metadata, written atomically and checked on load), the bundled models and what a run records about the model it
 * used. Depends on {@code network} (the acceleration hook loaded graphs run through), {@code io}, DL4J and Jackson.
 */
package org.densereg.model;
