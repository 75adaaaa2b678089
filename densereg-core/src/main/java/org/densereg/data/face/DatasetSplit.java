package org.densereg.data.face;

/**
 * A train/validation split of a dataset's sample indices.
 *
 * @param train      indices of the training samples, ascending
 * @param validation indices of the held-out samples, ascending; disjoint from {@code train}, together all indices
 */
public record DatasetSplit(int[] train, int[] validation) {

    public DatasetSplit {
        train = train.clone();
        validation = validation.clone();
    }

    @Override
    public int[] train() {
        return train.clone();
    }

    @Override
    public int[] validation() {
        return validation.clone();
    }
}
