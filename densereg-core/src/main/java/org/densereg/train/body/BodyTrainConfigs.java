package org.densereg.train.body;

import java.io.IOException;
import java.util.List;
import org.densereg.io.BadInputException;
import org.densereg.train.TrainConfigResolver;

/**
 * The bundled body training configurations: the bundled {@code lsp-body} model's recipe ({@code lsp-body}, then
 * {@code lsp-body-stage2} resumed in the same run folder), the three variants of the LSP experiment, identical except
 * for {@code data.task}; and the resolution of {@code --config}/{@code --set} to a {@link BodyTrainConfig}.
 */
public final class BodyTrainConfigs {

    /** Names of the bundled configurations (resources {@code org/densereg/configs/NAME.yaml}). */
    public static final List<String> BUNDLED = List.of("lsp-body", "lsp-body-stage2", "lsp-body-heatmap", "lsp-body-heatmap-dense",
            "lsp-body-dense");

    private static final TrainConfigResolver<BodyTrainConfig> RESOLVER =
            new TrainConfigResolver<>(BodyTrainConfig.class, BodyTrainConfig.defaults(), BUNDLED, "body config");

    private BodyTrainConfigs() {
    }

    /**
     * {@link TrainConfigResolver#resolve} for bodies; validate the result with {@link BodyTrainConfig#validate()}.
     *
     * @throws BadInputException when {@code config} is neither a file nor a bundled name, or is malformed
     */
    public static BodyTrainConfig resolve(String config, List<String> overrides) throws IOException {
        return RESOLVER.resolve(config, overrides);
    }
}
