package org.densereg.train.body;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.densereg.train.BatchSource;
import org.densereg.trainingdata.body.BodySupervisionFolder;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Training batches from a {@code densereg supervise-body} folder: for iteration i a generator seeded with
 * {@code seedFor(seed, i)} draws the crops (with replacement, from the training images) and their flips, so a
 * batch depends only on (seed, iteration). Thread-safe.
 */
public final class FolderBodyBatchSource implements BatchSource {

    private final BodySupervisionFolder folder;
    private final int[] numbers;
    private final BodyBatchEncoder encoder;
    private final int inputSize;
    private final int batchSize;
    private final double flipProbability;
    private final long seed;

    /**
     * @param folder          the supervision folder
     * @param numbers         LSP image numbers of the training images (non-empty)
     * @param encoder         builds features and targets
     * @param inputSize       network input side
     * @param batchSize       crops per batch
     * @param flipProbability probability of a horizontal flip per crop
     * @param seed            run seed
     */
    public FolderBodyBatchSource(BodySupervisionFolder folder, int[] numbers, BodyBatchEncoder encoder, int inputSize,
            int batchSize, double flipProbability, long seed) {
        if (numbers.length == 0) {
            throw new IllegalArgumentException("no training images");
        }
        this.folder = folder;
        this.numbers = numbers.clone();
        this.encoder = encoder;
        this.inputSize = inputSize;
        this.batchSize = batchSize;
        this.flipProbability = flipProbability;
        this.seed = seed;
    }

    @Override
    public MultiDataSet batch(long iteration) {
        SplittableRandom random = new SplittableRandom(BatchSource.seedFor(seed, iteration));
        List<BodyExample> examples = new ArrayList<>(batchSize);
        for (int b = 0; b < batchSize; b++) {
            int number = numbers[random.nextInt(numbers.length)];
            boolean flip = random.nextDouble() < flipProbability;
            BodyExample e;
            try {
                e = BodyExample.of(folder.read(number), inputSize);
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            examples.add(flip ? e.flip() : e);
        }
        return encoder.encode(examples);
    }
}
