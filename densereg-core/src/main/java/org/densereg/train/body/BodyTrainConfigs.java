package org.densereg.train.body;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.densereg.config.ConfigLoader;
import org.densereg.io.BadInputException;

/** Resolves a {@link BodyTrainConfig} from {@code --config} (a YAML file or a bundled name) and {@code --set} overrides. */
public final class BodyTrainConfigs {

    /**
     * The bundled configurations (resources {@code org/densereg/configs/NAME.yaml}): the three variants of the LSP
     * experiment, identical except for {@code data.task}.
     */
    public static final List<String> BUNDLED = List.of("lsp-body-heatmap", "lsp-body-heatmap-dense", "lsp-body-dense");

    private BodyTrainConfigs() {
    }

    /**
     * @param config    null (code defaults), a YAML file path or a bundled name
     * @param overrides {@code dotted.key=value} overrides applied last
     * @return the resolved configuration (validate with {@link BodyTrainConfig#validate()})
     * @throws IOException       when the file cannot be read
     * @throws BadInputException when {@code config} is neither a file nor a bundled name, or is malformed
     */
    public static BodyTrainConfig resolve(String config, List<String> overrides) throws IOException {
        if (config == null) {
            return ConfigLoader.resolve(BodyTrainConfig.class, BodyTrainConfig.defaults(), null, overrides);
        }
        Path file = Path.of(config);
        if (Files.isRegularFile(file)) {
            return ConfigLoader.resolve(BodyTrainConfig.class, BodyTrainConfig.defaults(), file, overrides);
        }
        if (BUNDLED.contains(config)) {
            return ConfigLoader.resolveResource(BodyTrainConfig.class, BodyTrainConfig.defaults(),
                    "/org/densereg/configs/" + config + ".yaml", overrides);
        }
        throw new BadInputException(file, "no such config file, and not a bundled body config name (bundled: "
                + String.join(", ", BUNDLED) + ")");
    }
}
