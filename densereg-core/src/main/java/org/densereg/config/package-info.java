/**
 * The configuration loader: defaults in code, overridden by a YAML/JSON file, overridden by {@code --set key=value};
 * resolved configurations are written back as YAML. The {@code *Config} records themselves live beside the code they
 * configure ({@code network.NetworkConfig}, {@code train.TrainerConfig}, {@code fit.FitConfig}, ...), so that a
 * package never imports another one just for its settings. Depends on {@code io} and Jackson.
 */
package org.densereg.config;
