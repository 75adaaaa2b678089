/**
 * Model archives (network + metadata + training configuration in one file), the bundled models and what a run records
 * about the model it used. Depends on {@code network} (the layers inside an archive), {@code io} and DL4J.
 */
package org.densereg.model;
