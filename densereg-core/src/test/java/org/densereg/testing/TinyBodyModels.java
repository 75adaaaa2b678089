package org.densereg.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.densereg.model.ModelArchive;
import org.densereg.model.ModelMetadata;
import org.densereg.network.BodyNetworkFactory;
import org.densereg.network.InputNormalisation;
import org.densereg.network.NetworkConfig;

/** Tiny untrained body-model archives for tests (random weights, 33² input, 1/16 width, 12 parts). */
public final class TinyBodyModels {

    private TinyBodyModels() {
    }

    /**
     * Writes an archive of an untrained body ResNet-18 at 1/16 width, 12 parts, 33×33 input.
     *
     * @param target         archive path
     * @param fullResolution true: heads at the input size; false: stride-8 heads (5×5)
     * @param heatmapWeight  loss weight of the 14-channel heatmap head (recorded in the metadata; 0 = untrained head)
     * @param seed           weight seed
     */
    public static Path write(Path target, boolean fullResolution, double heatmapWeight, long seed) throws IOException {
        NetworkConfig config = new NetworkConfig(18, 0.0625, 12, 33, 33, 14, 1, 1, heatmapWeight, fullResolution, seed);
        InputNormalisation n = InputNormalisation.imagenet();
        Map<String, Object> network = new LinkedHashMap<>();
        network.put("clsWeight", 1.0);
        network.put("regWeight", 1.0);
        network.put("heatmapWeight", heatmapWeight);
        network.put("fullResolutionOutput", fullResolution);
        ModelMetadata metadata = new ModelMetadata(ModelArchive.FORMAT_VERSION, "body", "densereg-body-parts-v1", 12, 33,
                n.mean(), n.scale(), new Double[0], network, Map.of("iterations", 0), null);
        ModelArchive.write(target, BodyNetworkFactory.build(config), metadata, "network: {}\n");
        return target;
    }
}
