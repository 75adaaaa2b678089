package org.densereg.train.face;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.densereg.config.ConfigLoader;
import org.densereg.io.BadInputException;

/**
 * Resolves a {@link FaceTrainConfig} from the command line's {@code --config} value (a YAML file or the name of
 * a bundled configuration) and {@code --set key=value} overrides.
 */
public final class FaceTrainConfigs {

    /** Names of the configurations bundled in the library (resources {@code org/densereg/configs/NAME.yaml}). */
    public static final List<String> BUNDLED = List.of("quickstart", "cpu-r18-129", "gpu-r101-321", "gpu-r101-513");

    private FaceTrainConfigs() {
    }

    /**
     * @param config    null (code defaults), a path to a YAML file, or a bundled name
     * @param overrides {@code dotted.key=value} overrides applied last
     * @return the resolved configuration (not yet validated as a whole: see {@link FaceTrainConfig#validate()})
     * @throws IOException       when the file cannot be read
     * @throws BadInputException when {@code config} is neither a file nor a bundled name, or is malformed
     */
    public static FaceTrainConfig resolve(String config, List<String> overrides) throws IOException {
        if (config == null) {
            return ConfigLoader.resolve(FaceTrainConfig.class, FaceTrainConfig.defaults(), null, overrides);
        }
        Path file = Path.of(config);
        if (Files.isRegularFile(file)) {
            return ConfigLoader.resolve(FaceTrainConfig.class, FaceTrainConfig.defaults(), file, overrides);
        }
        if (BUNDLED.contains(config)) {
            return ConfigLoader.resolveResource(FaceTrainConfig.class, FaceTrainConfig.defaults(),
                    "/org/densereg/configs/" + config + ".yaml", overrides);
        }
        throw new BadInputException(file, "no such config file, and not a bundled config name (bundled: "
                + String.join(", ", BUNDLED) + ")");
    }
}
