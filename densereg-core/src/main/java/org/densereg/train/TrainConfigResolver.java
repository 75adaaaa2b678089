package org.densereg.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.densereg.config.ConfigLoader;
import org.densereg.io.BadInputException;

/**
 * Resolves a training configuration of one type from a {@code --config} value (null for the code defaults, a YAML
 * file, or the name of a configuration bundled as resource {@code org/densereg/configs/NAME.yaml}) and
 * {@code --set key=value} overrides applied last.
 *
 * @param <C> the configuration record (e.g. {@code FaceTrainConfig}, {@code BodyTrainConfig})
 */
public final class TrainConfigResolver<C> {

    private static final String RESOURCE_FOLDER = "/org/densereg/configs/";

    private final Class<C> type;
    private final C defaults;
    private final List<String> bundled;
    private final String kind;

    /**
     * @param type     the configuration record
     * @param defaults its code defaults, which the file and the overrides change
     * @param bundled  the names of its bundled configurations
     * @param kind     what the configurations are called in the unknown-name message, e.g. {@code "config"} or
     *                 {@code "body config"}
     */
    public TrainConfigResolver(Class<C> type, C defaults, List<String> bundled, String kind) {
        this.type = type;
        this.defaults = defaults;
        this.bundled = List.copyOf(bundled);
        this.kind = kind;
    }

    /** @return the names of the bundled configurations */
    public List<String> bundled() {
        return bundled;
    }

    /**
     * @param config    null (code defaults), a path to a YAML file, or a bundled name
     * @param overrides {@code dotted.key=value} overrides applied last
     * @return the resolved configuration (not yet validated as a whole)
     * @throws IOException       when the file cannot be read
     * @throws BadInputException when {@code config} is neither a file nor a bundled name, or is malformed
     */
    public C resolve(String config, List<String> overrides) throws IOException {
        if (config == null) {
            return ConfigLoader.resolve(type, defaults, null, overrides);
        }
        Path file = Path.of(config);
        if (Files.isRegularFile(file)) {
            return ConfigLoader.resolve(type, defaults, file, overrides);
        }
        if (bundled.contains(config)) {
            return ConfigLoader.resolveResource(type, defaults, RESOURCE_FOLDER + config + ".yaml", overrides);
        }
        throw new BadInputException(file, "no such config file, and not a bundled " + kind + " name (bundled: "
                + String.join(", ", bundled) + ")");
    }
}
