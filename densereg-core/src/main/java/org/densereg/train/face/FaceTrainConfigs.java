package org.densereg.train.face;

import java.io.IOException;
import java.util.List;
import org.densereg.io.BadInputException;
import org.densereg.train.TrainConfigResolver;

/** The bundled face training configurations and the resolution of {@code --config}/{@code --set} to a {@link FaceTrainConfig}. */
public final class FaceTrainConfigs {

    /** Names of the configurations bundled in the library (resources {@code org/densereg/configs/NAME.yaml}). */
    public static final List<String> BUNDLED = List.of("quickstart", "cpu-r18-129", "face-300w", "face-synthetic", "gpu-r101-321",
            "gpu-r101-513");

    private static final TrainConfigResolver<FaceTrainConfig> RESOLVER =
            new TrainConfigResolver<>(FaceTrainConfig.class, FaceTrainConfig.defaults(), BUNDLED, "config");

    private FaceTrainConfigs() {
    }

    /**
     * {@link TrainConfigResolver#resolve} for faces; validate the result with {@link FaceTrainConfig#validate()}.
     *
     * @throws BadInputException when {@code config} is neither a file nor a bundled name, or is malformed
     */
    public static FaceTrainConfig resolve(String config, List<String> overrides) throws IOException {
        return RESOLVER.resolve(config, overrides);
    }
}
