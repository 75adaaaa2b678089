package org.densereg.train.face;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.densereg.supervision.FaceSupervisionSample;
import org.densereg.train.BatchSource;
import org.densereg.trainingdata.face.AugmentedFace;
import org.densereg.trainingdata.face.FaceAugmenter;
import org.densereg.trainingdata.face.FaceSupervisionFolder;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Training batches from a {@code densereg supervise} folder: for iteration i a generator seeded with
 * {@code seedFor(seed, i)} draws the faces (with replacement, from the training split) and their random
 * augmentations, so a batch depends only on (seed, iteration). Thread-safe.
 */
public final class FolderFaceBatchSource implements BatchSource {

    private final FaceSupervisionFolder dataset;
    private final int[] trainIndices;
    private final FaceAugmenter augmenter;
    private final FaceBatchEncoder encoder;
    private final int inputSize;
    private final int batchSize;
    private final long seed;

    /**
     * @param dataset      the supervision folder(s)
     * @param trainIndices indices of the training split
     * @param augmenter    random transform per face (output at the network input size)
     * @param encoder      builds features and targets
     * @param inputSize    network input side
     * @param batchSize    faces per batch
     * @param seed         run seed
     */
    public FolderFaceBatchSource(FaceSupervisionFolder dataset, int[] trainIndices, FaceAugmenter augmenter,
            FaceBatchEncoder encoder, int inputSize, int batchSize, long seed) {
        if (trainIndices.length == 0) {
            throw new IllegalArgumentException("the training split is empty");
        }
        this.dataset = dataset;
        this.trainIndices = trainIndices.clone();
        this.augmenter = augmenter;
        this.encoder = encoder;
        this.inputSize = inputSize;
        this.batchSize = batchSize;
        this.seed = seed;
    }

    @Override
    public MultiDataSet batch(long iteration) {
        SplittableRandom random = new SplittableRandom(BatchSource.seedFor(seed, iteration));
        List<BufferedImage> images = new ArrayList<>(batchSize);
        List<float[]> u = new ArrayList<>(batchSize);
        List<float[]> v = new ArrayList<>(batchSize);
        for (int b = 0; b < batchSize; b++) {
            int index = trainIndices[random.nextInt(trainIndices.length)];
            FaceSupervisionSample sample = read(index);
            AugmentedFace face = augmenter.apply(sample.image(), sample.u(), sample.v(), sample.parts(),
                    sample.landmarks(), inputSize, random);
            images.add(face.image());
            u.add(face.u());
            v.add(face.v());
        }
        return encoder.encode(images, u, v);
    }

    private FaceSupervisionSample read(int index) {
        try {
            return dataset.read(index);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
