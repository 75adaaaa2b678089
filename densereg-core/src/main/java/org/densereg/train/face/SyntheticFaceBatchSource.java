package org.densereg.train.face;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.densereg.train.BatchSource;
import org.densereg.trainingdata.synthetic.SyntheticFace;
import org.densereg.trainingdata.synthetic.SyntheticFaceRenderer;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Training batches of synthetic faces rendered on the fly: image b of iteration i is the face of seed
 * {@code seedFor(seed, i · batchSize + b)}, so a batch depends only on (seed, iteration) and resumed runs
 * see exactly the data of an uninterrupted one. Thread-safe.
 */
public final class SyntheticFaceBatchSource implements BatchSource {

    private final SyntheticFaceRenderer renderer;
    private final FaceBatchEncoder encoder;
    private final int batchSize;
    private final long seed;

    /**
     * @param renderer  renders faces at the network input size
     * @param encoder   builds features and targets
     * @param batchSize images per batch
     * @param seed      run seed
     */
    public SyntheticFaceBatchSource(SyntheticFaceRenderer renderer, FaceBatchEncoder encoder, int batchSize, long seed) {
        this.renderer = renderer;
        this.encoder = encoder;
        this.batchSize = batchSize;
        this.seed = seed;
    }

    @Override
    public MultiDataSet batch(long iteration) {
        List<BufferedImage> images = new ArrayList<>(batchSize);
        List<float[]> u = new ArrayList<>(batchSize);
        List<float[]> v = new ArrayList<>(batchSize);
        for (int b = 0; b < batchSize; b++) {
            SyntheticFace face = renderer.render(BatchSource.seedFor(seed, iteration * batchSize + b));
            images.add(face.image());
            u.add(face.u());
            v.add(face.v());
        }
        return encoder.encode(images, u, v);
    }
}
