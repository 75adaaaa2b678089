package org.densereg.cli.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Sets the log level of the densereg loggers at run time (configuration lives in logback.xml). */
public final class Logging {

    private Logging() {
    }

    /** Sets the level of the {@code org.densereg} loggers, e.g. {@code DEBUG}, {@code INFO}, {@code WARN}. */
    public static void setLevel(String level) {
        Logger logger = (Logger) LoggerFactory.getLogger("org.densereg");
        logger.setLevel(Level.toLevel(level, Level.INFO));
    }
}
