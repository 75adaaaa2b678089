package org.densereg.train.body;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.densereg.train.BatchSource;
import org.densereg.trainingdata.body.BodySupervisionFolder;
import org.densereg.trainingdata.face.FaceAugmentation;
import org.densereg.trainingdata.face.FaceAugmenter;
import org.densereg.trainingdata.face.FaceTransform;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Training batches from one or more {@code densereg supervise-body} folders: for iteration i a generator seeded with
 * {@code seedFor(seed, i)} draws the crops (uniformly with replacement from the training samples, in the order
 * given), their flips and, when augmentation is on, their zoom, rotation, shift and colour factors (the geometry and
 * resampling of {@link FaceAugmenter}: image bilinear, part/u/v nearest, part 0 and u = v = −1 outside the crop), so a
 * batch depends only on (seed, iteration) and the sample list. Without augmentation the draws are exactly those of
 * versions before it existed. Thread-safe.
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
    private final FaceAugmenter augmenter;
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
        this(samples, encoder, inputSize, batchSize, flipProbability, null, seed);
    }

    /**
     * @param samples         the training samples (non-empty), in a fixed order
     * @param encoder         builds features and targets
     * @param inputSize       network input side
     * @param batchSize       crops per batch
     * @param flipProbability probability of a horizontal flip per crop
     * @param augmentation    zoom, rotation, shift and colour ranges (its own flip probability is ignored: flips are
     *                        drawn with {@code flipProbability} and mirror body parts); null for none
     * @param seed            run seed
     */
    public FolderBodyBatchSource(List<Sample> samples, BodyBatchEncoder encoder, int inputSize, int batchSize,
            double flipProbability, FaceAugmentation augmentation, long seed) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no training images");
        }
        this.samples = List.copyOf(samples);
        this.encoder = encoder;
        this.inputSize = inputSize;
        this.batchSize = batchSize;
        this.flipProbability = flipProbability;
        this.augmenter = augmentation == null ? null
                : new FaceAugmenter(new FaceAugmentation(augmentation.maxScale(), augmentation.maxRotationDegrees(),
                        augmentation.maxShift(), 0, augmentation.brightness(), augmentation.contrast(),
                        augmentation.saturation()));
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
     * @param sample    the sample drawn
     * @param flipped   whether it is flipped (after the transform)
     * @param transform zoom, rotation, shift and colour applied to the crop ({@link FaceTransform#identity()} without
     *                  augmentation; never flipped itself)
     */
    public record Draw(Sample sample, boolean flipped, FaceTransform transform) {
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
            boolean flipped = random.nextDouble() < flipProbability;
            FaceTransform transform = augmenter == null ? FaceTransform.identity() : augmenter.draw(random);
            drawn.add(new Draw(sample, flipped, transform));
        }
        return drawn;
    }

    @Override
    public MultiDataSet batch(long iteration) {
        List<BodyExample> examples = new ArrayList<>(batchSize);
        for (Draw d : draw(iteration)) {
            BodyExample e;
            try {
                e = BodyExample.of(d.sample().folder().read(d.sample().id()), inputSize, d.transform());
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            examples.add(d.flipped() ? e.flip() : e);
        }
        return encoder.encode(examples);
    }
}
