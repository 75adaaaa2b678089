package org.densereg.train;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code model.*} keys of a training configuration: where the network's weights start from, and how the trained
 * model is used by default.
 *
 * @param init a pretrained backbone to start from: a torchvision ResNet state dict saved with {@code torch.save}
 *             ({@code .pth}) or a {@code .safetensors} file, or a Keras applications ResNet50/101 {@code .h5} (with
 *             {@code network.resnetVariant: KERAS}), of the configured depth at width multiplier 1 (see
 *             docs/training.md, "Starting from ImageNet weights"); null (the default) = every layer initialised
 *             fresh. Used when a run starts, not when it resumes (the checkpoint holds the weights).
 * @param testTimeFlip body models: the archive asks for the test-time flip by default (heatmaps of the image and of
 *             its mirror averaged; {@code BodyPredictor}), which {@code infer} and {@code evaluate} then use unless
 *             told {@code --flip-test off}; default false. Recorded as {@code training.testTimeFlip}.
 */
public record ModelConfig(String init, boolean testTimeFlip) {

    /** @return no pretrained initialisation, no test-time flip */
    public static ModelConfig defaults() {
        return new ModelConfig(null, false);
    }

    /** @return {@link #init()} as a path, or null */
    public Path initPath() {
        return init == null || init.isBlank() ? null : Path.of(init);
    }

    /**
     * @param prefix the key prefix for messages, e.g. {@code "model."}
     * @return the problems of these keys (the file must exist), empty when none
     */
    public List<String> problems(String prefix) {
        List<String> problems = new ArrayList<>();
        Path path = initPath();
        if (path != null && !Files.isRegularFile(path)) {
            problems.add(prefix + "init: no such file: " + path);
        }
        return problems;
    }
}
