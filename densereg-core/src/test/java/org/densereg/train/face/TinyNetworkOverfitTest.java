package org.densereg.train.face;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.densereg.model3d.DefaultFaceModel;
import org.densereg.network.DenseRegNetworkFactory;
import org.densereg.network.InputNormalisation;
import org.densereg.network.NetworkConfig;
import org.densereg.trainingdata.synthetic.SyntheticFace;
import org.densereg.trainingdata.synthetic.SyntheticFaceConfig;
import org.densereg.trainingdata.synthetic.SyntheticFaceRenderer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.learning.config.Adam;

/** A tiny network must overfit four synthetic faces: the loss falls at least fourfold in 80 Adam steps. */
@Tag("slow")
class TinyNetworkOverfitTest {

    @Test
    void lossFallsAtLeastFourfoldOnFourFaces() {
        NetworkConfig network = NetworkConfig.defaults().withInputSize(33, 33).withWidthMultiplier(0.125);
        SyntheticFaceRenderer renderer = new SyntheticFaceRenderer(DefaultFaceModel.load(),
                SyntheticFaceConfig.defaults().withSize(33));
        List<java.awt.image.BufferedImage> images = new ArrayList<>();
        List<float[]> u = new ArrayList<>();
        List<float[]> v = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            SyntheticFace face = renderer.render(i);
            images.add(face.image());
            u.add(face.u());
            v.add(face.v());
        }
        MultiDataSet batch = new FaceBatchEncoder(network, InputNormalisation.imagenet()).encode(images, u, v);
        ComputationGraph graph = DenseRegNetworkFactory.build(network, new Adam(0.01), 0);
        double first = graph.score(batch);
        for (int i = 0; i < 80; i++) {
            graph.fit(batch);
        }
        double last = graph.score(batch);
        assertTrue(last < first / 4, "loss " + first + " → " + last);
    }
}
