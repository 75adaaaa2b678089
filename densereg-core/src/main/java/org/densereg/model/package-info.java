/**
 * Model archives ({@code *.densereg.zip}): the network's weights in portable form, its configuration and metadata,
 * written atomically and checked on load. Depends on DL4J, io and network (the acceleration hook that loaded graphs
 * run through and saved graphs are made portable by).
 */
package org.densereg.model;
