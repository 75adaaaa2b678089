package org.densereg.config;

import java.nio.file.Path;
import org.densereg.io.BadInputException;

/** A configuration problem: names the key and the file (or {@code --set}) it came from. */
public class ConfigException extends BadInputException {

    private static final long serialVersionUID = 1L;

    /**
     * @param source the config file, or null when the value came from {@code --set}
     * @param key    dotted key, e.g. {@code train.learningRate}
     * @param what   what is wrong and what was expected
     */
    public ConfigException(Path source, String key, String what) {
        super(source, (source == null ? "--set " : "") + "key '" + key + "': " + what);
    }
}
