package org.densereg.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.densereg.model.ModelArchive;
import org.densereg.model.ModelMetadata;
import org.densereg.model3d.DefaultFaceModel;
import org.densereg.network.DenseRegNetworkFactory;
import org.densereg.network.InputNormalisation;
import org.densereg.network.NetworkConfig;

/** Tiny untrained face-model archives for tests (random weights, 33² input, 1/16 width). */
public final class TinyFaceModels {

    private TinyFaceModels() {
    }

    /**
     * Writes an archive of an untrained ResNet-18 at 1/16 width, K = 10, 33×33 input.
     *
     * @param target         archive path
     * @param fullResolution true: heads at the input size; false: stride-8 heads
     * @param seed           weight seed
     */
    public static Path write(Path target, boolean fullResolution, long seed) throws IOException {
        NetworkConfig config = new NetworkConfig(18, 0.0625, 10, 33, 33, 0, 1, 1, 1, fullResolution, seed);
        ComputationGraph graph = DenseRegNetworkFactory.build(config);
        InputNormalisation n = InputNormalisation.imagenet();
        ModelMetadata metadata = new ModelMetadata(ModelArchive.FORMAT_VERSION, "face", "test/cylindrical", 10, 33,
                n.mean(), n.scale(), ModelMetadata.boxLandmarkUv(DefaultFaceModel.load().landmarkUv()),
                Map.of("fullResolutionOutput", fullResolution), Map.of("iterations", 0), null);
        ModelArchive.write(target, graph, metadata, "network: {}\n");
        return target;
    }
}
