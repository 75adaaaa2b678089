/**
 * Configuration: immutable records with defaults in code, overridden by a YAML/JSON file, overridden by
 * {@code --set key=value}; resolved configurations are written back as YAML. Depends on Jackson.
 */
package org.densereg.config;
