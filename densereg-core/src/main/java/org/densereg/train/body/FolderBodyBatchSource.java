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
 * Training batches from one or more {@code densereg supervise-body} folders: for iteration i a generator seeded with
 * {@code seedFor(seed, i)} draws the crops (uniformly with replacement from the training samples, in the order
 * given) and their flips, so a batch depends only on (seed, iteration) and the sample list. Thread-safe.
 */
public final class FolderBodyBatchSource implements BatchSource {

    /**
     * One training sample.
     *
     * @param folder the folder holding it
     * @param id     its id in that folder
     */
    public record Sample(BodySupervisionFolder folder, String id) {
    }

    private final List<Sample> samples;
    private final BodyBatchEncoder encoder;
    private final int inputSize;
    private final int batchSize;
    private final double flipProbability;
    private final long seed;

    /**
     * @param samples         the training samples (non-empty); the draw is an index into this list, so keep its order
     *                        fixed for a run (resume draws the same batches)
     * @param encoder         builds features and targets
     * @param inputSize       network input side
     * @param batchSize       crops per batch
     * @param flipProbability probability of a horizontal flip per crop
     * @param seed            run seed
     */
    public FolderBodyBatchSource(List<Sample> samples, BodyBatchEncoder encoder, int inputSize, int batchSize,
            double flipProbability, long seed) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no training images");
        }
        this.samples = List.copyOf(samples);
        this.encoder = encoder;
        this.inputSize = inputSize;
        this.batchSize = batchSize;
        this.flipProbability = flipProbability;
        this.seed = seed;
    }

    /**
     * Batches from LSP images of one folder (the same draws as the list of their {@link #lspSamples samples}).
     *
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
        this(lspSamples(folder, numbers), encoder, inputSize, batchSize, flipProbability, seed);
    }

    /**
     * @param folder  a folder of LSP samples
     * @param numbers LSP image numbers
     * @return their samples, in the order of {@code numbers}
     */
    public static List<Sample> lspSamples(BodySupervisionFolder folder, int[] numbers) {
        List<Sample> list = new ArrayList<>(numbers.length);
        for (int n : numbers) {
            list.add(new Sample(folder, BodySupervisionFolder.lspId(n)));
        }
        return list;
    }

    /**
     * @param folder a folder of samples of any dataset
     * @return all its complete samples, in the order of {@link BodySupervisionFolder#ids()}
     */
    public static List<Sample> allSamples(BodySupervisionFolder folder) {
        return folder.ids().stream().map(id -> new Sample(folder, id)).toList();
    }

    /** @return the number of training samples drawn from */
    public int size() {
        return samples.size();
    }

    /**
     * One crop of a batch.
     *
     * @param sample  the sample drawn
     * @param flipped whether it is flipped
     */
    public record Draw(Sample sample, boolean flipped) {
    }

    /**
     * What an iteration's batch is made of, in batch order, without reading any file.
     *
     * @param iteration the iteration
     * @return {@code batchSize} draws, a function of (seed, iteration) and the sample list only
     */
    public List<Draw> draw(long iteration) {
        SplittableRandom random = new SplittableRandom(BatchSource.seedFor(seed, iteration));
        List<Draw> drawn = new ArrayList<>(batchSize);
        for (int b = 0; b < batchSize; b++) {
            Sample sample = samples.get(random.nextInt(samples.size()));
            drawn.add(new Draw(sample, random.nextDouble() < flipProbability));
        }
        return drawn;
    }

    @Override
    public MultiDataSet batch(long iteration) {
        List<BodyExample> examples = new ArrayList<>(batchSize);
        for (Draw d : draw(iteration)) {
            BodyExample e;
            try {
                e = BodyExample.of(d.sample().folder().read(d.sample().id()), inputSize);
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            examples.add(d.flipped() ? e.flip() : e);
        }
        return encoder.encode(examples);
    }
}
